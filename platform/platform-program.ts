import { BelugaPlatform, stackEnvironment } from "../constructs/pulumi";
import { beluga } from "./instance";

/**
 * The platform program (root Pulumi project, one stack per environment): namespaces of every app with
 * their quota (derived from each app's declaration), limits, network baseline, team RBAC and deployer account. A function, so the same
 * program runs from `platform/program.ts` (`pulumi up` at the root) and as an Automation API inline
 * program (the local platform, where no Node.js language plugin can be built).
 */
export function platformProgram() {
  const env = stackEnvironment(beluga.environments);
  const platform = new BelugaPlatform(`platform-${env.name}`, {
    env,
    tenants: beluga.tenants(env),
  });
  return { environment: env.name, namespaces: platform.namespaces };
}
