import { describeObject } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/** Whether an intOrString is exactly zero (`0` or `"0%"`). */
function isZero(value: unknown): boolean {
  return value === 0 || value === "0" || value === "0%";
}

/** Whether an intOrString allows at least one extra pod (`1`, `"25%"`). */
function allowsSurge(value: unknown): boolean {
  if (typeof value === "number") return value >= 1;
  if (typeof value === "string") return /^[0-9]+%$/.test(value) ? Number(value.slice(0, -1)) > 0 : Number(value) >= 1;
  return false;
}

/**
 * Zero-downtime rollouts: RollingUpdate that never takes a ready pod away before its replacement is
 * ready (maxUnavailable 0) and may add at least one pod (maxSurge ≥ 1). Kubernetes' default (25 % /
 * 25 %) removes pods first on small Deployments.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
export const rollingUpdate: ObjectRule = {
  name: "beluga-rolling-update",
  description:
    "Deployments roll out with RollingUpdate, maxUnavailable 0 and maxSurge ≥ 1, so capacity never drops below the current replica count during a release.",
  kinds: new Set(["Deployment"]),
  check(object) {
    const strategy = ((object.spec as Record<string, any> | undefined)?.strategy ?? {}) as Record<string, any>;
    const where = describeObject(object);
    if (strategy.type === "Recreate")
      return [
        `${where} uses the Recreate strategy, which stops every pod before starting new ones; use RollingUpdate with maxUnavailable 0 and maxSurge 1.`,
      ];
    const rolling = (strategy.rollingUpdate ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    if (!isZero(rolling.maxUnavailable)) {
      problems.push(
        `${where} allows ${rolling.maxUnavailable === undefined ? "the default 25%" : JSON.stringify(rolling.maxUnavailable)} of its pods to be unavailable during a rollout, which drops capacity; set strategy.rollingUpdate.maxUnavailable to 0.`,
      );
    }
    if (rolling.maxSurge !== undefined && !allowsSurge(rolling.maxSurge)) {
      problems.push(
        `${where} sets maxSurge ${JSON.stringify(rolling.maxSurge)}, so with maxUnavailable 0 a rollout can never start a new pod; set strategy.rollingUpdate.maxSurge to 1 or more.`,
      );
    }
    return problems;
  },
};
