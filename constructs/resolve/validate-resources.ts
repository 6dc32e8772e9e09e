import { cpuMillis, type EnvironmentSpec, memoryBytes, type ResourcesSpec } from "../model";
import type { ResolvedResources } from "./resolved-app";

type Report = (path: string, message: string, fix: string) => void;

/**
 * Compares the requests and limits a workload gets in an environment, once the profile (scaled for
 * the environment), the base declaration and the environment's override are merged: a request above
 * its limit is refused by the API server, wherever each of the two comes from.
 */
export function checkEffectiveResources(
  path: string,
  spec: ResourcesSpec | undefined,
  profile: string,
  resolved: ResolvedResources,
  env: Pick<EnvironmentSpec, "displayName" | "resourceScale">,
  report: Report,
): void {
  const origin = (resource: "cpu" | "memory", side: "request" | "limit") =>
    spec?.[resource]?.[side] !== undefined
      ? "declared"
      : `from profile ${profile}${env.resourceScale !== 1 ? ` scaled ×${env.resourceScale}` : ""}`;
  const check = (resource: "cpu" | "memory", amount: (q: string) => number) => {
    const request = resolved.requests[resource];
    const limit = resolved.limits[resource];
    if (amount(request) <= amount(limit)) return;
    report(
      `${path}.${resource}.request`,
      `(${request}, ${origin(resource, "request")}) is above the ${resource} limit ${limit} (${origin(resource, "limit")}) in ${env.displayName}; the API server refuses a request above its limit`,
      `declare ${resource}.limit too (at least ${request}), or lower the request`,
    );
  };
  check("cpu", cpuMillis);
  check("memory", memoryBytes);
}
