/**
 * The no-change case of `npm run bench:deploy`: a one-app deploy that changes nothing, timed the way a
 * pipeline's deploy job runs it — `npm run -s deploy -- --app <app> --env <env>` as a child process,
 * so with-platform.sh, setup.sh, the CLI's start and the release plan count — against the floor:
 * `kubectl apply --server-side --dry-run=server` + `kubectl diff --server-side` of the same rendered
 * objects (what any tool must at least do to learn that nothing changes). Interleaved runs, so a burst
 * of load on the machine touches both alike.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EnvironmentSpec } from "../../../../constructs/model";
import { toYaml } from "../../../../constructs/k8s";
import { planRelease } from "../../../deploy/stack-record";
import { beluga } from "../../../instance";
import { REPO_ROOT } from "../../../repo-root";
import { benchMachine } from "../bench-stats";
import {
  type NoChangeLine,
  diffOutcome,
  isNoChangeDeploy,
  noChangeLine,
  reportedChanges,
  withoutBuiltDigests,
} from "./deploy-bench-report";

/** Options of the no-change case. */
export interface NoChangeOptions {
  readonly runs: number;
  /** An app of this repository (apps/). */
  readonly app: string;
  readonly env: EnvironmentSpec;
}

/** Field manager of the floor's dry runs: never the deploy's own, so the floor writes nothing it owns. */
const FLOOR_FIELD_MANAGER = "beluga-bench-floor";

/** A child's result: its exit code, output and wall-clock seconds. */
interface Timed {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Timed {
  const started = performance.now();
  const r = spawnSync(command, [...args], { cwd: REPO_ROOT, env, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (r.error) throw new Error(`${command} ${args.join(" ")} could not start: ${r.error.message}`);
  return { code: r.status, output: `${r.stdout}${r.stderr}`, seconds };
}

const tail = (output: string, lines = 30) => output.trimEnd().split("\n").slice(-lines).join("\n");

/** `npm run -s deploy -- <args>` as a deploy job runs it. @throws Error with the output's tail when it fails */
function deploy(args: readonly string[], env: NodeJS.ProcessEnv): Timed {
  const result = run("npm", ["run", "-s", "deploy", "--", ...args], env);
  if (result.code !== 0) throw new Error(`npm run deploy -- ${args.join(" ")} exited with ${result.code}:\n${tail(result.output)}`);
  return result;
}

/** The floor: a server-side dry-run apply and a server-side diff of the file, timed together. @throws Error when either fails */
function floor(file: string, env: NodeJS.ProcessEnv): Timed {
  const ssa = ["--server-side", "--force-conflicts", `--field-manager=${FLOOR_FIELD_MANAGER}`, "-f", file];
  const apply = run("kubectl", ["apply", "--dry-run=server", ...ssa], env);
  if (apply.code !== 0) throw new Error(`kubectl apply --dry-run=server exited with ${apply.code}:\n${tail(apply.output)}`);
  const diff = run("kubectl", ["diff", ...ssa], env);
  if (diffOutcome(diff.code) === "failed") throw new Error(`kubectl diff exited with ${diff.code}:\n${tail(diff.output)}`);
  return { code: diff.code, output: diff.output, seconds: apply.seconds + diff.seconds };
}

/**
 * Deploys the platform layer and the app once (untimed, so the app is deployed and the state current),
 * writes the app's rendered objects — rendered as the deploy renders them, with the release plan's
 * digests — to a multi-document YAML file, then times `runs` deploys and floors, interleaved.
 */
export async function noChangeCase({ runs, app, env }: NoChangeOptions): Promise<NoChangeLine> {
  const jobEnv = withoutBuiltDigests(process.env);
  const scratch = mkdtempSync(join(tmpdir(), "beluga-bench-no-change-"));
  try {
    process.stderr.write(`no-change: warm-up, platform layer and ${app}/${env.name} deployed once (untimed) …\n`);
    deploy(["--app", app, "--env", env.name, "--platform"], jobEnv);

    const plan = await planRelease(beluga, beluga.app(app), env.name, jobEnv);
    const file = join(scratch, `${app}-${env.name}.yaml`);
    writeFileSync(file, toYaml(beluga.render(app, env, { digests: plan.digests }).objects));
    const first = floor(file, jobEnv); // untimed: kubectl's discovery cache filled, as a runner that kept it has it
    if (diffOutcome(first.code) === "differs")
      process.stderr.write(`no-change: warning, kubectl diff finds differences after the deploy:\n${tail(first.output, 20)}\n`);

    const deploySeconds: number[] = [];
    const floorSeconds: number[] = [];
    let changedRuns = 0;
    for (let i = 1; i <= runs; i++) {
      const d = deploy(["--app", app, "--env", env.name], jobEnv);
      const f = floor(file, jobEnv);
      deploySeconds.push(d.seconds);
      floorSeconds.push(f.seconds);
      const unchanged = isNoChangeDeploy(d.output);
      if (!unchanged) changedRuns++;
      process.stderr.write(
        `  run ${i}/${runs}: deploy ${d.seconds.toFixed(2)} s${unchanged ? "" : ` (CHANGED: ${reportedChanges(d.output).join("; ") || "no summary printed"})`}, kubectl dry-run + diff ${f.seconds.toFixed(2)} s\n`,
      );
    }
    return noChangeLine({ app, env: env.name, deploySeconds, floorSeconds, changedRuns, machine: benchMachine() });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
