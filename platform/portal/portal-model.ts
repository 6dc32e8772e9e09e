import type { Beluga } from "../../constructs/beluga";
import { buildJobName, imageJobName } from "../../constructs/gitlab/build-jobs";
import { buildUnitsOf } from "../../constructs/gitlab/build-unit";
import { deployJobName } from "../../constructs/gitlab/deploy-jobs";
import type { BelugaInstance } from "../../constructs/instance";
import { type AppDeclaration, type EnvironmentSpec, type ReleasePolicy } from "../../constructs/model";
import type { StackRecord } from "../../constructs/policy";
import { DeclarationError, type Problem } from "../../constructs/resolve";
import type { WorkloadStatus } from "../deploy/workload-status";
import { type SocleUsage, socleUsage } from "../estate/socles/socle-usage";

/** One component or batch of an app, as declared and as its routes resolve per environment. */
export interface PortalWorkload {
  readonly name: string;
  readonly kind: "component" | "batch";
  readonly socle: string;
  readonly artifact: string;
  readonly declaredVersion: string;
  readonly dependsOn: readonly string[];
  /** Route URLs by environment name. */
  readonly routes: Readonly<Record<string, readonly string[]>>;
}

/** What runs of an app in one environment: its stack's outputs and last update, and its pods when the cluster was read. */
export interface PortalDeployment {
  /** False when the stack does not exist: the portal shows "not deployed". */
  readonly deployed: boolean;
  readonly versions: Readonly<Record<string, string>>;
  readonly digests: Readonly<Record<string, string>>;
  readonly lastUpdate?: StackRecord["lastUpdate"];
  /** Ready and desired pods by component; undefined when the cluster was not read. */
  readonly pods?: Readonly<Record<string, { readonly ready: number; readonly desired: number }>>;
}

/** An app of the estate, with everything its row and its page show. */
export interface PortalApp {
  readonly name: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  readonly release: ReleasePolicy;
  readonly workloads: readonly PortalWorkload[];
  /** By environment name, in promotion order. */
  readonly deployments: Readonly<Record<string, PortalDeployment>>;
  /** Declaration problems by environment name (the app cannot deploy there as declared). */
  readonly refused: Readonly<Record<string, readonly string[]>>;
  /** The generated pipeline: its file and job names in stage order. */
  readonly pipeline: { readonly file: string; readonly jobs: readonly string[] };
}

/** An environment running other versions of an app than the one it promotes from: a promotion waits. */
export interface PendingPromotion {
  readonly app: string;
  readonly team: string;
  readonly from: string;
  readonly to: string;
  /** Workloads whose version or digest differs, with the two versions. */
  readonly workloads: ReadonlyArray<{ readonly name: string; readonly from: string; readonly to: string }>;
}

/** Everything the estate portal shows: a pure value, so the site renders without a cluster or a backend. */
export interface PortalModel {
  readonly generatedAt: string;
  readonly instance: BelugaInstance;
  readonly apps: readonly PortalApp[];
  readonly promotions: readonly PendingPromotion[];
  /** Every pod row read from the cluster; undefined when it was not read (no cluster). */
  readonly workloads?: readonly WorkloadStatus[];
  readonly socles: readonly SocleUsage[];
}

/** What the data-gathering step read: stack records by `<app>/<env>` (absent: never deployed) and the cluster's pods. */
export interface PortalReadings {
  readonly records: ReadonlyMap<string, StackRecord | undefined>;
  readonly workloads?: readonly WorkloadStatus[];
  readonly now: Date;
}

/** Key of a stack record in `PortalReadings.records`. */
export const recordKey = (app: string, env: string): string => `${app}/${env}`;

/**
 * The portal's model from an estate and what was read of it: pure (tests feed the synthetic estate
 * with made-up records). Environments in promotion order; a promotion waits where an environment's
 * stack runs another version or digest than the stack of the environment it promotes from.
 */
export function portalModel(estate: Beluga, readings: PortalReadings): PortalModel {
  const envs = estate.environments.list;
  const apps = estate.apps.map((declaration) => portalApp(estate, declaration, envs, readings));
  const promotions: PendingPromotion[] = [];
  for (const app of apps) {
    for (const env of envs) {
      if (env.promotesFrom === undefined) continue;
      const from = app.deployments[env.promotesFrom];
      const to = app.deployments[env.name];
      if (!from?.deployed) continue;
      const differing = Object.keys(from.digests)
        .filter((w) => from.digests[w] !== to?.digests[w])
        .map((w) => ({ name: w, from: from.versions[w] ?? "?", to: to?.deployed ? (to.versions[w] ?? "?") : "not deployed" }));
      if (differing.length > 0)
        promotions.push({ app: app.name, team: app.team, from: env.promotesFrom, to: env.name, workloads: differing });
    }
  }
  return {
    generatedAt: readings.now.toISOString(),
    instance: estate.instance,
    apps,
    promotions,
    workloads: readings.workloads,
    socles: socleUsage(estate),
  };
}

function portalApp(estate: Beluga, declaration: AppDeclaration, envs: readonly EnvironmentSpec[], readings: PortalReadings): PortalApp {
  const refused: Record<string, string[]> = {};
  const routes = new Map<string, Record<string, string[]>>();
  for (const env of envs) {
    try {
      const resolved = estate.resolve(declaration, env);
      for (const c of resolved.components) {
        const byEnv = routes.get(c.name) ?? {};
        byEnv[env.name] = c.routes.map((r) => r.url);
        routes.set(c.name, byEnv);
      }
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      refused[env.name] = error.messages;
    }
  }
  const workloads: PortalWorkload[] = [
    ...Object.entries(declaration.components).map(([name, spec]) => ({
      name,
      kind: "component" as const,
      socle: spec.image.socle,
      artifact: spec.image.artifact,
      declaredVersion: spec.image.version,
      dependsOn: spec.dependsOn ?? [],
      routes: routes.get(name) ?? {},
    })),
    ...Object.entries(declaration.batches ?? {}).map(([name, spec]) => ({
      name,
      kind: "batch" as const,
      socle: spec.image.socle,
      artifact: spec.image.artifact,
      declaredVersion: spec.image.version,
      dependsOn: [],
      routes: {},
    })),
  ];
  const deployments: Record<string, PortalDeployment> = {};
  for (const env of envs) {
    const record = readings.records.get(recordKey(declaration.name, env.name));
    const rows = readings.workloads?.filter((w) => w.app === declaration.name && w.env === env.name);
    const pods = rows && Object.fromEntries(rows.map((r) => [r.component, { ready: r.ready, desired: r.desired }]));
    deployments[env.name] = record
      ? { deployed: true, versions: record.versions, digests: record.digests, lastUpdate: record.lastUpdate, ...(pods ? { pods } : {}) }
      : { deployed: false, versions: {}, digests: {}, ...(pods ? { pods } : {}) };
  }
  const problems: Problem[] = [];
  const units = buildUnitsOf(declaration, problems);
  const jobs = [
    ...units.map((u) => buildJobName(declaration.name, u)),
    ...units.map((u) => imageJobName(declaration.name, u)),
    ...envs.map((env) => deployJobName(declaration.name, env.name)),
  ];
  return {
    name: declaration.name,
    team: declaration.team,
    criticality: declaration.criticality,
    release: declaration.release,
    workloads,
    deployments,
    refused,
    pipeline: { file: `apps/${declaration.name}/.gitlab-ci.yml`, jobs },
  };
}
