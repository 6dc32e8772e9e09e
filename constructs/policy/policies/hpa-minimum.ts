import { describeObject } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/**
 * HPA minimums at or above the environment's floor (`replicas.hpaMinFloor`, 2 in RE7 and Prod): one
 * pod is one node drain, one crash or one slow start away from an outage.
 */
export const hpaMinimum: ObjectRule = {
  name: "beluga-hpa-minimum",
  description:
    "HorizontalPodAutoscalers keep at least the environment's replica floor (2 in Prod), so one pod lost to a crash, a node drain or a slow start never empties a component.",
  kinds: new Set(["HorizontalPodAutoscaler"]),
  check(object, ctx) {
    const floor = ctx.env.replicas.hpaMinFloor;
    const min = (object.spec as Record<string, any> | undefined)?.minReplicas;
    const effective = typeof min === "number" ? min : 1;
    if (effective >= floor) return [];
    const said = typeof min === "number" ? `minReplicas ${min}` : "no minReplicas (Kubernetes then uses 1)";
    return [
      `${describeObject(object)} has ${said}, below ${ctx.env.displayName}'s floor of ${floor}; set scaling.min to ${floor} or more.`,
    ];
  },
};
