import type { CatalogSpec, EgressSpec, EnvironmentSpec } from "../model";
import { parseDependency } from "./dependency-ref";
import type { ResolvedComponent, ResolvedDependency, ResolvedEgress } from "./resolved-app";

/**
 * The calls of a validated `dependsOn`, with the ports each opens: the named port, or for a same-app
 * callee named alone every port but its metrics port (monitoring reaches it namespace-wide). A
 * cross-app call opens the callee's port by name (matched on the callee's pods), so an app's render
 * depends on its declaration alone; the callee's namespace admits it on the number (AppNamespace).
 */
export function resolveDependencies(
  app: string,
  dependsOn: readonly string[] | undefined,
  components: readonly ResolvedComponent[],
): ResolvedDependency[] {
  return (dependsOn ?? []).flatMap((dep) => {
    const ref = parseDependency(dep, app);
    if (!ref) return [];
    if (ref.app !== app) return [{ app: ref.app, component: ref.component, ports: [{ name: ref.port ?? "" }] }];
    const callee = components.find((c) => c.name === ref.component);
    const ports = (callee?.ports ?? []).filter((p) =>
      ref.port !== undefined ? p.name === ref.port : p.name !== callee?.observability.metrics?.port,
    );
    return [{ app, component: ref.component, ports: ports.map((p) => ({ name: p.name, port: p.port })) }];
  });
}

/** The destinations of a validated `egress`: catalog addresses for the environment, or the declared CIDR. */
export function resolveEgress(egress: readonly EgressSpec[] | undefined, catalog: CatalogSpec, env: EnvironmentSpec): ResolvedEgress[] {
  return (egress ?? []).map((e): ResolvedEgress => {
    if (e.service !== undefined) {
      const service = catalog.services![e.service];
      const ports = service.ports
        .filter((p) => e.ports === undefined || e.ports.includes(p.port))
        .map((p) => ({ port: p.port, protocol: p.protocol ?? ("TCP" as const) }));
      return {
        kind: "service",
        name: e.service,
        description: e.description ?? service.description,
        cidrs: service.environments?.[env.name]?.cidrs ?? service.cidrs,
        ports,
      };
    }
    return {
      kind: "external",
      name: e.cidr!,
      description: e.description,
      cidrs: [e.cidr!],
      ports: (e.ports ?? []).map((port) => ({ port, protocol: "TCP" as const })),
    };
  });
}
