import type { KubeObject } from "../kubernetes-object";
import { quotaOfObject, quotaOfObjects } from "../namespace-quota";
import type { PolicyContext } from "../policy-context";
import type { StackRule } from "../policy-rule";
import { type ContractReport, checkZeroDowntime } from "../zero-downtime-contract";

/**
 * The zero-downtime contract of each namespace of a stack that holds Deployments, against the
 * ResourceQuota in the stack or, when the stack has none (an app stack), the one the platform layer
 * derives for the app in this environment: the pack sees only the stack's objects, so the quota is
 * derived from them (`quotaOfObjects`, the same arithmetic as the platform render's) — within the
 * environment's `quota.maxPerApp`, which is what can refute.
 */
export function contractsOfStack(
  objects: readonly KubeObject[],
  ctx: PolicyContext,
): Array<{ namespace: string; members: KubeObject[]; report: ContractReport }> {
  const byNamespace = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const ns = o.metadata?.namespace;
    if (ns) byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), o]);
  }
  return [...byNamespace.entries()]
    .filter(([, members]) => members.some((o) => o.kind === "Deployment"))
    .map(([namespace, members]) => {
      const quotaObject = members.find((o) => o.kind === "ResourceQuota");
      const app = namespace.endsWith(`-${ctx.env.name}`) ? namespace.slice(0, -ctx.env.name.length - 1) : namespace;
      const quota = quotaObject ? quotaOfObject(quotaObject) : quotaOfObjects(ctx.env, app, members);
      return { namespace, members, report: checkZeroDowntime(members, quota, ctx.env.placement) };
    });
}

/**
 * The cross-object zero-downtime contract as a stack policy: a component whose rollout cannot be
 * proved free of downtime (strategy, readiness gating, drain vs grace period vs router delay,
 * HPA/PDB consistency, surge within the namespace quota) is reported with every reason.
 */
export const zeroDowntime: StackRule = {
  name: "beluga-zero-downtime",
  description:
    "Every Deployment's rollout is proved free of downtime across its objects: RollingUpdate without unavailability, readiness gating, preStop drain covering the router delay and shorter than the grace period, HPA/PDB consistency, and surge that fits the namespace quota.",
  check(objects, ctx) {
    return contractsOfStack(objects, ctx).flatMap(({ namespace, members, report }) => [
      ...report.components
        .filter((c) => c.verdict === "refuted")
        .map((c) => ({
          object: members.find((o) => o.kind === "Deployment" && o.metadata?.name === c.name),
          message: `Deployment ${namespace}/${c.name} cannot roll out without downtime: ${c.refutations.join("; ")}.`,
        })),
      // The quota is the namespace's: one violation, on the ResourceQuota when the stack holds it.
      ...(report.quotaRefutation
        ? [
            {
              object: members.find((o) => o.kind === "ResourceQuota") ?? members.find((o) => o.kind === "Deployment"),
              message: `Namespace ${namespace} cannot roll out its app without downtime: ${report.quotaRefutation}; lower scaling.max or the resource profiles, or ask the platform team to raise quota.maxPerApp of ${ctx.env.displayName}.`,
            },
          ]
        : []),
    ]);
  },
};
