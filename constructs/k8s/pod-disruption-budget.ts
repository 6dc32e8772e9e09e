import { Construct } from "constructs";
import { KubePodDisruptionBudget } from "cdk8s-plus-27/lib/imports/k8s";
import { IntOrString } from "cdk8s-plus-27/lib/imports/k8s";

/** Props of a PodDisruptionBudget. */
export interface PodDisruptionBudgetProps {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Pods selected (the component's selector labels). */
  readonly selector: Record<string, string>;
  /** Pods that must stay available during voluntary disruptions; must be below the HPA minimum. */
  readonly minAvailable: number;
}

/**
 * A policy/v1 PodDisruptionBudget (cdk8s-plus-27 has none). Keeps node drains from taking a component
 * below `minAvailable`; kept strictly below the HPA minimum so drains can always make progress.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export class PodDisruptionBudget extends Construct {
  readonly minAvailable: number;
  constructor(scope: Construct, id: string, props: PodDisruptionBudgetProps) {
    super(scope, id);
    this.minAvailable = props.minAvailable;
    new KubePodDisruptionBudget(this, "Resource", {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels },
      spec: {
        minAvailable: IntOrString.fromNumber(props.minAvailable),
        selector: { matchLabels: props.selector },
        unhealthyPodEvictionPolicy: "AlwaysAllow",
      },
    });
  }
}
