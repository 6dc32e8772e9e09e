import { type KubeObject, podTemplateOf, selects } from "./kubernetes-object";

/**
 * How the objects of a stack relate: which HPA scales which Deployment, which PDB protects which
 * pods. Matching is by namespace and name (HPA scaleTargetRef) or by labels (PDB selector), as the
 * controllers themselves do.
 */
export interface WorkloadGraph {
  readonly deployments: readonly KubeObject[];
  /** The HPA scaling a Deployment, if any. */
  hpaOf(deployment: KubeObject): KubeObject | undefined;
  /** The PDBs selecting a Deployment's pods. */
  pdbsOf(deployment: KubeObject): KubeObject[];
  /** The Deployments whose pods a PDB selects. */
  selectedBy(pdb: KubeObject): KubeObject[];
}

const namespaceOf = (o: KubeObject) => o.metadata?.namespace ?? "default";

/** The graph of a set of objects. */
export function workloadGraph(objects: readonly KubeObject[]): WorkloadGraph {
  const deployments = objects.filter((o) => o.kind === "Deployment");
  const hpas = objects.filter((o) => o.kind === "HorizontalPodAutoscaler");
  const pdbs = objects.filter((o) => o.kind === "PodDisruptionBudget");
  const podLabels = (d: KubeObject) => podTemplateOf(d)?.labels ?? {};
  const selectorOf = (pdb: KubeObject) =>
    ((pdb.spec as Record<string, any> | undefined)?.selector?.matchLabels ?? {}) as Record<string, string>;
  const selectedBy = (pdb: KubeObject) =>
    deployments.filter((d) => namespaceOf(d) === namespaceOf(pdb) && selects(selectorOf(pdb), podLabels(d)));
  return {
    deployments,
    hpaOf: (deployment) =>
      hpas.find((h) => {
        const ref = (h.spec as Record<string, any> | undefined)?.scaleTargetRef ?? {};
        return namespaceOf(h) === namespaceOf(deployment) && ref.kind === "Deployment" && ref.name === deployment.metadata?.name;
      }),
    pdbsOf: (deployment) => pdbs.filter((p) => selectedBy(p).includes(deployment)),
    selectedBy,
  };
}

/** minReplicas of an HPA (Kubernetes defaults it to 1). */
export function hpaMin(hpa: KubeObject): number {
  const min = (hpa.spec as Record<string, any> | undefined)?.minReplicas;
  return typeof min === "number" ? min : 1;
}

/** maxReplicas of an HPA. */
export function hpaMax(hpa: KubeObject): number {
  const max = (hpa.spec as Record<string, any> | undefined)?.maxReplicas;
  return typeof max === "number" ? max : hpaMin(hpa);
}

/**
 * Pods a PDB lets a voluntary disruption take down when `replicas` pods run: 0 means a node drain
 * blocks forever. Percentages round as the disruption controller rounds them (minAvailable up,
 * maxUnavailable up).
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages
 */
export function disruptionsAllowed(pdb: KubeObject, replicas: number): number {
  const spec = (pdb.spec ?? {}) as Record<string, any>;
  const amount = (value: unknown, roundUp: boolean) => {
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^[0-9]+%$/.test(value)) {
      const exact = (Number(value.slice(0, -1)) * replicas) / 100;
      return roundUp ? Math.ceil(exact) : Math.floor(exact);
    }
    return Number(value);
  };
  if (spec.maxUnavailable !== undefined) return Math.max(0, Math.min(replicas, amount(spec.maxUnavailable, true)));
  if (spec.minAvailable !== undefined) return Math.max(0, replicas - amount(spec.minAvailable, true));
  return replicas;
}
