/**
 * `npm run bench:fleet [-- --apps N --parallel P --batch B]` (`-- --help` for the options): fleet deploy
 * throughput on the embedded cluster against its floor, in one run, in the first environment (Dev).
 *   fleet    `pulumi up` of N generated apps, one stack each, by the fleet runner of `beluga fleet
 *            deploy` (`deployFleet`: P worker processes, their start-up included)
 *   kubectl  the same rendered objects, `kubectl apply --server-side` + `kubectl rollout status` of
 *            every Deployment, P apps at a time
 * Both start from the same state: the fleet's platform layer (namespaces, quotas) deployed once, the
 * apps absent (the fleet's stacks are destroyed before the kubectl side). Apps per minute of each, per
 * batch of B completions (does throughput fall as the cluster fills?), and the ratio; goal (issue 18):
 * fleet ≥ 0.7 × kubectl. Progress on stderr, one JSON line on stdout. Everything it created (objects,
 * app stacks, the fleet platform layer and their stacks in the backend) is removed at the end, also on
 * failure; after a killed run, `npm run fleet -- destroy --apps N` removes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { Command, Option } from "commander";
import { toYaml } from "../../../../constructs/k8s";
import { namespaceOf } from "../../../../constructs/model";
import { destroyStack, upStack } from "../../../deploy/stack-runner";
import { beluga } from "../../../instance";
import { FLEET_PLATFORM_PROJECT, deployFleet, fleetBeluga, fleetPlatformProgram, fleetProjectDir } from "../../fleet";
import { positiveInt } from "../bench-options";
import { benchMachine } from "../bench-stats";
import { type FleetLine, type FleetSide, defaultBatchSize, fleetLine } from "./fleet-bench-report";
import { type KubectlApp, kubectlDeleteApp, kubectlFleet, rolloutTargets, waitForNoPods } from "./kubectl-fleet";
import { runPool } from "./worker-pool";

interface FleetBenchOptions {
  readonly apps: number;
  readonly parallel: number;
  readonly batch?: number;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).trim().split("\n")[0];

/** The resources a fleet stack holds in the backend, or undefined when it does not exist. */
async function stackResources(project: string, env: string): Promise<number | undefined> {
  const workspace = await LocalWorkspace.create({ workDir: fleetProjectDir(project), envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" } });
  const stack = (await workspace.listStacks()).find((s) => s.name === env || s.name.endsWith(`/${env}`));
  return stack ? (stack.resourceCount ?? 0) : undefined;
}

/** `pulumi stack rm` of an emptied fleet stack, so the bench leaves no stack behind. */
async function removeStack(project: string, env: string): Promise<void> {
  const workspace = await LocalWorkspace.create({ workDir: fleetProjectDir(project), envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" } });
  const stack = (await workspace.listStacks()).find((s) => s.name === env || s.name.endsWith(`/${env}`));
  if (stack) await workspace.removeStack(stack.name);
}

async function main(options: FleetBenchOptions): Promise<FleetLine> {
  const env = beluga.environment(beluga.environments.names[0]);
  const selection = { apps: options.apps };
  const fleet = fleetBeluga(selection, beluga);
  const names = fleet.apps.map((a) => a.name);
  const batchSize = options.batch ?? defaultBatchSize(names.length);
  if (names.length < options.apps) say(`fleet bench: only ${names.length} generated apps fit the fleet's budget (${options.apps} asked)`);

  const platform = { project: FLEET_PLATFORM_PROJECT, env: env.name };
  const platformOptions = { program: fleetPlatformProgram(fleet), workDir: fleetProjectDir(FLEET_PLATFORM_PROJECT), refresh: false };
  const held = await stackResources(FLEET_PLATFORM_PROJECT, env.name);
  if (held !== undefined && held > 0)
    throw new Error(
      `a fleet is deployed (stack ${FLEET_PLATFORM_PROJECT}/${env.name} holds ${held} resources): the bench would replace it; remove it first with npm run fleet -- destroy --apps <n>`,
    );

  const scratch = mkdtempSync(join(tmpdir(), "beluga-bench-fleet-"));
  const kubectlApps: KubectlApp[] = fleet.apps.map((app) => {
    const objects = fleet.render(app, env).objects;
    const file = join(scratch, `${app.name}.yaml`);
    writeFileSync(file, toYaml(objects));
    return { name: app.name, namespace: namespaceOf(app.name, env), file, rollouts: rolloutTargets(objects) };
  });
  const parallel = options.parallel;
  let fleetStacks = false;
  let kubectlObjects = false;
  try {
    say(`fleet bench: ${names.length} generated apps → ${env.name}, ${parallel} at a time, batches of ${batchSize}`);
    const platformStarted = performance.now();
    await upStack(platform, platformOptions);
    say(`  platform layer (${names.length} namespaces) in ${((performance.now() - platformStarted) / 1000).toFixed(1)} s (not timed)`);

    say(`fleet: pulumi up per app by the fleet runner (deployFleet), ${parallel} workers`);
    fleetStacks = true;
    const fleetStarted = performance.now();
    const fleetCompleted: number[] = [];
    const perApp = await deployFleet({
      apps: names,
      env: env.name,
      selection,
      parallel,
      onResult: (r, done) => {
        if (r.ok) fleetCompleted.push((performance.now() - fleetStarted) / 1000);
        say(`  ${done}/${names.length} ${r.app} ${r.ok ? `${r.seconds.toFixed(1)} s` : `FAILED: ${r.error?.split("\n")[0]}`}`);
      },
    });
    const fleetSide: FleetSide = {
      seconds: (performance.now() - fleetStarted) / 1000,
      completedAt: fleetCompleted,
      failed: perApp.results.filter((r) => !r.ok).length,
    };
    say(`  removing the fleet's apps (untimed), so kubectl starts from the same empty namespaces`);
    const removed = await deployFleet({ apps: names, env: env.name, selection, parallel, operation: "destroy" });
    const notRemoved = removed.results.filter((r) => !r.ok);
    if (notRemoved.length > 0)
      throw new Error(`fleet destroy failed for ${notRemoved.map((r) => r.app).join(", ")}: ${notRemoved[0].error}`);
    fleetStacks = false;
    await waitForNoPods(kubectlApps.map((a) => a.namespace));

    say(`kubectl: apply --server-side + rollout status per app, ${parallel} at a time`);
    kubectlObjects = true;
    const k = await kubectlFleet(kubectlApps, parallel, (r, done) =>
      say(`  ${done}/${names.length} ${r.app} ${r.ok ? "ok" : `FAILED: ${r.error?.split("\n")[0]}`}`),
    );
    const kubectlSide: FleetSide = {
      seconds: k.seconds,
      completedAt: k.results.filter((r) => r.ok).map((r) => r.completedAt),
      failed: k.results.filter((r) => !r.ok).length,
    };
    return fleetLine({
      env: env.name,
      apps: names.length,
      parallel,
      batchSize,
      fleet: fleetSide,
      kubectl: kubectlSide,
      machine: benchMachine(),
    });
  } finally {
    say("fleet bench: cleaning up");
    const step = async (what: string, work: () => Promise<unknown>) => {
      try {
        await work();
      } catch (error) {
        say(`  clean-up failed (${what}): ${firstLine(error)}`);
      }
    };
    if (fleetStacks)
      await step("destroy the fleet's app stacks", async () => {
        const r = await deployFleet({ apps: names, env: env.name, selection, parallel, operation: "destroy" });
        const failed = r.results.filter((x) => !x.ok);
        if (failed.length > 0) throw new Error(`${failed.map((x) => x.app).join(", ")}: ${failed[0].error}`);
      });
    if (kubectlObjects)
      await step("delete the kubectl side's objects", async () => {
        const r = await runPool(kubectlApps, parallel, kubectlDeleteApp);
        const failed = r.filter((x) => !x.ok);
        if (failed.length > 0) throw new Error(failed.map((x) => (x.ok ? "" : `${x.item.name}: ${x.error}`)).join("; "));
      });
    await step("destroy the fleet platform layer", () => destroyStack(platform, platformOptions));
    // Stack records go too (a destroy leaves an empty stack); one that still holds resources refuses.
    await step("remove the stacks from the backend", async () => {
      const failed: string[] = [];
      await runPool([...names, FLEET_PLATFORM_PROJECT], parallel, async (project) => {
        try {
          await removeStack(project, env.name);
        } catch (error) {
          failed.push(`${project}/${env.name}: ${firstLine(error)}`);
        }
      });
      if (failed.length > 0) throw new Error(failed.join("; "));
    });
    rmSync(scratch, { recursive: true, force: true });
  }
}

function summary(line: FleetLine): void {
  const cell = (b: { apps: number; appsPerMinute: number } | undefined) => (b ? `${b.appsPerMinute.toFixed(1)} (${b.apps} apps)` : "-");
  say(`\n| batch | fleet apps/min | kubectl apps/min |\n|------:|---------------:|-----------------:|`);
  const rows = Math.max(line.fleet.batches.length, line.kubectl.batches.length);
  for (let i = 0; i < rows; i++) say(`| ${i + 1} | ${cell(line.fleet.batches[i])} | ${cell(line.kubectl.batches[i])} |`);
  say(
    `\nfleet ${line.fleet.appsPerMinute.toFixed(1)} apps/min (${line.fleet.ok} ok, ${line.fleet.failed} failed, ${line.fleet.seconds.toFixed(1)} s), kubectl ${line.kubectl.appsPerMinute.toFixed(1)} apps/min (${line.kubectl.ok} ok, ${line.kubectl.failed} failed, ${line.kubectl.seconds.toFixed(1)} s): ratio ${line.ratio.toFixed(2)} (goal ≥ ${line.goal}: ${line.met ? "met" : "NOT met"})`,
  );
  say(`machine: ${line.machine.cpus} cpus, ${line.machine.model}`);
}

new Command("bench:fleet")
  .description(
    "Fleet deploy throughput (pulumi up per app by the fleet runner) vs kubectl apply + rollout status, same parallelism; one JSON line",
  )
  .addOption(new Option("--apps <n>", "generated apps to deploy").argParser(positiveInt("--apps")).env("BENCH_FLEET_APPS").default(10))
  .addOption(new Option("--parallel <p>", "apps deployed at once on each side").argParser(positiveInt("--parallel")).default(2))
  .addOption(
    new Option("--batch <n>", "completions per throughput batch")
      .argParser(positiveInt("--batch"))
      .default(undefined, "apps ÷ 5, rounded up"),
  )
  // A usage mistake exits with 2, as every Beluga command does (help exits with 0).
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .action(async (options: FleetBenchOptions) => {
    try {
      const line = await main(options);
      summary(line);
      console.log(JSON.stringify(line));
      if (line.fleet.failed > 0 || line.kubectl.failed > 0) process.exitCode = 1;
    } catch (error) {
      console.error(`fleet bench: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  })
  .parseAsync();
