import type { EnforcementLevel } from "@pulumi/policy";
import { type CatalogSpec, EnvName, type EnvironmentSpec } from "../model";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";

/**
 * What every policy needs to know about the stack it judges: the environment's rules (registry,
 * digests, socle states, replica floors, quota), the platform catalog, and how hard to enforce.
 */
export interface PolicyContext {
  readonly env: EnvironmentSpec;
  readonly catalog: CatalogSpec;
  /** advisory in Dev, mandatory in Int, RE7 and Prod (from `EnvironmentSpec.policyEnforcement`). */
  readonly enforcementLevel: EnforcementLevel;
  /** Set when the stack maps to no environment: policies then judge by Dev's rules, advisory only. */
  readonly unknownStack?: string;
}

/** Context of a named environment, with the enforcement level that environment declares. */
export function policyContextFor(envName: EnvName, catalogSpec: CatalogSpec = catalog): PolicyContext {
  const env = environments[envName];
  return { env, catalog: catalogSpec, enforcementLevel: env.policyEnforcement };
}

/**
 * The context of the stack the Pulumi CLI runs this pack for. The CLI starts the pack with the stack's
 * name in `PULUMI_STACK` (and `PULUMI_NODEJS_STACK`) and its configuration as JSON in `PULUMI_CONFIG`;
 * `beluga:environment` in that configuration wins over the stack name, as in the app programs
 * (a stack `dev-feature-x` deploying to Dev).
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/
 */
export function policyContextFromProcess(processEnv: NodeJS.ProcessEnv = process.env): PolicyContext {
  const stack = processEnv.PULUMI_STACK ?? processEnv.PULUMI_NODEJS_STACK ?? "";
  let configured: string | undefined;
  try {
    const config = JSON.parse(processEnv.PULUMI_CONFIG ?? "{}") as Record<string, string>;
    configured = config["beluga:environment"];
  } catch {
    configured = undefined;
  }
  const name = configured ?? stack;
  const parsed = EnvName.safeParse(name);
  if (parsed.success) return policyContextFor(parsed.data);
  return { ...policyContextFor("dev"), enforcementLevel: "advisory", unknownStack: name || "<no stack name>" };
}
