import { probeHandlerKey } from "../../resolve";
import { describeObject, podTemplateOf } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";
import { SERVING_KINDS } from "./readiness-probe";

/** Label carrying the app's criticality on every object. */
export const CRITICALITY_LABEL = "beluga.io/criticality";

/**
 * Critical apps restart what is broken without restarting what is merely busy: a liveness probe is
 * required, and it must not check the same thing as readiness. A liveness probe on the readiness
 * endpoint restarts every pod when a shared dependency slows down — turning a degradation into an
 * outage.
 */
export const livenessDistinct: ObjectRule = {
  name: "beluga-liveness-distinct",
  description:
    "Containers of critical apps have a liveness probe distinct from their readiness probe, so a slow dependency takes pods out of the load balancer without restarting them all.",
  kinds: SERVING_KINDS,
  check(object) {
    const labels = object.metadata?.labels ?? {};
    const template = podTemplateOf(object);
    if (!template || (labels[CRITICALITY_LABEL] ?? template.labels[CRITICALITY_LABEL]) !== "critical") return [];
    const containers = Array.isArray(template.spec.containers) ? (template.spec.containers as Array<Record<string, any>>) : [];
    return containers.flatMap((c) => {
      const where = `${describeObject(object)} (container "${c.name ?? "?"}")`;
      if (!c.livenessProbe)
        return [
          `${where} belongs to a critical app but has no liveness probe, so a hung process is never restarted; declare probes.liveness on a liveness endpoint distinct from readiness.`,
        ];
      if (c.readinessProbe && probeHandlerKey(c.livenessProbe) === probeHandlerKey(c.readinessProbe)) {
        return [
          `${where} belongs to a critical app and its liveness probe checks the same endpoint as its readiness probe, so a slow dependency would restart every pod; point liveness at a distinct endpoint (e.g. the socle's liveness path).`,
        ];
      }
      return [];
    });
  },
};
