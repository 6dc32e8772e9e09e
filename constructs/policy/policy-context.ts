import type { EnforcementLevel } from "@pulumi/policy";
import type { CatalogSpec, EnvironmentSpec } from "../model";
import type { BelugaInstance } from "../instance";

/**
 * What every policy needs to know about the stack it judges: the environment's rules (registry,
 * digests, socle states, replica floors, quota), the platform catalog, and how hard to enforce.
 */
export interface PolicyContext {
  readonly env: EnvironmentSpec;
  readonly catalog: CatalogSpec;
  /** From `EnvironmentSpec.policyEnforcement` (advisory in Dev, mandatory in Int, RE7 and Prod here). */
  readonly enforcementLevel: EnforcementLevel;
  /** Set when the stack maps to no environment: policies then judge by the first environment's rules, advisory only. */
  readonly unknownStack?: string;
  /** With `unknownStack`: the environment names the stack could have been named after. */
  readonly knownEnvironments?: readonly string[];
  /**
   * Annotations of the namespaces the stack deploys into, when the caller knows them (read from the
   * cluster, or rendered by the platform layer: `sccAnnotationsFor`). The restricted-v2 rule reads the
   * namespace's UID range from them.
   * @default - none known: a pod fixing a UID or GID is refused, since no range can admit it
   */
  readonly namespaceAnnotations?: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/** Context of a named environment of an instance, with the enforcement level that environment declares. @throws UnknownNameError */
export function policyContextFor(instance: BelugaInstance, envName: string): PolicyContext {
  const env = instance.environments.get(envName);
  return { env, catalog: instance.catalog, enforcementLevel: env.policyEnforcement };
}

/** The stack the Pulumi CLI runs a policy pack for: its name and its configuration. */
export interface PolicyStack {
  /** `PULUMI_STACK` (or `PULUMI_NODEJS_STACK`). */
  readonly stack?: string;
  /** The stack configuration as the CLI passes it in `PULUMI_CONFIG` (JSON text). */
  readonly configJson?: string;
}

/**
 * The context of the stack a pack runs for: `beluga:environment` in its configuration wins over the
 * stack name, as in the app programs (a stack `dev-feature-x` deploying to Dev). A stack that maps to
 * no environment is judged by the first environment's rules, advisory only, and says so.
 * @see https://www.pulumi.com/docs/iac/using-pulumi/crossguard/core-concepts/
 */
export function policyContextOfStack(instance: BelugaInstance, stack: PolicyStack): PolicyContext {
  let configured: string | undefined;
  try {
    const config = JSON.parse(stack.configJson ?? "{}") as Record<string, string>;
    configured = config["beluga:environment"];
  } catch {
    configured = undefined;
  }
  const name = configured ?? stack.stack ?? "";
  if (instance.environments.has(name)) return policyContextFor(instance, name);
  const first = instance.environments.list[0];
  return {
    ...policyContextFor(instance, first.name),
    enforcementLevel: "advisory",
    unknownStack: name || "<no stack name>",
    knownEnvironments: instance.environments.names,
  };
}
