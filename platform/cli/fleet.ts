import { SingleBar } from "cli-progress";
import { Command } from "commander";
import { Beluga } from "../../constructs/beluga";
import { destroyStack, upStack } from "../deploy";
import { beluga as repoBeluga } from "../instance";
import { clusterUp } from "../local/cluster/cluster-up";
import {
  FLEET_PLATFORM_PROJECT,
  FLEET_SINGLE_PROJECT,
  type FleetReport,
  deployFleet,
  fleetBeluga,
  fleetPlatformProgram,
  fleetProjectDir,
  singleStackProgram,
} from "../lab/fleet";
import { envOption, firstEnvironment } from "./shared-options";

/**
 * `beluga fleet deploy --apps 50 --parallel 2` (and `npm run fleet -- deploy …`): deploys generated
 * apps of the synthetic estate to the embedded platform, one stack per app with bounded parallelism,
 * and prints apps per minute. `--compare` then removes them and deploys the same apps as ONE stack,
 * for the side-by-side figure. The fleet's worker processes build the same fleet on this repository's
 * instance (platform/instance), so `beluga` must be that instance's façade.
 */
export function fleetCommand(beluga: Beluga): Command {
  const program = new Command("fleet").description("Deploy many generated apps to the embedded platform");

  program
    .command("deploy")
    .description("pulumi up of N generated apps, one stack each, P at a time")
    .option("-n, --apps <n>", "number of generated apps", (v) => Number(v), 50)
    .option("-p, --parallel <p>", "worker processes (one pulumi up each at a time)", (v) => Number(v), 2)
    .addOption(envOption(beluga).default(firstEnvironment(beluga)))
    .option("--compare", "then destroy them and deploy the same apps as one large stack")
    .option("--keep", "leave the apps deployed at the end")
    .action(async (o: { apps: number; parallel: number; env: string; compare?: boolean; keep?: boolean }) => {
      if (!Number.isInteger(o.apps) || o.apps < 1) return fail(`--apps must be a positive integer (got ${o.apps})`);
      if (!Number.isInteger(o.parallel) || o.parallel < 1) return fail(`--parallel must be a positive integer (got ${o.parallel})`);
      if (process.env.BELUGA_EXTERNAL_CLUSTER !== "1") {
        clusterUp();
      }
      const selection = { apps: o.apps };
      const fleet = fleetBeluga(selection, beluga);
      const apps = fleet.apps;
      const components = apps.reduce((n, a) => n + Object.keys(a.components).length + Object.keys(a.batches ?? {}).length, 0);
      console.log(`fleet: ${apps.length} generated apps (${components} components and batches) → ${o.env}, ${o.parallel} at a time`);

      const platformStarted = Date.now();
      await upStack(
        { project: FLEET_PLATFORM_PROJECT, env: o.env },
        { program: fleetPlatformProgram(fleet), workDir: fleetProjectDir(FLEET_PLATFORM_PROJECT), refresh: false },
      );
      console.log(`fleet: platform layer (${apps.length} namespaces) in ${((Date.now() - platformStarted) / 1000).toFixed(1)} s`);

      const perApp = await withBar("pulumi up", apps.length, (onResult) =>
        deployFleet({ apps: apps.map((a) => a.name), env: o.env, selection, parallel: o.parallel, onResult }),
      );
      report("per-app stacks", perApp);
      const figures: Record<string, unknown> = {
        apps: apps.length,
        components,
        parallel: o.parallel,
        env: o.env,
        perAppSeconds: round(perApp.seconds),
        appsPerMinute: round(perApp.appsPerMinute),
        failed: perApp.results.filter((r) => !r.ok).length,
      };

      if (o.compare) {
        const removed = await withBar("pulumi destroy", apps.length, (onResult) =>
          deployFleet({ apps: apps.map((a) => a.name), env: o.env, selection, parallel: o.parallel, operation: "destroy", onResult }),
        );
        console.log(`fleet: per-app stacks destroyed in ${removed.seconds.toFixed(1)} s`);
        // Same apps as the per-app stacks that succeeded: one app that cannot deploy fails a whole stack.
        const deployed = apps.filter((a) => perApp.results.some((r) => r.app === a.name && r.ok));
        const single = { project: FLEET_SINGLE_PROJECT, env: o.env };
        const options = {
          program: singleStackProgram(new Beluga(fleet.instance, deployed)),
          workDir: fleetProjectDir(FLEET_SINGLE_PROJECT),
          refresh: false,
        };
        const started = Date.now();
        const result = await upStack(single, options).catch((error: Error) => error);
        const seconds = (Date.now() - started) / 1000;
        if (result instanceof Error) {
          console.log(
            `fleet: one stack with the same ${deployed.length} apps FAILED after ${seconds.toFixed(1)} s (see .beluga/logs/${FLEET_SINGLE_PROJECT}-${o.env}-up.log)`,
          );
          Object.assign(figures, { singleStackFailedAfterSeconds: round(seconds) });
        } else {
          const resources = Object.values(result.changes).reduce((a, b) => a + b, 0);
          console.log(
            `fleet: one stack with the same ${deployed.length} apps (${resources} resources): ${seconds.toFixed(1)} s, ${((deployed.length / seconds) * 60).toFixed(1)} apps/min`,
          );
          Object.assign(figures, {
            singleStackApps: deployed.length,
            singleStackSeconds: round(seconds),
            singleStackAppsPerMinute: round((deployed.length / seconds) * 60),
          });
        }
        if (!o.keep) await destroyStack(single, options);
      } else if (!o.keep) {
        await withBar("pulumi destroy", apps.length, (onResult) =>
          deployFleet({ apps: apps.map((a) => a.name), env: o.env, selection, parallel: o.parallel, operation: "destroy", onResult }),
        );
      }
      if (!o.keep)
        await destroyStack(
          { project: FLEET_PLATFORM_PROJECT, env: o.env },
          { program: fleetPlatformProgram(fleet), workDir: fleetProjectDir(FLEET_PLATFORM_PROJECT) },
        );
      console.log(JSON.stringify({ fleet: figures }));
      if (perApp.results.some((r) => !r.ok)) process.exitCode = 1;
    });

  program
    .command("destroy")
    .description("pulumi destroy of the fleet's app stacks, the single stack and the fleet platform layer")
    .option("-n, --apps <n>", "number of generated apps", (v) => Number(v), 50)
    .option("-p, --parallel <p>", "worker processes", (v) => Number(v), 2)
    .addOption(envOption(beluga).default(firstEnvironment(beluga)))
    .action(async (o: { apps: number; parallel: number; env: string }) => {
      const selection = { apps: o.apps };
      const fleet = fleetBeluga(selection, beluga);
      const apps = fleet.apps;
      const removed = await withBar("pulumi destroy", apps.length, (onResult) =>
        deployFleet({ apps: apps.map((a) => a.name), env: o.env, selection, parallel: o.parallel, operation: "destroy", onResult }),
      );
      await destroyStack(
        { project: FLEET_SINGLE_PROJECT, env: o.env },
        { program: singleStackProgram(fleet), workDir: fleetProjectDir(FLEET_SINGLE_PROJECT) },
      );
      await destroyStack(
        { project: FLEET_PLATFORM_PROJECT, env: o.env },
        { program: fleetPlatformProgram(fleet), workDir: fleetProjectDir(FLEET_PLATFORM_PROJECT) },
      );
      console.log(
        `fleet: ${removed.results.filter((r) => r.ok).length}/${apps.length} app stacks, the single stack and the platform layer destroyed in ${removed.seconds.toFixed(1)} s`,
      );
    });

  return program;
}

async function withBar(
  label: string,
  total: number,
  work: (onResult: (r: { app: string; ok: boolean }, done: number) => void) => Promise<FleetReport>,
): Promise<FleetReport> {
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} apps | {eta_formatted} left | last: {app}`,
    stream: process.stderr,
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  });
  bar.start(total, 0, { app: "-" });
  try {
    return await work((r, done) => bar.update(done, { app: `${r.app}${r.ok ? "" : " FAILED"}` }));
  } finally {
    bar.stop();
  }
}

function report(label: string, r: FleetReport): void {
  const ok = r.results.filter((x) => x.ok);
  const times = ok.map((x) => x.seconds).sort((a, b) => a - b);
  const median = times.length ? times[Math.floor(times.length / 2)] : 0;
  console.log(
    `fleet: ${label}: ${ok.length}/${r.results.length} apps in ${r.seconds.toFixed(1)} s → ${r.appsPerMinute.toFixed(1)} apps/min (median ${median.toFixed(1)} s per app)`,
  );
  for (const f of r.results.filter((x) => !x.ok)) console.log(`  ✗ ${f.app}: ${f.error}`);
}

const round = (n: number) => Math.round(n * 10) / 10;

function fail(message: string): void {
  console.error(`fleet: ${message}`);
  process.exitCode = 2;
}

if (require.main === module) {
  fleetCommand(repoBeluga)
    .parseAsync()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
