import { describeObject, type KubeObject } from "../kubernetes-object";
import type { StackRule } from "../policy-rule";

/** Whether a NetworkPolicy denies all ingress and egress to every pod of its namespace. */
function isDefaultDeny(policy: KubeObject): boolean {
  const spec = (policy.spec ?? {}) as Record<string, any>;
  const selector = spec.podSelector ?? {};
  const everyPod = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  const types: unknown[] = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  const empty = (rules: unknown) => !Array.isArray(rules) || rules.length === 0;
  return everyPod && types.includes("Ingress") && types.includes("Egress") && empty(spec.ingress) && empty(spec.egress);
}

/**
 * Every namespace starts closed: the stack that creates a namespace also creates its default-deny
 * NetworkPolicy, and no NetworkPolicy reopens ingress to every source (a rule without `from`).
 * Allowed traffic is then exactly what the declarations imply.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-and-all-egress-traffic
 */
export const defaultDenyNetworkPolicy: StackRule = {
  name: "beluga-default-deny-network-policy",
  description:
    "Each namespace a stack creates has a default-deny NetworkPolicy (all pods, Ingress and Egress, no rules), and no NetworkPolicy admits ingress from every source.",
  check(objects) {
    const policies = objects.filter((o) => o.kind === "NetworkPolicy");
    const missing = objects
      .filter((o) => o.kind === "Namespace")
      .filter((ns) => !policies.some((p) => p.metadata?.namespace === ns.metadata?.name && isDefaultDeny(p)))
      .map((ns) => ({
        object: ns,
        message: `${describeObject(ns)} has no default-deny NetworkPolicy, so every pod in it accepts traffic from anywhere; add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] in the same stack (the platform layer renders "default-deny").`,
      }));
    const openers = policies.flatMap((p) => {
      const ingress: Array<Record<string, any>> = Array.isArray((p.spec as Record<string, any> | undefined)?.ingress)
        ? (p.spec as Record<string, any>).ingress
        : [];
      const open = ingress.some(
        (rule) =>
          !Array.isArray(rule.from) ||
          rule.from.length === 0 ||
          rule.from.some((peer: Record<string, any>) => Object.keys(peer ?? {}).length === 0),
      );
      return open
        ? [
            {
              object: p,
              message: `${describeObject(p)} has an ingress rule without sources, which admits traffic from every pod of every namespace and undoes the default deny; name the calling components (dependsOn) instead.`,
            },
          ]
        : [];
    });
    return [...missing, ...openers];
  },
};
