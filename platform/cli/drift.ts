import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { type StackTarget, targetLabel, workDirOf } from "../deploy";
import { checkDrift, existingStacks } from "../deploy/drift";
import { type StackDrift, formatDriftReport } from "../deploy/drift-report";
import { driftReportFile } from "../deploy/drift-report-file";
import { preflightFor } from "../deploy/preflight";
import { EXIT, guarded } from "./cli-errors";
import { appsOption, envOption } from "./shared-options";

/**
 * `beluga drift [--env <env>] [--app <apps...>] [--out <file>]`: a refreshed preview of every stack
 * (apps × environments, and the platform layer), reporting per stack the resources and fields whose
 * cluster state differs from the code. The report is printed; `--out` also writes it to a file
 * (markdown, or JSON for a `.json` file). Exit 1 when any drifted or could not be checked. What the
 * root pipeline's scheduled drift jobs run, per environment (`driftJobs`):
 * `npm run drift -- --env <env> --out .beluga/drift/<env>.md`.
 */
export function driftCommand(beluga: Beluga): Command {
  return new Command("drift")
    .description("refreshed preview of every stack: what in the cluster differs from the code (exit 1 when something does)")
    .addOption(envOption(beluga, "only this environment (default: every environment)"))
    .addOption(appsOption(beluga))
    .option("--platform", "also check the platform layer (default when no --app is given)")
    .option("--no-platform", "skip the platform layer")
    .option("-o, --out <file>", "also write the report there: JSON when the name ends in .json, markdown otherwise")
    .action(
      guarded("drift", async (options: { env?: string; app?: string[]; platform?: boolean; out?: string }) => {
        const withPlatform = options.platform ?? !options.app;
        const envs = options.env ? [beluga.environment(options.env)] : beluga.environments.names.map((n) => beluga.environment(n));
        const apps = options.app ?? beluga.appNames;
        const targets: StackTarget[] = envs.flatMap((env) => [
          ...(withPlatform ? [{ project: "platform", env: env.name }] : []),
          ...apps.map((app) => ({ project: app, env: env.name })),
        ]);
        const stacksOf = new Map<string, Promise<Set<string>>>();
        const drifts: StackDrift[] = [];
        for (const [i, target] of targets.entries()) {
          const step = `[${i + 1}/${targets.length}] drift ${targetLabel(target)} …`;
          const dir = workDirOf(target);
          if (!stacksOf.has(dir)) stacksOf.set(dir, existingStacks(dir));
          if (!(await stacksOf.get(dir)!).has(target.env)) {
            console.error(`${step} never deployed, skipped`);
            continue;
          }
          const env = beluga.environment(target.env);
          const problems = await preflightFor(target, env);
          const started = Date.now();
          const drift: StackDrift =
            problems.length > 0
              ? { target, resources: [], error: problems.map((p) => `${p.message}; ${p.next}`).join(" / ") }
              : await checkDrift(target);
          drifts.push(drift);
          const verdict = drift.error ? "FAILED" : drift.resources.length > 0 ? `${drift.resources.length} drifted` : "no drift";
          console.error(`${step} ${verdict} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        }
        console.log(formatDriftReport(drifts));
        if (options.out) {
          mkdirSync(dirname(options.out), { recursive: true });
          writeFileSync(options.out, driftReportFile(options.out, drifts));
          console.error(`drift: report → ${options.out}`);
        }
        if (drifts.some((d) => d.error || d.resources.length > 0)) process.exitCode = EXIT.refused;
      }),
    );
}
