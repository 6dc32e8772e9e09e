import type { EnforcementLevel, Policies, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { type KubeObject, pulumiTypeOf } from "./kubernetes-object";

/** A violation as the Pulumi CLI would print it. */
export interface PolicyFinding {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly message: string;
  /** URN of the resource the violation is about, when it names one. */
  readonly urn?: string;
}

/** URN a rendered object would get in a stack (type and `<namespace>/<name>`, as constructs/pulumi names it). */
export function urnOf(object: KubeObject, stack = "stack", project = "project"): string {
  const name = object.metadata?.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata?.name;
  return `urn:pulumi:${stack}::${project}::${pulumiTypeOf(object)}::${name}`;
}

const OPTIONS = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

/**
 * Runs policies over rendered objects the way the policy analyzer does: `validateResource` once per
 * object with ResourceValidationArgs, then `validateStack` once with every object. Used by tests, the
 * fuzzer and the `contract` command to judge objects without an engine.
 */
export async function evaluatePolicies(policies: Policies, objects: readonly KubeObject[]): Promise<PolicyFinding[]> {
  const findings: PolicyFinding[] = [];
  const notApplicable = (reason?: string): never => {
    throw Object.assign(new Error(reason ?? "not applicable"), { notApplicable: true });
  };
  const run = async (fn: () => unknown) => {
    try {
      await fn();
    } catch (error) {
      if (!(error as { notApplicable?: boolean }).notApplicable) throw error;
    }
  };
  for (const policy of policies) {
    const level = policy.enforcementLevel ?? "advisory";
    if (level === "disabled") continue;
    const report = (message: string, urn?: string) => findings.push({ policy: policy.name, enforcementLevel: level, message, urn });
    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
      for (const object of objects) {
        const type = pulumiTypeOf(object);
        const urn = urnOf(object);
        const args: ResourceValidationArgs = {
          type,
          props: object as Record<string, any>,
          urn,
          name: urn.split("::").pop()!,
          opts: OPTIONS,
          stackTags: new Map(),
          isType: () => false,
          asType: () => undefined,
          getConfig: <T extends object>() => ({}) as T,
          notApplicable,
        };
        for (const validate of validations) await run(() => validate(args, (message, u) => report(message, u ?? urn)));
      }
    }
    if ("validateStack" in policy) {
      const args: StackValidationArgs = {
        resources: objects.map((object) => {
          const urn = urnOf(object);
          return {
            type: pulumiTypeOf(object),
            props: object as Record<string, any>,
            urn,
            name: urn.split("::").pop()!,
            opts: OPTIONS,
            dependencies: [],
            propertyDependencies: {},
            isType: () => false,
            asType: () => undefined,
          };
        }),
        stackTags: new Map(),
        getConfig: <T extends object>() => ({}) as T,
        notApplicable,
      };
      await run(() => policy.validateStack(args, report));
    }
  }
  return findings;
}
