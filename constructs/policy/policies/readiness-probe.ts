import { describeObject, podTemplateOf } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/** Long-running workloads: their pods receive traffic, so readiness gates it. */
export const SERVING_KINDS: ReadonlySet<string> = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/**
 * A readiness probe on every container of a long-running workload: without one, a new pod receives
 * traffic the moment its process starts and a rolling update sends requests to pods not ready yet.
 */
export const readinessProbe: ObjectRule = {
  name: "beluga-readiness-probe",
  description:
    "Every container of a Deployment, StatefulSet or DaemonSet has a readiness probe, so rolling updates only send traffic to pods that are ready for it.",
  kinds: SERVING_KINDS,
  check(object) {
    const template = podTemplateOf(object);
    if (!template) return [];
    const containers = Array.isArray(template.spec.containers) ? (template.spec.containers as Array<Record<string, any>>) : [];
    return containers
      .filter((c) => !c.readinessProbe)
      .map(
        (c) =>
          `${describeObject(object)} (container "${c.name ?? "?"}") has no readiness probe, so a rolling update would route traffic to pods that are not ready; declare probes.readiness (or keep the socle's default).`,
      );
  },
};
