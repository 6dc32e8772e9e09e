import { ENV_DISPLAY } from "../../model";
import { describeObject } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/** The floor of HPA minimums in Prod, whatever the environment file says. */
export const PROD_HPA_MIN = 2;

/**
 * HPA minimums at or above the environment's floor, and at least 2 in Prod: one pod is one node
 * drain, one crash or one slow start away from an outage.
 */
export const hpaMinimum: ObjectRule = {
  name: "beluga-hpa-minimum",
  description: "HorizontalPodAutoscalers keep at least the environment's replica floor (2 in Prod), so one pod lost to a crash, a node drain or a slow start never empties a component.",
  kinds: new Set(["HorizontalPodAutoscaler"]),
  check(object, ctx) {
    const floor = Math.max(ctx.env.replicas.hpaMinFloor, ctx.env.name === "prod" ? PROD_HPA_MIN : 1);
    const min = (object.spec as Record<string, any> | undefined)?.minReplicas;
    const effective = typeof min === "number" ? min : 1;
    if (effective >= floor) return [];
    const said = typeof min === "number" ? `minReplicas ${min}` : "no minReplicas (Kubernetes then uses 1)";
    return [`${describeObject(object)} has ${said}, below ${ENV_DISPLAY[ctx.env.name]}'s floor of ${floor}; set scaling.min to ${floor} or more.`];
  },
};
