import type { BelugaInstance } from "../../../constructs/instance";
import type { AppDeclaration, CatalogSpec, EnvName, ReleasePolicy, SocleLifecycle } from "../../../constructs/model";

/** One component or batch built FROM a socle. */
export interface SocleWorkload {
  readonly app: string;
  readonly team: string;
  readonly release: ReleasePolicy;
  /** `components.<name>` or `batches.<name>`: the declaration path. */
  readonly path: string;
  readonly artifact: string;
  /** Image version per environment (overrides applied), in promotion order. */
  readonly versions: Readonly<Record<EnvName, string>>;
}

/** Who uses one socle of the catalog (or a socle name the catalog does not know). */
export interface SocleUsage {
  readonly socle: string;
  /** `unknown` when a declaration names a socle the catalog lacks. */
  readonly lifecycle: SocleLifecycle | "unknown";
  readonly version?: string;
  readonly digest?: string;
  readonly successor?: string;
  readonly workloads: readonly SocleWorkload[];
  /** Distinct apps, sorted. */
  readonly apps: readonly string[];
  /** Per environment: the apps that deploy with it there, and those the environment refuses (its lifecycle is not allowed). */
  readonly environments: Readonly<Record<EnvName, { readonly apps: readonly string[]; readonly refused: readonly string[] }>>;
}

/** What `socleUsage` reads: the shape of a loaded estate (a `Beluga` façade is one). */
export interface SocleEstate {
  readonly instance: BelugaInstance;
  readonly apps: readonly AppDeclaration[];
}

/**
 * Which apps, workloads and environments use each socle, read from the declarations (a socle is
 * chosen per component or batch and never per environment; versions may differ per environment).
 * Every catalog socle is listed, used or not, in catalog order; unknown names follow.
 */
export function socleUsage(estate: SocleEstate): SocleUsage[] {
  const { catalog, environments: instanceEnvironments } = estate.instance;
  const bySocle = new Map<string, SocleWorkload[]>(Object.keys(catalog.socles).map((name) => [name, []]));
  for (const app of estate.apps) {
    const workloads = [
      ...Object.entries(app.components).map(([name, spec]) => ({
        path: `components.${name}`,
        name,
        image: spec.image,
        kind: "components" as const,
      })),
      ...Object.entries(app.batches ?? {}).map(([name, spec]) => ({
        path: `batches.${name}`,
        name,
        image: spec.image,
        kind: "batches" as const,
      })),
    ];
    for (const w of workloads) {
      const versions = Object.fromEntries(
        instanceEnvironments.names.map((env) => [env, app.environments?.[env]?.[w.kind]?.[w.name]?.image?.version ?? w.image.version]),
      ) as Record<EnvName, string>;
      const list = bySocle.get(w.image.socle) ?? [];
      list.push({ app: app.name, team: app.team, release: app.release, path: w.path, artifact: w.image.artifact, versions });
      bySocle.set(w.image.socle, list);
    }
  }
  return [...bySocle.entries()].map(([socle, workloads]): SocleUsage => {
    const spec = catalog.socles[socle] as CatalogSpec["socles"][string] | undefined;
    const apps = [...new Set(workloads.map((w) => w.app))].sort();
    const lifecycle: SocleLifecycle | "unknown" = spec ? spec.lifecycle : "unknown";
    const environments = Object.fromEntries(
      instanceEnvironments.list.map((env) => {
        const allowed = lifecycle !== "unknown" && env.allowedSocleStates.includes(lifecycle);
        return [env.name, { apps: allowed ? apps : [], refused: allowed ? [] : apps }];
      }),
    ) as unknown as SocleUsage["environments"];
    return { socle, lifecycle, version: spec?.version, digest: spec?.digest, successor: spec?.successor, workloads, apps, environments };
  });
}
