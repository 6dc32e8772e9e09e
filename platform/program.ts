import { BelugaPlatform, stackEnvironment } from "../constructs/pulumi";
import { apps } from "../apps/catalog";
import { environments } from "../environments";

/**
 * The platform program (root Pulumi project, one stack per environment): namespaces of every app with
 * their quota, limits, network baseline, team RBAC and deployer account.
 */
const env = stackEnvironment(environments);
const platform = new BelugaPlatform(`platform-${env.name}`, {
  env,
  tenants: apps.map((a) => ({ name: a.name, team: a.team, criticality: a.criticality })),
});

export const environment = env.name;
export const namespaces = platform.namespaces;
