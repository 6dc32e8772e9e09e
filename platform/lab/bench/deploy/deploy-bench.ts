/**
 * `npm run bench:deploy [-- --case no-change|rolling|all --runs N --app <app>]` (`-- --help` for the
 * options): deploy benchmarks on the embedded cluster, each against its floor measured in the same run.
 *   no-change  a one-app deploy that changes nothing, as a pipeline job runs it (`npm run -s deploy`,
 *              set-up included), vs `kubectl apply --server-side --dry-run=server` + `kubectl diff
 *              --server-side` of the same rendered objects; goal: ≤ 4 × the floor (issue 18)
 *   rolling    a rolling update by `pulumi up` vs `kubectl apply --server-side` + `rollout status`
 * Progress goes to stderr; each case prints one JSON line on stdout (medians, min–max, ratio, goal).
 */
import { Command, Option } from "commander";
import { beluga } from "../../../instance";
import { oneOf, positiveInt } from "../bench-options";
import { noChangeCase } from "./no-change-case";
import { rollingCase } from "./rolling-case";

/** The cases `--case` chooses from. */
const CASES = ["no-change", "rolling", "all"] as const;
type DeployBenchCase = (typeof CASES)[number];

interface DeployBenchOptions {
  readonly case: DeployBenchCase;
  readonly runs: number;
  readonly app: string;
}

async function main(options: DeployBenchOptions): Promise<void> {
  // The first environment of the promotion chain (Dev): where teams deploy themselves.
  const [env] = beluga.environments.list;
  if (options.case !== "rolling") {
    const line = await noChangeCase({ runs: options.runs, app: options.app, env });
    process.stderr.write(
      `no-change: deploy median ${line.deploy.median.toFixed(2)} s (${line.deploy.min.toFixed(2)}–${line.deploy.max.toFixed(2)}), floor median ${line.floor.median.toFixed(2)} s (${line.floor.min.toFixed(2)}–${line.floor.max.toFixed(2)}), ratio ${line.ratio.toFixed(2)} (goal ≤ ${line.goal}: ${line.met ? "met" : "NOT met"})${line.changedRuns > 0 ? `; ${line.changedRuns} run(s) changed something` : ""}\n`,
    );
    console.log(JSON.stringify(line));
  }
  if (options.case !== "no-change") {
    const line = await rollingCase({ runs: options.runs, env });
    process.stderr.write(
      `rolling: pulumi up median ${line.pulumi.median.toFixed(2)} s (${line.pulumi.min.toFixed(2)}–${line.pulumi.max.toFixed(2)}), kubectl apply + rollout status median ${line.kubectl.median.toFixed(2)} s (${line.kubectl.min.toFixed(2)}–${line.kubectl.max.toFixed(2)}), ratio ${line.ratio.toFixed(2)}\n`,
    );
    console.log(JSON.stringify(line));
  }
}

new Command("bench:deploy")
  .description("Deploy benchmarks on the embedded cluster, each against its floor in the same run; one JSON line per case")
  .addOption(new Option("--case <case>", "which case to run").choices(CASES).default("all"))
  .addOption(new Option("--runs <n>", "timed runs per case").argParser(positiveInt("--runs")).env("BENCH_RUNS").default(5))
  .addOption(
    new Option("--app <app>", "the app the no-change case deploys (one of this repository's apps)")
      .argParser(oneOf("--app", beluga.appNames))
      .default("sinistre"),
  )
  // A usage mistake exits with 2, as every Beluga command does (help exits with 0).
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .action(async (options: DeployBenchOptions) => {
    try {
      await main(options);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    }
  })
  .parseAsync();
