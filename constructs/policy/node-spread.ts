import type { EnvironmentPlacement } from "../model";
import { HOSTNAME_TOPOLOGY_KEY as HOSTNAME, SPREAD_RELAXED_ANNOTATION as RELAXED } from "../k8s/topology-spread";
import { type KubeObject, podTemplateOf, selects } from "./kubernetes-object";

/** What the node-loss check found for one Deployment: sentences for the contract's three lists. */
export interface NodeLossFindings {
  readonly refutations: string[];
  readonly evidence: string[];
  readonly risks: string[];
}

/**
 * Whether losing one node keeps a component at or above its PodDisruptionBudget's minAvailable.
 *
 * A drain through the eviction API never goes below minAvailable by itself: it waits. Two things make
 * it hold beyond that: the drain must be able to finish (each evicted pod's replacement must fit on
 * another node), and a node lost without eviction (a crash, a forced drain) takes every pod it holds
 * at once. With a required hostname spread (DoNotSchedule, maxSkew s) over N nodes, one node holds at
 * most min(R, ⌊(R + (N − 1)·s) / N⌋) of R pods (⌈R/N⌉ for s = 1), so the condition at the HPA minimum
 * is: that count ≤ the evictions the PDB allows at the minimum. Refuted when it cannot hold: fewer
 * than 2 nodes (a drain's replacements have nowhere to go), a cordoned node counted as a domain
 * (`nodeTaintsPolicy` not Honor), old ReplicaSets counted with the new (no `matchLabelKeys:
 * [pod-template-hash]`: the spread of the running revision is not guaranteed), or more pods per node
 * than the PDB lets go. Without a required spread where the environment spreads (a preferred one, or
 * a component's relaxed one), the scheduler may stack pods: a risk, with the reason given.
 * Only components with at least 2 pods at the minimum and a PDB allowing an eviction are judged (the
 * others are already risks or refutations).
 */
export function nodeLossFindings(
  deployment: KubeObject,
  min: number,
  pdbs: readonly KubeObject[],
  allowedAt: (pdb: KubeObject) => number,
  placement: Pick<EnvironmentPlacement, "spread" | "nodes">,
): NodeLossFindings {
  const found: NodeLossFindings = { refutations: [], evidence: [], risks: [] };
  if (min < 2 || pdbs.length === 0) return found;
  const template = podTemplateOf(deployment)!;
  const allowed = Math.min(...pdbs.map(allowedAt));
  // A PDB allowing no eviction is refuted by the contract already: node drains block.
  if (allowed < 1) return found;
  const minAvailable = min - allowed;
  const constraints = (Array.isArray(template.spec.topologySpreadConstraints) ? template.spec.topologySpreadConstraints : []) as Array<
    Record<string, any>
  >;
  const required = constraints.find(
    (c) =>
      c.topologyKey === HOSTNAME &&
      c.whenUnsatisfiable === "DoNotSchedule" &&
      selects(c.labelSelector?.matchLabels as Record<string, string> | undefined, template.labels),
  );
  if (!required) {
    if (placement.spread === "none") return found;
    const relaxed = deployment.metadata?.annotations?.[RELAXED];
    const why = relaxed ? `relaxed by the component: ${relaxed}` : `the environment's spread is ${placement.spread}`;
    found.risks.push(
      `pods are not required to spread across nodes (${why}): one node may hold several of the ${min} pods, and losing it may leave fewer than the PDB's minAvailable ${minAvailable}`,
    );
    return found;
  }
  const nodes = placement.nodes;
  if (nodes === undefined) {
    found.risks.push("the environment declares no node count: whether losing one node keeps the PDB's minAvailable is not checked");
    return found;
  }
  if (nodes < 2) {
    found.refutations.push(
      `a required spread over the environment's ${nodes} node leaves a drain nowhere to put the replacement pods: the drain blocks; relax the spread or add nodes`,
    );
    return found;
  }
  if (required.nodeTaintsPolicy !== "Honor")
    found.refutations.push(
      "the hostname spread counts cordoned nodes (nodeTaintsPolicy is not Honor): during a drain the emptied node holds every other node to one pod more, and replacement pods stay Pending; set nodeTaintsPolicy: Honor",
    );
  const keys: unknown = required.matchLabelKeys;
  if (!Array.isArray(keys) || !keys.includes("pod-template-hash"))
    found.refutations.push(
      "the hostname spread counts old and new ReplicaSets together (no matchLabelKeys: [pod-template-hash]): after a rollout the new pods may be stacked on a few nodes; add it",
    );
  const skew = typeof required.maxSkew === "number" && required.maxSkew >= 1 ? required.maxSkew : 1;
  const perNode = Math.min(min, Math.floor((min + (nodes - 1) * skew) / nodes));
  if (perNode > allowed)
    found.refutations.push(
      `spread over ${nodes} nodes (maxSkew ${skew}), one node may hold ${perNode} of the ${min} pods: losing it leaves ${min - perNode}, below the PDB's minAvailable ${minAvailable}; lower scaling.min to ${nodes * allowed} or less, or ask the platform team for more nodes`,
    );
  else if (found.refutations.length === 0)
    found.evidence.push(
      `required spread over ${nodes} nodes puts at most ${perNode} of the ${min} pods on one node: losing or draining a node leaves at least ${min - perNode} (PDB minAvailable ${minAvailable})`,
    );
  return found;
}
