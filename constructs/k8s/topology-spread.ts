import type { ResolvedPlacement } from "../resolve";

/** Node label the hostname spread counts pods by. */
export const HOSTNAME_TOPOLOGY_KEY = "kubernetes.io/hostname";
/** Node label the zone spread counts pods by. */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
/** Deployment annotation carrying the reason a component relaxes the environment's spread. */
export const SPREAD_RELAXED_ANNOTATION = "beluga.io/spread-relaxed";
/** Label the Deployment controller puts on each ReplicaSet's pods. */
const POD_TEMPLATE_HASH = "pod-template-hash";

/** One `topologySpreadConstraints` entry, as the API server reads it. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  readonly labelSelector: { readonly matchLabels: Readonly<Record<string, string>> };
  readonly matchLabelKeys: readonly string[];
  readonly nodeTaintsPolicy: "Honor" | "Ignore";
}

/**
 * The spread constraints of a component's pods: across nodes, and zones when the environment says so;
 * none when it spreads nothing. maxSkew 1 (one node holds at most its share, rounded up).
 * `matchLabelKeys: [pod-template-hash]` counts only the pods of the same ReplicaSet, so a rollout
 * spreads the new pods on their own instead of around the old ones it is about to remove (which
 * would leave the new ReplicaSet stacked on a few nodes). `nodeTaintsPolicy: Honor` leaves out nodes
 * the pods cannot go to — a cordoned node being drained among them: counted, its emptied domain
 * would hold every other node to one pod more, and replacements would stay Pending.
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export function topologySpreadConstraints(
  placement: ResolvedPlacement,
  selector: Readonly<Record<string, string>>,
): TopologySpreadConstraint[] {
  if (placement.spread === "none") return [];
  const keys = placement.zones ? [HOSTNAME_TOPOLOGY_KEY, ZONE_TOPOLOGY_KEY] : [HOSTNAME_TOPOLOGY_KEY];
  return keys.map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: placement.spread === "required" ? "DoNotSchedule" : "ScheduleAnyway",
    labelSelector: { matchLabels: { ...selector } },
    matchLabelKeys: [POD_TEMPLATE_HASH],
    nodeTaintsPolicy: "Honor",
  }));
}
