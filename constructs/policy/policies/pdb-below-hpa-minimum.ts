import { describeObject } from "../kubernetes-object";
import type { StackRule } from "../policy-rule";
import { disruptionsAllowed, hpaMin, workloadGraph } from "../workload-graph";

/**
 * A PodDisruptionBudget must let at least one pod go at the HPA minimum: `minAvailable` equal to
 * the minimum blocks every node drain (cluster upgrades stall), and a PDB that selects no pod
 * protects nothing.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export const pdbBelowHpaMinimum: StackRule = {
  name: "beluga-pdb-below-hpa-minimum",
  description:
    "PodDisruptionBudgets stay below the HPA minimum (at least one pod may be evicted at the minimum replica count) and select the pods of a Deployment of the stack.",
  check(objects) {
    const graph = workloadGraph(objects);
    return objects
      .filter((o) => o.kind === "PodDisruptionBudget")
      .flatMap((pdb) => {
        const targets = graph.selectedBy(pdb);
        if (targets.length === 0) {
          return [
            {
              object: pdb,
              message: `${describeObject(pdb)} selects no pod of any Deployment in this stack, so it protects nothing; make spec.selector.matchLabels match the component's pod labels or remove it.`,
            },
          ];
        }
        return targets.flatMap((deployment) => {
          const hpa = graph.hpaOf(deployment);
          const declared = (deployment.spec as Record<string, any> | undefined)?.replicas;
          const min = hpa ? hpaMin(hpa) : typeof declared === "number" ? declared : 1;
          if (disruptionsAllowed(pdb, min) >= 1) return [];
          return [
            {
              object: pdb,
              message: `${describeObject(pdb)} allows no eviction when ${describeObject(deployment)} runs its minimum of ${min} pod(s), so node drains and cluster upgrades would block; keep minAvailable below ${min} (Beluga renders min - 1) or raise scaling.min.`,
            },
          ];
        });
      });
  },
};
