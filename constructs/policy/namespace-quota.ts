import type { EnvironmentSpec } from "../model";
import { renderPlatform } from "../k8s";
import type { KubeObject } from "./kubernetes-object";
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
 */
export function quotaOfEnvironment(env: EnvironmentSpec, app: string): NamespaceQuota {
  const objects = renderPlatform(env, [{ name: app, team: "platform", criticality: "standard" }]) as KubeObject[];
  const quota = objects.find((o) => o.kind === "ResourceQuota");
  return quota ? quotaOfObject(quota) : {};
}
