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
  /**
   * Mandatory in every environment, Dev included, whatever its enforcement level: for rules whose
   * violation no deploy can survive (it would only wait for its deadline, then fail).
   */
  readonly alwaysMandatory?: boolean;
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
    enforcementLevel: rule.alwaysMandatory ? "mandatory" : ctx.enforcementLevel,
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
 * Stack policies see what the API server returned: the live state of unchanged resources (last
 * refresh), and for a preview the server-side dry run of each create or update. Either way a
 * Deployment has `spec.replicas` (the HPA, the controller or the API default of 1 sets it), which says
 * nothing about what was declared. Drop it from objects the server returned (with a `status`, a `uid`
 * or a `creationTimestamp`); only a declared object (unit harness, mocks) is judged on it. The
 * renderer never sets replicas under an HPA, and the construct tests pin that.
 */
export function declaredPart(object: KubeObject | undefined): KubeObject | undefined {
  const metadata = (object as { metadata?: { uid?: string; creationTimestamp?: string } } | undefined)?.metadata;
  const fromServer = Boolean((object as { status?: unknown } | undefined)?.status || metadata?.uid || metadata?.creationTimestamp);
  if (!object || object.kind !== "Deployment" || !fromServer) return object;
  const { replicas: _live, ...spec } = ((object as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
  return { ...object, spec } as KubeObject;
}
