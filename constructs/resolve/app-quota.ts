import { cpuMillis, type EnvironmentSpec, formatCpu, formatMemory, memoryBytes } from "../model";
import type { Problem } from "./declaration-error";
import type { ResolvedApp, ResolvedResources } from "./resolved-app";

/**
 * What one app's pods may hold at once in its namespace: CPU in millicores, memory in bytes. The shape
 * of a ResourceQuota's `hard` limits, as numbers.
 */
export interface AppQuota {
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
  readonly pods: number;
}

/**
 * Headroom an app's ResourceQuota gets above its need, so that what the platform runs next to the app
 * fits without a quota change: a manual run of a CronJob (`kubectl create job --from`) while the
 * scheduled one runs, or an `oc debug` copy of a pod. Each dimension gets the larger of `ratio` of the
 * need and one of the app's largest pods, then CPU is rounded up to `cpuStepMillis` and memory to
 * `memoryStepBytes` (whole, readable figures in `oc describe quota`).
 */
export const QUOTA_HEADROOM = { ratio: 0.1, cpuStepMillis: 500, memoryStepBytes: 2 ** 30 } as const;

/** The resources of one pod of `resources`, in millicores and bytes. */
function podOf(resources: ResolvedResources): AppQuota {
  return {
    requestsCpu: cpuMillis(resources.requests.cpu),
    requestsMemory: memoryBytes(resources.requests.memory),
    limitsCpu: cpuMillis(resources.limits.cpu),
    limitsMemory: memoryBytes(resources.limits.memory),
    pods: 1,
  };
}

const DIMENSIONS = ["requestsCpu", "requestsMemory", "limitsCpu", "limitsMemory", "pods"] as const;

function sum(parts: ReadonlyArray<{ pod: AppQuota; count: number }>): AppQuota {
  const total = { requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0 };
  for (const { pod, count } of parts) for (const d of DIMENSIONS) total[d] += pod[d] * count;
  return total;
}

/**
 * What an app needs from its namespace in the worst case the zero-downtime contract considers: every
 * component at its maximum plus its rollout surge (Pulumi rolls them out in parallel), and one pod per
 * batch that is not suspended (a run shares the quota with the rollouts).
 */
export function appQuotaNeed(app: Pick<ResolvedApp, "components" | "batches">): AppQuota {
  return sum([
    ...app.components.map((c) => ({ pod: podOf(c.resources), count: c.scaling.max + c.rollout.maxSurge })),
    ...app.batches.filter((b) => !b.suspend).map((b) => ({ pod: podOf(b.resources), count: 1 })),
  ]);
}

/** The largest of an app's pods, dimension by dimension (the headroom's floor). */
export function largestPod(app: Pick<ResolvedApp, "components" | "batches">): AppQuota {
  const pods = [...app.components, ...app.batches].map((w) => podOf(w.resources));
  return Object.fromEntries(DIMENSIONS.map((d) => [d, Math.max(0, ...pods.map((p) => p[d]))])) as unknown as AppQuota;
}

/** The most one app may be given in an environment (`quota.maxPerApp`): requests and limits alike. */
export function quotaBound(env: Pick<EnvironmentSpec, "quota">): AppQuota {
  const { cpu, memory, pods } = env.quota.maxPerApp;
  return {
    requestsCpu: cpuMillis(cpu),
    requestsMemory: memoryBytes(memory),
    limitsCpu: cpuMillis(cpu),
    limitsMemory: memoryBytes(memory),
    pods,
  };
}

/**
 * The ResourceQuota an app's namespace gets: its need plus `QUOTA_HEADROOM` (at least `largest`, one
 * of its largest pods), rounded up, and never above the environment's bound.
 */
export function appQuota(need: AppQuota, largest: AppQuota, env: Pick<EnvironmentSpec, "quota">): AppQuota {
  const bound = quotaBound(env);
  const up = (value: number, step: number) => Math.ceil(value / step) * step;
  const grown = (d: (typeof DIMENSIONS)[number]) => need[d] + Math.max(Math.ceil(need[d] * QUOTA_HEADROOM.ratio), largest[d]);
  const step = { requestsCpu: QUOTA_HEADROOM.cpuStepMillis, limitsCpu: QUOTA_HEADROOM.cpuStepMillis, pods: 1 } as Record<string, number>;
  return Object.fromEntries(
    DIMENSIONS.map((d) => [d, Math.min(bound[d], up(grown(d), step[d] ?? QUOTA_HEADROOM.memoryStepBytes))]),
  ) as unknown as AppQuota;
}

/** The ResourceQuota of a resolved app's namespace (see `appQuota`). */
export function quotaOfResolvedApp(app: ResolvedApp, env: Pick<EnvironmentSpec, "quota">): AppQuota {
  return appQuota(appQuotaNeed(app), largestPod(app), env);
}

/** `hard` of a ResourceQuota for a quota, as Kubernetes quantities. */
export function quotaHard(quota: AppQuota): Record<"requests.cpu" | "requests.memory" | "limits.cpu" | "limits.memory" | "pods", string> {
  return {
    "requests.cpu": formatCpu(quota.requestsCpu),
    "requests.memory": formatMemory(quota.requestsMemory),
    "limits.cpu": formatCpu(quota.limitsCpu),
    "limits.memory": formatMemory(quota.limitsMemory),
    pods: String(quota.pods),
  };
}

/**
 * The one problem of an app whose need is above what the environment allows one app, with the amount
 * over in each dimension and who raises the bound. Requests never exceed limits (resolve checks it), so
 * the bound is checked on limits and pods.
 */
export function quotaProblems(
  app: Pick<ResolvedApp, "app" | "components" | "batches">,
  env: Pick<EnvironmentSpec, "name" | "displayName" | "quota">,
): Problem[] {
  const need = appQuotaNeed(app);
  const bound = quotaBound(env);
  const over = (label: string, needed: number, allowed: number, show: (n: number) => string) =>
    needed > allowed ? [`${label} ${show(needed)} is ${show(needed - allowed)} above the ${show(allowed)} allowed`] : [];
  const overs = [
    ...over("limits.cpu", need.limitsCpu, bound.limitsCpu, formatCpu),
    ...over("limits.memory", need.limitsMemory, bound.limitsMemory, formatMemory),
    ...over("pods", need.pods, bound.pods, String),
  ];
  if (overs.length === 0) return [];
  return [
    {
      app: app.app,
      path: "components",
      message:
        `need more than ${env.displayName} allows one app at maximum scale (every component at scaling.max plus its rollout surge, ` +
        `one pod per batch): ${overs.join(", ")}`,
      fix: `cut that much from scaling.max or resources (profile, cpu, memory), or ask the platform team to raise quota.maxPerApp in environments/${env.name}.ts`,
    },
  ];
}
