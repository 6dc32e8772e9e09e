/**
 * What the chaos run checks after each round, as pure functions of what it read: the state's
 * unfinished operations, objects the cluster holds that the state does not (orphans) or the other way
 * round (missing), and every moment a Deployment had fewer ready pods than its HPA minimum.
 */

/** A Kubernetes object as `kind/namespace/name`. */
export type ObjectKey = string;

/** The Kubernetes objects an exported stack state says it manages (`kubernetes:<group>/<version>:<Kind>` resources). */
export function stateObjects(deployment: { resources?: readonly { type: string; id?: string; custom?: boolean }[] }): ObjectKey[] {
  return (deployment.resources ?? [])
    .filter((r) => r.custom !== false && r.type.startsWith("kubernetes:") && r.id)
    .map((r) => `${r.type.split(":").pop()}/${r.id}`)
    .sort();
}

/**
 * The difference between what the state manages and what the cluster holds, both as `kind/namespace/name`.
 * `ownedElsewhere`: objects another stack manages in the same place (the platform layer's default-deny,
 * allowances and deployer account in each app namespace), never orphans of this one.
 */
export function orphansAndMissing(
  state: readonly ObjectKey[],
  live: readonly ObjectKey[],
  ownedElsewhere: readonly ObjectKey[] = [],
): { orphans: ObjectKey[]; missing: ObjectKey[] } {
  const inState = new Set([...state, ...ownedElsewhere]);
  const inCluster = new Set(live);
  return {
    orphans: live.filter((k) => !inState.has(k)).sort(),
    missing: state.filter((k) => !inCluster.has(k)).sort(),
  };
}

/** One reading of a namespace: ready pods and HPA minimum per Deployment. */
export interface ReadySample {
  readonly at: number;
  readonly deployments: Readonly<Record<string, { readonly ready: number; readonly minimum: number }>>;
}

/** Every reading where a Deployment had fewer ready pods than its HPA minimum: `<deployment> ready r < min m at +t s`. */
export function belowMinimum(samples: readonly ReadySample[], startedAt: number): string[] {
  return samples.flatMap((s) =>
    Object.entries(s.deployments)
      .filter(([, d]) => d.ready < d.minimum)
      .map(([name, d]) => `${name} ready ${d.ready} < min ${d.minimum} at +${((s.at - startedAt) / 1000).toFixed(1)}s`),
  );
}

/** The fields of a listed Deployment or HorizontalPodAutoscaler the readiness check reads. */
export interface KubeItem {
  readonly kind: string;
  readonly metadata?: { readonly name: string };
  readonly spec?: { readonly scaleTargetRef?: { readonly name: string }; readonly minReplicas?: number };
  readonly status?: { readonly readyReplicas?: number };
}

/** Ready pods and HPA minimum per Deployment, from `kubectl get deployments,hpa -o json` of one namespace. */
export function readySample(at: number, list: { items: readonly KubeItem[] }): ReadySample {
  const minimum = new Map<string, number>();
  for (const item of list.items)
    if (item.kind === "HorizontalPodAutoscaler" && item.spec?.scaleTargetRef)
      minimum.set(item.spec.scaleTargetRef.name, item.spec.minReplicas ?? 1);
  const deployments: Record<string, { ready: number; minimum: number }> = {};
  for (const item of list.items) {
    if (item.kind !== "Deployment" || !item.metadata || !minimum.has(item.metadata.name)) continue;
    deployments[item.metadata.name] = { ready: item.status?.readyReplicas ?? 0, minimum: minimum.get(item.metadata.name)! };
  }
  return { at, deployments };
}
