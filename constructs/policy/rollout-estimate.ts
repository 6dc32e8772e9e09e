import type { KubeObject } from "./kubernetes-object";
import { podTemplateOf } from "./kubernetes-object";

/** How long a rolling update should take, from probe timings, replicas and surge. */
export interface RolloutEstimate {
  readonly replicas: number;
  /** Pods added per wave (maxSurge resolved at this replica count). */
  readonly surge: number;
  readonly waves: number;
  /** Every new pod passes its first probes: startup, then readiness, then minReadySeconds. */
  readonly typicalSeconds: number;
  /** Every new pod uses its whole startup budget: the longest a healthy rollout can take. */
  readonly worstCaseSeconds: number;
}

/** Kubernetes' default probe period. */
const DEFAULT_PERIOD = 10;
/** Kubernetes' default termination grace period. */
export const DEFAULT_GRACE_SECONDS = 30;

/** maxSurge resolved at a replica count (percentages round up, as the Deployment controller does). */
export function surgeAt(deployment: KubeObject, replicas: number): number {
  const value = (deployment.spec as Record<string, any> | undefined)?.strategy?.rollingUpdate?.maxSurge ?? "25%";
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^[0-9]+%$/.test(value)) return Math.ceil((Number(value.slice(0, -1)) * replicas) / 100);
  return Number(value) || 0;
}

/** Seconds of the preStop drain (`sleep N` exec or a native sleep action), 0 without one. */
export function drainSecondsOf(container: Record<string, any>): number {
  const preStop = container.lifecycle?.preStop;
  if (!preStop) return 0;
  if (typeof preStop.sleep?.seconds === "number") return preStop.sleep.seconds;
  const command: unknown[] = preStop.exec?.command ?? [];
  const sleep = command.findIndex((part) => typeof part === "string" && /(^|\/)sleep$/.test(part));
  if (sleep >= 0 && command[sleep + 1] !== undefined) return Number(command[sleep + 1]) || 0;
  const inline = command
    .map(String)
    .join(" ")
    .match(/sleep\s+([0-9]+)/);
  return inline ? Number(inline[1]) : 0;
}

/**
 * Estimates a rollout of `replicas` pods: waves of `surge` new pods, each wave waiting until its pods
 * are ready (startup, readiness, minReadySeconds) before old pods go; the last old pods then drain.
 */
export function estimateRollout(deployment: KubeObject, replicas: number): RolloutEstimate {
  const template = podTemplateOf(deployment);
  const container = ((template?.spec.containers ?? [])[0] ?? {}) as Record<string, any>;
  const minReady = Number((deployment.spec as Record<string, any> | undefined)?.minReadySeconds ?? 0);
  const first = (p: Record<string, any> | undefined) =>
    p ? (p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? DEFAULT_PERIOD) * (p.successThreshold ?? 1) : 0;
  const budget = (p: Record<string, any> | undefined) =>
    p ? (p.initialDelaySeconds ?? 0) + (p.periodSeconds ?? DEFAULT_PERIOD) * (p.failureThreshold ?? 3) : 0;
  const typicalWave = first(container.startupProbe) + first(container.readinessProbe) + minReady;
  const worstWave = budget(container.startupProbe) + first(container.readinessProbe) + minReady;
  const surge = Math.max(1, surgeAt(deployment, replicas));
  const waves = Math.max(1, Math.ceil(replicas / surge));
  const drain = drainSecondsOf(container);
  return { replicas, surge, waves, typicalSeconds: waves * typicalWave + drain, worstCaseSeconds: waves * worstWave + drain };
}
