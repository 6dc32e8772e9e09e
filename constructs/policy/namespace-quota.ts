import type { EnvironmentSpec } from "../model";
import { renderPlatform } from "../k8s";
import { type AppQuota, appQuota, quotaOfResolvedApp, type ResolvedApp } from "../resolve";
import type { KubeObject } from "./kubernetes-object";
import { type SurgeNeed, surgeNeedOf } from "./zero-downtime-contract";
import { parseQuantity } from "./kube-quantity";

/** The hard limits of a namespace's ResourceQuota, in base units (cores, bytes, pods). */
export interface NamespaceQuota {
  readonly requestsCpu?: number;
  readonly requestsMemory?: number;
  readonly limitsCpu?: number;
  readonly limitsMemory?: number;
  readonly pods?: number;
}

/** The limits of a ResourceQuota object (`requests.cpu` or its alias `cpu`, ...). */
export function quotaOfObject(quota: KubeObject): NamespaceQuota {
  const hard = ((quota.spec as Record<string, any> | undefined)?.hard ?? {}) as Record<string, unknown>;
  const read = (...keys: string[]) => {
    const key = keys.find((k) => hard[k] !== undefined);
    return key === undefined ? undefined : parseQuantity(hard[key]);
  };
  return {
    requestsCpu: read("requests.cpu", "cpu"),
    requestsMemory: read("requests.memory", "memory"),
    limitsCpu: read("limits.cpu"),
    limitsMemory: read("limits.memory"),
    pods: read("pods"),
  };
}

/**
 * The quota the platform layer gives an app's namespace in an environment, read from the
 * ResourceQuota it renders (so the contract and the cluster never disagree on its arithmetic).
 * @param quota the app's derived quota (`quotaOfResolvedApp`, `quotaOfObjects`)
 *   @default - the most the environment allows one app: what an app that does not resolve gets
 */
export function quotaOfEnvironment(env: EnvironmentSpec, app: string, quota?: AppQuota): NamespaceQuota {
  const tenant = { name: app, team: "platform", criticality: "standard" as const, ...(quota ? { quota } : {}) };
  const objects = renderPlatform(env, [tenant]) as KubeObject[];
  const rendered = objects.find((o) => o.kind === "ResourceQuota");
  return rendered ? quotaOfObject(rendered) : {};
}

/** The quota the platform layer gives a resolved app's namespace: its need plus headroom, within the bound. */
export function quotaOfApp(env: EnvironmentSpec, app: ResolvedApp): NamespaceQuota {
  return quotaOfEnvironment(env, app.app, quotaOfResolvedApp(app, env));
}

/**
 * The quota the platform layer gives an app whose rendered objects are all one sees (a policy pack
 * judging an app stack): the same derivation as `quotaOfApp`, from the Deployments' maximum plus surge
 * and the CronJobs' pods as the zero-downtime contract counts them.
 */
export function quotaOfObjects(env: EnvironmentSpec, app: string, objects: readonly KubeObject[]): NamespaceQuota {
  const { need, largestPod } = surgeNeedOf(objects);
  const millis = (n: SurgeNeed) => ({
    requestsCpu: Math.round(n.requestsCpu * 1000),
    requestsMemory: Math.round(n.requestsMemory),
    limitsCpu: Math.round(n.limitsCpu * 1000),
    limitsMemory: Math.round(n.limitsMemory),
    pods: n.pods,
  });
  return quotaOfEnvironment(env, app, appQuota(millis(need), millis(largestPod), env));
}
