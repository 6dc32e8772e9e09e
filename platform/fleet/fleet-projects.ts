import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderApp, tenantsOf } from "../../constructs/k8s";
import { type KubeObject, checkZeroDowntime, quotaOfEnvironment } from "../../constructs/policy";
import { resolve } from "../../constructs/resolve";
import { catalog } from "../catalog";
import type { AppDeclaration, EnvName } from "../../constructs/model";
import { BelugaPlatform, deployApp, stackEnvironment } from "../../constructs/pulumi";
import { environments } from "../../environments";
import { REPO_ROOT } from "../deploy";
import { syntheticEstate } from "../estate";

/** Where the generated apps' Pulumi projects live: local state, never committed. */
export const FLEET_DIR = join(REPO_ROOT, ".beluga/fleet");

/** Which generated apps a fleet run deploys: the first `apps` of the synthetic estate's generated part. */
export interface FleetSelection {
  readonly apps: number;
  /** @default the synthetic estate's seed */
  readonly seed?: number;
}

/**
 * The declarations of a fleet (deterministic: every process computes the same list): the first
 * `apps` generated systems whose rollout fits their Dev namespace quota. The larger generated systems
 * (up to 17 components) do not: those that exceed it even at minimum scale are refused by
 * `beluga-quota-fits-minimum`; the others pass in Dev (the zero-downtime contract is advisory there)
 * and their rollouts would wait for quota until their progress deadline.
 */
export function fleetApps(selection: FleetSelection): AppDeclaration[] {
  const dev = environments.dev;
  const fits = (app: AppDeclaration) => {
    const resolved = resolve(app, dev, catalog);
    return checkZeroDowntime(renderApp(resolved, dev) as KubeObject[], quotaOfEnvironment(dev, app.name)).quotaShortfalls.length === 0;
  };
  return syntheticEstate({ apps: selection.apps * 3, seed: selection.seed }).filter(fits).slice(0, selection.apps);
}

/**
 * The Pulumi project folder of a fleet stack (`Pulumi.yaml` only; the stack file with its salt is
 * created by the first run). Generated apps have no folder in `apps/`, so they get one here.
 */
export function fleetProjectDir(project: string): string {
  const dir = join(FLEET_DIR, "projects", project);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\ndescription: Beluga fleet run (generated; see platform/fleet)\n`);
  return dir;
}

/** Program of the fleet's platform layer: the namespaces, quotas, network baseline and RBAC of every fleet app. */
export function fleetPlatformProgram(apps: readonly AppDeclaration[]) {
  return async () => {
    const env = stackEnvironment(environments);
    const platform = new BelugaPlatform(`fleet-platform-${env.name}`, { env, tenants: tenantsOf(apps) });
    return { namespaces: platform.namespaces };
  };
}

/** Program of one large stack holding every fleet app: the comparison point of per-app stacks. */
export function singleStackProgram(apps: readonly AppDeclaration[]) {
  return async () => ({ apps: apps.map((app) => deployApp(app).app) });
}

/** Stack project names of a fleet run. */
export const FLEET_PLATFORM_PROJECT = "fleet-platform";
export const FLEET_SINGLE_PROJECT = "fleet-single-stack";

/** `EnvName` of the run, checked. */
export function fleetEnv(name: string): EnvName {
  if (!["dev", "int", "re7", "prod"].includes(name)) throw new Error(`unknown environment ${name}; use dev, int, re7 or prod`);
  return name as EnvName;
}
