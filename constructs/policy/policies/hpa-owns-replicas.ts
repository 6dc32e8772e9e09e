import { describeObject } from "../kubernetes-object";
import type { StackRule } from "../policy-rule";
import { workloadGraph } from "../workload-graph";

/**
 * The HPA owns the replica count: a Deployment it scales must not set `spec.replicas`, or every
 * `pulumi up` resets the count to the declared number — scaling a loaded component down in the middle
 * of the day.
 */
export const hpaOwnsReplicas: StackRule = {
  name: "beluga-hpa-owns-replicas",
  description:
    "Deployments scaled by a HorizontalPodAutoscaler leave spec.replicas unset, so a deployment never overrides the autoscaler and scales a loaded component down.",
  check(objects) {
    const graph = workloadGraph(objects);
    return graph.deployments.flatMap((deployment) => {
      const hpa = graph.hpaOf(deployment);
      const replicas = (deployment.spec as Record<string, any> | undefined)?.replicas;
      if (!hpa || replicas === undefined) return [];
      return [
        {
          object: deployment,
          message: `${describeObject(deployment)} sets replicas ${JSON.stringify(replicas)} although ${describeObject(hpa)} scales it, so every deployment would reset the autoscaler's count; remove spec.replicas and let scaling.min/max drive the HPA.`,
        },
      ];
    });
  },
};
