import { describeObject, type KubeObject, podTemplateOf } from "./kubernetes-object";
import { parseQuantity, showCpu, showMemory } from "./kube-quantity";
import type { NamespaceQuota } from "./namespace-quota";
import { DEFAULT_GRACE_SECONDS, drainSecondsOf, estimateRollout, type RolloutEstimate, surgeAt } from "./rollout-estimate";
import { disruptionsAllowed, hpaMax, hpaMin, workloadGraph } from "./workload-graph";
import type { EnvironmentPlacement } from "../model";
import { nodeLossFindings } from "./node-spread";

/**
 * Seconds the router and kube-proxy may keep sending new connections to a pod after it is marked
 * terminating (endpoint removal propagates asynchronously). The preStop drain must cover it.
 * @see https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/
 */
export const ROUTER_DRAIN_SECONDS = 5;

/** The verdict on one component: proved (every condition holds) or refuted (with the reasons). */
export interface ComponentContract {
  /** The Deployment's name, e.g. `sinistre-api`. */
  readonly name: string;
  readonly namespace: string;
  readonly verdict: "proved" | "refuted";
  /** Why zero downtime does not hold; empty when proved. */
  readonly refutations: readonly string[];
  /** What holds, in the order checked: the proof when nothing is refuted. */
  readonly evidence: readonly string[];
  /**
   * Availability risks outside rollouts (a single pod, no PodDisruptionBudget): reported, but they do
   * not refute a zero-downtime rollout, and environments may accept them (Dev and Int allow 1 pod).
   */
  readonly risks: readonly string[];
  /** Rollout at the HPA minimum and at its maximum. */
  readonly rollout: { readonly atMin: RolloutEstimate; readonly atMax: RolloutEstimate };
}

/** Resources a namespace needs in the worst case: every component at its maximum, all rolling at once. */
export interface SurgeNeed {
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
  readonly pods: number;
}

/** The contract of every component of one namespace. */
export interface ContractReport {
  readonly namespace: string;
  readonly components: readonly ComponentContract[];
  readonly need: SurgeNeed;
  readonly quota: NamespaceQuota;
  /** Quota dimensions a worst-case rollout would exceed, as sentences. */
  readonly quotaShortfalls: readonly string[];
  /**
   * Why the namespace's quota refutes zero downtime, once for the whole app (every component shares the
   * quota); absent when the surge fits. Counts against `proved`, not against any one component.
   */
  readonly quotaRefutation?: string;
  /** Resources of every component at its minimum, no rollout running: what the namespace must always hold. */
  readonly needAtMinimum: SurgeNeed;
  /** Quota dimensions even the minimum exceeds: pods that can never all start, so no deploy can finish. */
  readonly minimumShortfalls: readonly string[];
  readonly proved: boolean;
}

interface PodResources {
  cpu: number;
  memory: number;
  limitsCpu: number;
  limitsMemory: number;
}

/** Requests and limits of one pod: sum of containers, or the largest init container if larger. */
function podResources(object: KubeObject): PodResources {
  const template = podTemplateOf(object);
  const read = (containers: unknown, group: "requests" | "limits", resource: string) =>
    (Array.isArray(containers) ? containers : []).map(
      (c: Record<string, any>) => parseQuantity(c.resources?.[group]?.[resource] ?? 0) || 0,
    );
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const of = (group: "requests" | "limits", resource: string) =>
    Math.max(sum(read(template?.spec.containers, group, resource)), ...read(template?.spec.initContainers, group, resource), 0);
  return {
    cpu: of("requests", "cpu"),
    memory: of("requests", "memory"),
    limitsCpu: of("limits", "cpu"),
    limitsMemory: of("limits", "memory"),
  };
}

/** A namespace's needs from its objects (see `surgeNeedOf`). */
export interface NamespaceNeeds {
  /** Every Deployment at its maximum plus its surge, one pod per CronJob that is not suspended. */
  readonly need: SurgeNeed;
  /** Every Deployment at its minimum, no rollout running. */
  readonly needAtMinimum: SurgeNeed;
  /** The largest pod, dimension by dimension. */
  readonly largestPod: SurgeNeed;
}

/** Replica bounds of a Deployment: its HPA's, or its fixed count. */
function replicaBounds(deployment: KubeObject, graph: ReturnType<typeof workloadGraph>): { min: number; max: number } {
  const spec = (deployment.spec ?? {}) as Record<string, any>;
  const hpa = graph.hpaOf(deployment);
  const min = hpa ? hpaMin(hpa) : typeof spec.replicas === "number" ? spec.replicas : 1;
  return { min, max: hpa ? hpaMax(hpa) : min };
}

/**
 * What a namespace's objects need from its quota: the worst case (every Deployment at its maximum
 * plus its surge, all rolling at once, and a run of every CronJob that is not suspended), the minimum,
 * and the largest pod. Pure; the platform layer derives each app's ResourceQuota the same way.
 */
export function surgeNeedOf(objects: readonly KubeObject[]): NamespaceNeeds {
  const graph = workloadGraph(objects);
  const need = emptyNeed();
  const needAtMinimum = emptyNeed();
  const largestPod = emptyNeed();
  const add = (pod: PodResources, count: number, into: ReturnType<typeof emptyNeed>) => {
    into.requestsCpu += pod.cpu * count;
    into.requestsMemory += pod.memory * count;
    into.limitsCpu += pod.limitsCpu * count;
    into.limitsMemory += pod.limitsMemory * count;
    into.pods += count;
  };
  const grow = (pod: PodResources) => {
    largestPod.requestsCpu = Math.max(largestPod.requestsCpu, pod.cpu);
    largestPod.requestsMemory = Math.max(largestPod.requestsMemory, pod.memory);
    largestPod.limitsCpu = Math.max(largestPod.limitsCpu, pod.limitsCpu);
    largestPod.limitsMemory = Math.max(largestPod.limitsMemory, pod.limitsMemory);
    largestPod.pods = 1;
  };
  for (const deployment of graph.deployments) {
    const { min, max } = replicaBounds(deployment, graph);
    const pod = podResources(deployment);
    add(pod, max + surgeAt(deployment, max), need);
    add(pod, min, needAtMinimum);
    grow(pod);
  }
  // A CronJob's run shares the quota with the rollouts (one run at a time unless concurrency Allow).
  for (const cron of objects.filter((o) => o.kind === "CronJob")) {
    const cronSpec = (cron.spec ?? {}) as Record<string, any>;
    if (cronSpec.suspend !== true) add(podResources(cron), 1, need);
    grow(podResources(cron));
  }
  return { need, needAtMinimum, largestPod };
}

/**
 * Proves or refutes zero downtime for every Deployment among `objects` (one app in one namespace),
 * across objects rather than field by field:
 * - the strategy never removes a ready pod before its replacement is ready (maxUnavailable 0, surge ≥ 1);
 * - new pods receive traffic only once ready (a readiness probe on every container);
 * - old pods keep serving while the router forgets them (preStop drain ≥ the router's delay) and
 *   are not killed mid-drain (drain < terminationGracePeriodSeconds);
 * - the HPA owns the count (no spec.replicas) and the PDB lets a node drain proceed (one pod or a
 *   missing PDB are availability risks, reported apart: environments may accept them);
 * - the surge fits the namespace quota even with every component at its maximum and all rolling at
 *   once (Pulumi updates them in parallel): a surge pod the quota refuses is hidden downtime — the
 *   rollout stalls with the old pods, then fails at its progress deadline. The quota is the app's, so
 *   this is judged once for the namespace (`quotaRefutation`), not once per component;
 * - with the environment's placement given: losing or draining one node keeps the PDB's minAvailable
 *   (see `nodeLossFindings`: a required spread over enough nodes proves it, a preferred one is a risk).
 * Pure: objects, quota and placement in, verdicts out.
 */
export function checkZeroDowntime(
  objects: readonly KubeObject[],
  quota: NamespaceQuota,
  /** @default - node loss not checked */
  placement?: Pick<EnvironmentPlacement, "spread" | "nodes">,
): ContractReport {
  const graph = workloadGraph(objects);
  const { need, needAtMinimum } = surgeNeedOf(objects);
  const drafts = graph.deployments.map((deployment) => {
    const refutations: string[] = [];
    const evidence: string[] = [];
    const risks: string[] = [];
    const spec = (deployment.spec ?? {}) as Record<string, any>;
    const template = podTemplateOf(deployment)!;
    const containers = (Array.isArray(template.spec.containers) ? template.spec.containers : []) as Array<Record<string, any>>;
    const hpa = graph.hpaOf(deployment);
    const { min, max } = replicaBounds(deployment, graph);

    const strategy = spec.strategy ?? {};
    const unavailable = strategy.rollingUpdate?.maxUnavailable;
    const surge = surgeAt(deployment, min);
    if (strategy.type === "Recreate") refutations.push("the Recreate strategy stops every pod before starting new ones");
    else if (!(unavailable === 0 || unavailable === "0%"))
      refutations.push(
        `maxUnavailable is ${unavailable === undefined ? "the default 25%" : JSON.stringify(unavailable)}: ready pods are removed before their replacements are ready`,
      );
    else if (surge < 1) refutations.push("maxSurge resolves to 0 with maxUnavailable 0: a rollout can never start a new pod");
    else evidence.push(`RollingUpdate adds ${surge} pod(s) at a time and removes none before its replacement is ready`);

    const unprobed = containers.filter((c) => !c.readinessProbe).map((c) => c.name ?? "?");
    if (unprobed.length > 0)
      refutations.push(`container(s) ${unprobed.join(", ")} have no readiness probe: new pods receive traffic before they are ready`);
    else evidence.push("traffic reaches a new pod only after its readiness probe passes");

    const serves = objects.some(
      (o) =>
        o.kind === "Service" &&
        o.metadata?.namespace === deployment.metadata?.namespace &&
        Object.entries(((o.spec as Record<string, any> | undefined)?.selector ?? {}) as Record<string, string>).every(
          ([k, v]) => template.labels[k] === v,
        ) &&
        Object.keys((o.spec as Record<string, any> | undefined)?.selector ?? {}).length > 0,
    );
    const drain = Math.min(...containers.map(drainSecondsOf), Number.POSITIVE_INFINITY);
    const grace =
      typeof template.spec.terminationGracePeriodSeconds === "number" ? template.spec.terminationGracePeriodSeconds : DEFAULT_GRACE_SECONDS;
    if (!serves) evidence.push("no Service selects its pods: there is no traffic to drain");
    else if (drain < ROUTER_DRAIN_SECONDS)
      refutations.push(
        `the preStop drain is ${drain === Number.POSITIVE_INFINITY ? 0 : drain}s, shorter than the ${ROUTER_DRAIN_SECONDS}s the router may still send new connections to a terminating pod`,
      );
    else if (drain >= grace)
      refutations.push(
        `the preStop drain (${drain}s) is not shorter than terminationGracePeriodSeconds (${grace}s): pods are killed before in-flight requests finish`,
      );
    else
      evidence.push(
        `old pods drain ${drain}s (router delay ${ROUTER_DRAIN_SECONDS}s) and then have ${grace - drain}s to finish in-flight requests`,
      );

    if (hpa && spec.replicas !== undefined)
      refutations.push(
        `spec.replicas (${JSON.stringify(spec.replicas)}) is set although ${describeObject(hpa)} scales it: each deployment resets the count`,
      );
    if (min < 2) risks.push(`only ${min} pod at the minimum: a crash or a node drain leaves no ready pod`);
    else evidence.push(`${hpa ? "the HPA keeps" : "it runs"} at least ${min} pods`);
    const pdbs = graph.pdbsOf(deployment);
    if (min >= 2 && pdbs.length === 0) risks.push("no PodDisruptionBudget: a node drain may evict every pod at once");
    for (const pdb of pdbs) {
      if (disruptionsAllowed(pdb, min) < 1) refutations.push(`${describeObject(pdb)} allows no eviction at ${min} pods: node drains block`);
      else if (disruptionsAllowed(pdb, min) >= min) risks.push(`${describeObject(pdb)} lets a drain evict all ${min} pods`);
      else evidence.push(`${describeObject(pdb)} keeps ${min - disruptionsAllowed(pdb, min)} of ${min} pods through a node drain`);
    }
    if (placement) {
      const nodeLoss = nodeLossFindings(deployment, min, pdbs, (pdb) => disruptionsAllowed(pdb, min), placement);
      refutations.push(...nodeLoss.refutations);
      evidence.push(...nodeLoss.evidence);
      risks.push(...nodeLoss.risks);
    }

    return { deployment, refutations, evidence, risks, min, max };
  });

  const shortfalls = quotaShortfallsOf(need, quota);
  const minimumShortfalls = quotaShortfallsOf(needAtMinimum, quota);
  const quotaReason =
    shortfalls.length > 0
      ? `with every component at its maximum and rolling at once, ${shortfalls.join(", ")}: surge pods would stay Pending`
      : undefined;

  const components = drafts.map(({ deployment, refutations, evidence, risks, min, max }): ComponentContract => {
    const proof = quotaReason ? evidence : [...evidence, "the surge fits the namespace quota at maximum scale"];
    return {
      name: deployment.metadata?.name ?? "<unnamed>",
      namespace: deployment.metadata?.namespace ?? "default",
      verdict: refutations.length === 0 ? "proved" : "refuted",
      refutations,
      evidence: proof,
      risks,
      rollout: { atMin: estimateRollout(deployment, min), atMax: estimateRollout(deployment, max) },
    };
  });
  const namespace = objects.find((o) => o.metadata?.namespace)?.metadata?.namespace ?? "default";
  return {
    namespace,
    components,
    need,
    quota,
    quotaShortfalls: shortfalls,
    ...(quotaReason ? { quotaRefutation: quotaReason } : {}),
    needAtMinimum,
    minimumShortfalls,
    proved: !quotaReason && components.every((c) => c.verdict === "proved"),
  };
}

function emptyNeed(): { -readonly [K in keyof SurgeNeed]: number } {
  return { requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0 };
}

/** The quota dimensions `need` exceeds, as sentences (`requests.cpu 7100m exceeds the namespace quota of 4`). */
function quotaShortfallsOf(need: SurgeNeed, quota: NamespaceQuota): string[] {
  const shortfalls: string[] = [];
  const over = (label: string, needed: number, available: number | undefined, show: (n: number) => string) => {
    if (available !== undefined && needed > available)
      shortfalls.push(`${label} ${show(needed)} exceeds the namespace quota of ${show(available)}`);
  };
  over("requests.cpu", need.requestsCpu, quota.requestsCpu, showCpu);
  over("requests.memory", need.requestsMemory, quota.requestsMemory, showMemory);
  over("limits.cpu", need.limitsCpu, quota.limitsCpu, showCpu);
  over("limits.memory", need.limitsMemory, quota.limitsMemory, showMemory);
  over("pods", need.pods, quota.pods, String);
  return shortfalls;
}

/** One line per component, then one for the namespace quota when it refutes, for preview output and the `contract` command. */
export function formatContract(report: ContractReport): string[] {
  const quota = report.quotaRefutation
    ? [`${report.namespace}: zero downtime NOT proved for any component: ${report.quotaRefutation}`]
    : [];
  const lines = report.components.map((c) => {
    const time = `rollout ≈ ${c.rollout.atMin.typicalSeconds}s at ${c.rollout.atMin.replicas} pods (≤ ${c.rollout.atMin.worstCaseSeconds}s), ≈ ${c.rollout.atMax.typicalSeconds}s at ${c.rollout.atMax.replicas} (≤ ${c.rollout.atMax.worstCaseSeconds}s)`;
    const risks = c.risks.length > 0 ? `; risks: ${c.risks.join("; ")}` : "";
    return c.verdict === "proved"
      ? `${c.namespace}/${c.name}: zero downtime proved (${c.evidence.join("; ")}); ${time}${risks}`
      : `${c.namespace}/${c.name}: zero downtime NOT proved: ${c.refutations.join("; ")}; ${time}${risks}`;
  });
  return [...lines, ...quota];
}
