import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Beluga } from "../../../constructs/beluga";
import { tenantsOf } from "../../../constructs/k8s";
import type { AppDeclaration } from "../../../constructs/model";
import { BelugaPlatform, deployApp, stackEnvironment } from "../../../constructs/pulumi";
import { syntheticEstate } from "../synthetic-estate/synthetic-estate";
import { beluga as repoBeluga } from "../../instance";
import { REPO_ROOT } from "../../repo-root";

/** Where the generated apps' Pulumi projects live: local state, never committed. */
export const FLEET_DIR = join(REPO_ROOT, ".beluga/fleet");

/** Which generated apps a fleet run deploys: the first `apps` of the synthetic estate's generated part. */
export interface FleetSelection {
  readonly apps: number;
  /** @default the synthetic estate's seed */
  readonly seed?: number;
}

/**
 * The façade over a fleet's declarations (deterministic: every process computes the same set), on
 * the instance of `base`: the first `apps` generated systems whose rollout fits their namespace quota
 * in the first environment of the promotion chain (Dev) and whose callees are in the fleet. The larger generated systems (up to 17
 * components) do not: those that exceed it even at minimum scale are refused by
 * `beluga-quota-fits-minimum`; the others pass there (the zero-downtime contract is advisory in Dev)
 * and their rollouts would wait for quota until their progress deadline.
 */
export function fleetBeluga(selection: FleetSelection, base: Beluga = repoBeluga): Beluga {
  const [first] = base.environments.list;
  const candidates = new Beluga(
    base.instance,
    syntheticEstate({ apps: selection.apps * 3, seed: selection.seed, environments: base.environments }),
  );
  const fits = (app: AppDeclaration) => candidates.contract(candidates.render(app, first)).quotaShortfalls.length === 0;
  // Generated apps call earlier ones: keep an app only when every app it calls is kept too.
  const kept: AppDeclaration[] = [];
  for (const app of candidates.apps.filter(fits)) {
    const callees = Object.values(app.components).flatMap((c) => (c.dependsOn ?? []).map((d) => d.split("/")));
    if (callees.every((parts) => parts.length === 1 || kept.some((k) => k.name === parts[0]))) kept.push(app);
  }
  return new Beluga(base.instance, kept.slice(0, selection.apps));
}

/**
 * The Pulumi project folder of a fleet stack (`Pulumi.yaml` only; the stack file with its salt is
 * created by the first run). Generated apps have no folder in `apps/`, so they get one here.
 */
export function fleetProjectDir(project: string): string {
  const dir = join(FLEET_DIR, "projects", project);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "Pulumi.yaml"),
    `name: ${project}\nruntime: nodejs\ndescription: Beluga fleet run (generated; see platform/lab/fleet)\n`,
  );
  return dir;
}

/** Program of the fleet's platform layer: the namespaces, quotas, network baseline and RBAC of every fleet app. */
export function fleetPlatformProgram(fleet: Beluga) {
  return async () => {
    const env = stackEnvironment(fleet.environments);
    const platform = new BelugaPlatform(`fleet-platform-${env.name}`, { env, tenants: tenantsOf(fleet.apps) });
    return { namespaces: platform.namespaces };
  };
}

/** Program of one large stack holding every app of `fleet`: the comparison point of per-app stacks. */
export function singleStackProgram(fleet: Beluga) {
  return async () => ({ apps: fleet.apps.map((app) => deployApp(fleet, app).app) });
}

/** Stack project names of a fleet run. */
export const FLEET_PLATFORM_PROJECT = "fleet-platform";
export const FLEET_SINGLE_PROJECT = "fleet-single-stack";
