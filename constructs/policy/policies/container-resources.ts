import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

const REQUIRED = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] as const;

/**
 * Requests and limits on every container: requests are what the scheduler and the namespace quota
 * count (and what a rollout's surge must fit in); limits keep one pod from starving its neighbours.
 */
export const containerResources: ObjectRule = {
  name: "beluga-container-resources",
  description:
    "Every container sets CPU and memory requests and limits, so scheduling, quota accounting and rollout surge are predictable and no pod starves its neighbours.",
  kinds: WORKLOAD_KINDS,
  check(object) {
    const template = podTemplateOf(object);
    if (!template) return [];
    return containersOf(template).flatMap((container) => {
      const missing = REQUIRED.filter((field) => {
        const [group, resource] = field.split(".") as ["requests" | "limits", string];
        const value = container.resources?.[group]?.[resource];
        return value === undefined || value === null || value === "";
      });
      if (missing.length === 0) return [];
      return [
        `${describeObject(object)} (container "${container.name ?? "?"}") sets no ${missing.join(", ")}; declare resources (a profile S, M, L or XL, or explicit cpu/memory) so the container has both requests and limits.`,
      ];
    });
  },
};
