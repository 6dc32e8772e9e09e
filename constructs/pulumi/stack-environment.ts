import * as pulumi from "@pulumi/pulumi";
import { ENV_DISPLAY, EnvName } from "../model";
import type { EnvironmentSpec } from "../model";

/**
 * The environment a stack deploys to: the `beluga:environment` config when set (e.g. a stack
 * `dev-feature-x` deploying to Dev), otherwise the stack name itself.
 * @throws pulumi.RunError (printed without a stack trace) when it is not dev, int, re7 or prod.
 */
export function stackEnvironment(environments: Readonly<Record<EnvName, EnvironmentSpec>>): EnvironmentSpec {
  const config = new pulumi.Config("beluga");
  const name = config.get("environment") ?? pulumi.getStack();
  const parsed = EnvName.safeParse(name);
  if (!parsed.success) {
    throw new pulumi.RunError(
      `stack ${pulumi.getStack()}: environment "${name}" is not one of ${Object.entries(ENV_DISPLAY).map(([k, v]) => `${k} (${v})`).join(", ")}; ` +
        "name the stack after its environment or set `pulumi config set beluga:environment <env>`",
    );
  }
  return environments[parsed.data];
}
