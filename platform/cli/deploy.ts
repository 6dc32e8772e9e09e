import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { namespaceOf } from "../../constructs/model";
import { type StackTarget, formatTable, planRelease, readWorkloads, renderStatusPage, targetLabel, upStack } from "../deploy";
import { EngineStop } from "../deploy/engine-stop";
import { preflightFor } from "../deploy/preflight";
import { withoutUnsafeHints } from "../deploy/run-log";
import { StackLockedError, describeRecovery, recoverBeforeRun } from "../deploy/stack-recovery";
import { openStack } from "../deploy/stack-runner";
import { renderLineagePage, socleUsage } from "../estate/socles";
import { clusterUp } from "../local/cluster/cluster-up";
import { REPO_ROOT } from "../repo-root";
import { RefusedError, UsageError, guarded } from "./cli-errors";
import { appsOption, emergencyChangeOption, envOption, firstEnvironment } from "./shared-options";

/**
 * `beluga deploy`, the main job: brings the embedded platform up if needed, then `pulumi up` of the
 * platform layer and of every app (or the ones named) in one environment, and prints what runs there.
 */
export function deployCommand(beluga: Beluga): Command {
  return new Command("deploy")
    .description("pulumi up of the platform layer and the apps in one environment, then a table of what runs")
    .addOption(envOption(beluga).default(firstEnvironment(beluga)))
    .addOption(appsOption(beluga))
    .option("--no-cluster", "do not start the embedded control plane (use the current kube context; also when BELUGA_EXTERNAL_CLUSTER=1)")
    .option("--platform", "also deploy the platform layer (default when no --app is given)")
    .option("--no-platform", "skip the platform layer")
    .option("--platform-only", "deploy only the platform layer (the root pipeline's platform jobs)")
    .addOption(emergencyChangeOption(beluga))
    .action(
      guarded(
        "deploy",
        async (options: {
          env: string;
          app?: string[];
          cluster: boolean;
          platform?: boolean;
          platformOnly?: boolean;
          emergencyChange?: string;
        }) => {
          if (options.platformOnly && (options.app || options.platform === false))
            throw new UsageError(
              "--platform-only deploys the platform layer alone",
              "drop --app and --no-platform, or drop --platform-only",
            );
          // A pipeline deploying one app leaves the platform layer to the platform team's own pipeline.
          const withPlatform = options.platformOnly || (options.platform ?? !options.app);
          const env = beluga.environment(options.env);
          const selected = options.platformOnly ? [] : options.app ? options.app.map((name) => beluga.app(name)) : beluga.apps;
          // The app programs run inline and read the change id from the instance's change variable.
          if (options.emergencyChange) process.env[beluga.instance.changeManagement.variable] = options.emergencyChange;
          if (options.cluster && process.env.BELUGA_EXTERNAL_CLUSTER !== "1") clusterUp();
          const targets: StackTarget[] = [
            ...(withPlatform ? [{ project: "platform", env: env.name }] : []),
            ...selected.map((a) => ({ project: a.name, env: env.name })),
          ];
          // SIGINT/SIGTERM stop the engine cleanly (lock released, plugins stopped), a second one at once.
          const stop = new EngineStop();
          const uninstall = stop.install();
          try {
            for (const [i, target] of targets.entries()) {
              if (stop.requested) throw new RefusedError(`stopped before ${targetLabel(target)}: nothing more was deployed`);
              await deployTarget(beluga, target, `[${i + 1}/${targets.length}]`, env, stop);
            }
          } finally {
            uninstall();
          }
          const rows = readWorkloads(selected.map((a) => namespaceOf(a.name, env)));
          console.log(`\n${formatTable(rows)}`);
          mkdirSync(join(REPO_ROOT, ".beluga"), { recursive: true });
          const page = join(REPO_ROOT, ".beluga/status.html");
          writeFileSync(page, renderStatusPage(rows, beluga.environments, new Date().toISOString()));
          console.log(`\napps × environments page: ${page}`);
          const lineage = join(REPO_ROOT, ".beluga/lineage.html");
          writeFileSync(lineage, renderLineagePage(socleUsage(beluga), beluga.instance, { generatedAt: new Date().toISOString() }));
          console.log(`image lineage page (base → socle → app): ${lineage}`);
        },
      ),
    );
}

/**
 * One stack of the deploy: preflight (nothing starts, and no stack is created, when the cluster, the
 * namespace or the stack files are not right), recovery from a killed run, then `pulumi up`.
 */
async function deployTarget(
  beluga: Beluga,
  target: StackTarget,
  step: string,
  env: ReturnType<Beluga["environment"]>,
  stop: EngineStop,
): Promise<void> {
  const label = targetLabel(target);
  const problems = await preflightFor(target, env);
  if (problems.length > 0) {
    console.log(`${step} pulumi up ${label} … NOT STARTED`);
    throw new RefusedError(
      `${label}: not deployed, ${problems.length} problem(s) found before starting`,
      problems.map((p) => `${p.message}; ${p.next}`),
      "nothing was changed; deploy again once fixed",
    );
  }
  try {
    const report = await recoverBeforeRun(target, { open: () => openStack(target) });
    for (const line of describeRecovery(target, report)) console.log(`${step} ${line}`);
  } catch (error) {
    if (error instanceof StackLockedError) throw new RefusedError(error.message, [], error.next);
    throw error;
  }
  // Which digest each workload deploys, and why (built, kept, received from the previous environment).
  const release = target.project === "platform" ? undefined : await planRelease(beluga, beluga.app(target.project), env.name);
  for (const note of release?.notes ?? []) console.log(`${step} release: ${note}`);
  let logFile = "";
  const onLogFile = (path: string) => {
    logFile = relative(REPO_ROOT, path);
    process.stdout.write(`${step} pulumi up ${label} (log ${logFile}) … `);
  };
  try {
    const result = await upStack(target, { onLogFile, onOutput: stop.observe, release });
    const changes =
      Object.entries(result.changes)
        .filter(([op]) => op !== "same")
        .map(([op, n]) => `${n} ${op}`)
        .join(", ") || "no changes";
    console.log(`done in ${result.seconds.toFixed(1)}s (${changes})`);
  } catch (error) {
    console.log(stop.requested ? "STOPPED" : "FAILED");
    throw new RefusedError(
      `${label}: pulumi up ${stop.requested ? "stopped" : "failed"}`,
      failureLines(error),
      logFile ? `full log: ${logFile}` : undefined,
    );
  }
}

/** The lines of an engine failure a person needs, without the Automation API's stack trace. */
function failureLines(error: unknown): string[] {
  const text = withoutUnsafeHints(error instanceof Error ? error.message : String(error));
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^(error:|.*\bmandatory\b|.*violation)/i.test(l) && !l.startsWith("at "));
  return [...new Set(lines)].slice(0, 25);
}
