import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Beluga } from "../../../constructs/beluga";
import type { AppDeclaration } from "../../../constructs/model";
import { appQuotaNeed, DeclarationError } from "../../../constructs/resolve";
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
 * What one fleet app may need in the first environment (every component at its maximum plus surge):
 * a lab cluster's share per app, so a fleet run stays small enough for a workstation. Namespace quotas
 * are derived per app, so this is the fleet's choice, not the environment's bound.
 */
export const FLEET_APP_BUDGET = { limitsCpu: 16_000, pods: 40 } as const;

/**
 * The façade over a fleet's declarations (deterministic: every process computes the same set), on
 * the instance of `base`: the first `apps` generated systems that resolve in the first environment of
 * the promotion chain (Dev) within `FLEET_APP_BUDGET`, and whose callees are in the fleet. The larger
 * generated systems (up to 26 workloads) do not.
 */
export function fleetBeluga(selection: FleetSelection, base: Beluga = repoBeluga): Beluga {
  const [first] = base.environments.list;
  const candidates = new Beluga(
    base.instance,
    syntheticEstate({ apps: selection.apps * 3, seed: selection.seed, environments: base.environments }),
  );
  const fits = (app: AppDeclaration) => {
    try {
      const need = appQuotaNeed(candidates.resolve(app, first));
      return need.limitsCpu <= FLEET_APP_BUDGET.limitsCpu && need.pods <= FLEET_APP_BUDGET.pods;
    } catch (error) {
      if (error instanceof DeclarationError) return false;
      throw error;
    }
  };
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
    const platform = new BelugaPlatform(`fleet-platform-${env.name}`, { env, tenants: fleet.tenants(env) });
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
