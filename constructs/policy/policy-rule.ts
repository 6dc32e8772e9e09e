import type { ReportViolation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { type KubeObject, kubeObjectOf } from "./kubernetes-object";
import type { PolicyContext } from "./policy-context";

/** What every Beluga policy declares: a stable name, and what it checks and why (shown by the CLI). */
export interface RuleInfo {
  /** Policy name as the CLI prints it, kebab-case, prefixed `beluga-`. */
  readonly name: string;
  /** What the rule checks and why it matters, in one or two sentences. */
  readonly description: string;
}

/** A rule judging one Kubernetes object at a time. Returns one full sentence per violation. */
export interface ObjectRule extends RuleInfo {
  /** Kinds the rule looks at; other objects are reported as not applicable. */
  readonly kinds: ReadonlySet<string>;
  check(object: KubeObject, ctx: PolicyContext): string[];
}

/** A violation found across objects, attached to the object it is about. */
export interface StackViolation {
  readonly message: string;
  readonly object?: KubeObject;
}

/** A rule judging the objects of a stack together (an HPA and the Deployment it scales...). */
export interface StackRule extends RuleInfo {
  check(objects: readonly KubeObject[], ctx: PolicyContext): StackViolation[];
}

/** The @pulumi/policy resource policy of an object rule, at the context's enforcement level. */
export function resourcePolicy(rule: ObjectRule, ctx: PolicyContext): ResourceValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: ctx.enforcementLevel,
    validateResource: (args, reportViolation: ReportViolation) => {
      const object = kubeObjectOf(args.type, args.props);
      if (!object || !rule.kinds.has(object.kind ?? "")) return;
      for (const message of rule.check(object, ctx)) reportViolation(message);
    },
  };
}

/** The @pulumi/policy stack policy of a stack rule: violations point at the URN of their object. */
export function stackPolicy(rule: StackRule, ctx: PolicyContext): StackValidationPolicy {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: ctx.enforcementLevel,
    validateStack: (args, reportViolation: ReportViolation) => {
      const urns = new Map<KubeObject, string>();
      const objects: KubeObject[] = [];
      for (const resource of args.resources) {
        const object = declaredPart(kubeObjectOf(resource.type, resource.props));
        if (!object) continue;
        objects.push(object);
        urns.set(object, resource.urn);
      }
      for (const violation of rule.check(objects, ctx)) {
        reportViolation(violation.message, violation.object ? urns.get(violation.object) : undefined);
      }
    },
  };
}

/**
 * Stack policies see the state of unchanged resources as the cluster reported it at the last refresh:
 * a live Deployment always has `spec.replicas` (the HPA or the controller sets it), which says nothing
 * about what was declared. Drop it from live objects (those with a `status`); declared objects, the
 * ones a preview is changing, keep it and are judged on it.
 */
export function declaredPart(object: KubeObject | undefined): KubeObject | undefined {
  if (!object || object.kind !== "Deployment" || !(object as { status?: unknown }).status) return object;
  const { replicas: _live, ...spec } = ((object as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
  return { ...object, spec } as KubeObject;
}
