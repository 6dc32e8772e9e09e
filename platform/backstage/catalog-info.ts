import { parseDependency } from "../../constructs/resolve";
import { stringify } from "yaml";
import type { Beluga } from "../../constructs/beluga";
import type { AppDeclaration, EnvironmentSpec } from "../../constructs/model";
import { DeclarationError, type ResolvedApp } from "../../constructs/resolve";
import type { CatalogEntity } from "./entity-validator";

/** Where this company's GitLab project and Grafana live: the targets of the pipeline and dashboard links. */
export const CATALOG_LINKS = {
  gitlabProject: "https://gitlab.beluga.internal/beluga/beluga",
  grafana: "https://grafana.beluga.internal",
  defaultBranch: "main",
} as const;

/** The first line of every generated `catalog-info.yaml`. */
export const CATALOG_INFO_MARKER = "# generated — edit app.ts, then run: npm run -s beluga -- catalog generate";

/** `apps/<app>/catalog-info.yaml`. */
export const catalogInfoPath = (app: string): string => `apps/${app}/catalog-info.yaml`;

/**
 * The Backstage entities of one app, from its declaration resolved in every environment: a `System`
 * for the app and a `Component` per component and batch, owned by `group:<team>`, part of the system,
 * depending on `component:<app>-<component>` for each `dependsOn`, with links to its routes (per
 * environment), the pipeline and the dashboards.
 *
 * `spec.lifecycle` is `production` when the declaration resolves in every environment whose GitLab
 * deployment tier is `production` (it can run in Prod as declared), `experimental` otherwise (e.g. a
 * socle Prod refuses): the catalog says what the declaration allows, the portal what actually runs.
 */
export function catalogEntities(beluga: Beluga, declaration: AppDeclaration, links = CATALOG_LINKS): CatalogEntity[] {
  const resolved = new Map<string, ResolvedApp>();
  const refusedIn: EnvironmentSpec[] = [];
  for (const env of beluga.environments.list) {
    try {
      resolved.set(env.name, beluga.resolve(declaration, env));
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      refusedIn.push(env);
    }
  }
  const productionTier = beluga.environments.list.filter((env) => env.pipeline.deploymentTier === "production");
  const lifecycle = productionTier.length > 0 && productionTier.every((env) => !refusedIn.includes(env)) ? "production" : "experimental";
  const owner = `group:${declaration.team}`;
  const app = declaration.name;
  const annotations = { "backstage.io/kubernetes-label-selector": `app.kubernetes.io/part-of=${app}` };
  const pipelineLinks = [
    { url: `${links.gitlabProject}/-/pipelines?ref=${links.defaultBranch}`, title: "Pipelines", icon: "dashboard", type: "pipeline" },
    {
      url: `${links.gitlabProject}/-/blob/${links.defaultBranch}/apps/${app}/app.ts`,
      title: "Declaration (app.ts)",
      icon: "docs",
      type: "source",
    },
  ];
  const dashboardLinks = [...resolved.values()].map((r) => ({
    url: `${links.grafana}/d/beluga-app?var-namespace=${r.namespace}`,
    title: `Dashboard ${beluga.environment(r.env).displayName}`,
    icon: "dashboard",
    type: "dashboard",
  }));
  const system: CatalogEntity = {
    apiVersion: "backstage.io/v1alpha1",
    kind: "System",
    metadata: {
      name: app,
      description: `Beluga app ${app} (${declaration.criticality}, ${declaration.release.policy})`,
      annotations,
      tags: ["beluga", declaration.criticality, declaration.release.policy],
      links: [...pipelineLinks, ...dashboardLinks],
    },
    spec: { owner },
  };
  const workloads = [
    ...Object.entries(declaration.components).map(([name, spec]) => ({ name, spec, batch: false as const })),
    ...Object.entries(declaration.batches ?? {}).map(([name, spec]) => ({ name, spec, batch: true as const })),
  ];
  const components = workloads.map(({ name, spec, batch }): CatalogEntity => {
    const routes = [...resolved.values()].flatMap((r) =>
      (r.components.find((c) => c.name === name)?.routes ?? []).map((route) => ({
        url: route.url,
        title: `${beluga.environment(r.env).displayName} ${route.host}${route.path === "/" ? "" : route.path}`,
        icon: "web",
        type: "route",
      })),
    );
    // Components and batches both call others (`<component>[:<port>]`, `<app>/<component>:<port>`).
    const dependsOn = [
      ...new Set(
        (spec.dependsOn ?? []).flatMap((d) => {
          const ref = parseDependency(d, app);
          return ref ? [`component:${ref.app}-${ref.component}`] : [];
        }),
      ),
    ];
    return {
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: {
        name: `${app}-${name}`,
        title: `${app} ${name}`,
        description: `${batch ? "Batch" : "Component"} ${name} of ${app}: ${spec.image.artifact} built FROM socle ${spec.image.socle}`,
        annotations,
        tags: ["beluga", spec.image.socle],
        links: [...routes, ...pipelineLinks],
      },
      spec: {
        type: typeOf(
          spec as { ports?: readonly unknown[]; routes?: readonly unknown[] },
          batch,
          beluga.instance.catalog.socles[spec.image.socle]?.kind === "static",
        ),
        lifecycle,
        owner,
        system: app,
        ...(dependsOn.length > 0 ? { dependsOn } : {}),
      },
    };
  });
  return [system, ...components];
}

/** `website` for a routed static front, `service` when it serves a port, `worker` without one, `batch` for a CronJob. */
function typeOf(spec: { ports?: readonly unknown[]; routes?: readonly unknown[] }, batch: boolean, staticSocle: boolean): string {
  if (batch) return "batch";
  if (spec.ports !== undefined && spec.ports.length === 0) return "worker";
  return staticSocle && spec.routes && spec.routes.length > 0 ? "website" : "service";
}

/** The `catalog-info.yaml` of one app: the marker, then one YAML document per entity. */
export function renderCatalogInfo(entities: readonly CatalogEntity[]): string {
  return `${CATALOG_INFO_MARKER}\n${entities.map((e) => `---\n${stringify(e, { lineWidth: 0 })}`).join("")}`;
}

/** Every app's `catalog-info.yaml`, by path from the repository root, in app order. */
export function catalogInfoFiles(beluga: Beluga, links = CATALOG_LINKS): Map<string, string> {
  return new Map(beluga.apps.map((a) => [catalogInfoPath(a.name), renderCatalogInfo(catalogEntities(beluga, a, links))]));
}
