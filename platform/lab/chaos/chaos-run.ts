/**
 * `npm run chaos [-- --rounds N --seed S --apps a,b]`: a bounded chaos run against the embedded platform
 * (Dev). Each round deploys one example app with a new image digest of one workload (a rolling
 * update) through the `beluga deploy` CLI, as a pipeline job does, and injects one fault: SIGKILL of the
 * deploy at a random moment, an API server restart, a kwok restart, or a second runner on the same stack.
 * Then a plain deploy must converge, and the round checks that the state has no unfinished operation,
 * that the cluster holds exactly what the state says (no orphan, nothing missing), and that no
 * Deployment had fewer ready pods than its HPA minimum at any reading during the round. Prints a table
 * (rounds, faults by kind, recoveries, lost — must be 0) and a JSON line; exit 1 when anything was lost.
 * At the end every changed app is deployed back to its declared digests.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { join } from "node:path";
import { Command } from "commander";
import { digestVariable } from "../../../constructs/gitlab/build-unit";
import { namespaceOf } from "../../../constructs/model";
import { openStack, programOf, upStack } from "../../deploy";
import { REPO_ROOT } from "../../repo-root";
import { beluga } from "../../instance";
import { type ChaosApp, type ChaosRound, FAULTS, type Fault, chaosPlan } from "./chaos-plan";
import { type ReadySample, belowMinimum, orphansAndMissing, readySample, stateObjects } from "./chaos-checks";
import { type RoundResult, chaosSummary, chaosTable, lostOf } from "./chaos-report";
import { oneOf, positiveInt } from "../bench/bench-options";

const ENV = "dev";
const LOADER = join(REPO_ROOT, "platform/cli/bin/ts-cached-loader.js");
/** The kinds an app stack renders, listed in its namespace to find orphans. */
const APP_KINDS = [
  "deployments.apps",
  "services",
  "configmaps",
  "secrets",
  "serviceaccounts",
  "horizontalpodautoscalers.autoscaling",
  "poddisruptionbudgets.policy",
  "networkpolicies.networking.k8s.io",
  "cronjobs.batch",
  "routes.route.openshift.io",
  "servicemonitors.monitoring.coreos.com",
  "podmonitors.monitoring.coreos.com",
  "prometheusrules.monitoring.coreos.com",
].join(",");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kubectl(args: readonly string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile("kubectl", [...args], { maxBuffer: 32 << 20, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: `${stdout}${stderr}` }),
    ),
  );
}

/** A `beluga deploy` of one app in Dev, in its own process group (so a kill takes its engine with it). */
function deploy(app: string, env: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<number>; output: () => string } {
  const child = spawn(process.execPath, [join(REPO_ROOT, "platform/cli/bin/beluga.js"), "deploy", "--env", ENV, "--app", app], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, BELUGA_EXTERNAL_CLUSTER: "1", ...env },
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { child, done: new Promise((r) => child.on("close", (code) => r(code ?? -1))), output: () => out };
}

/** Restarts one component of the embedded cluster (`cluster restart`). */
function restartComponent(name: string): Promise<number> {
  const child = spawn(process.execPath, ["-r", LOADER, join(REPO_ROOT, "platform/local/cluster.ts"), "restart", name], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return new Promise((r) => child.on("close", (code) => r(code ?? -1)));
}

/** Reads the namespace every second until stopped: ready pods against the HPA minimum. Unanswered readings are skipped. */
function sampleReadiness(namespace: string): { stop: () => Promise<ReadySample[]> } {
  const samples: ReadySample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      const r = await kubectl(["get", "deployments.apps,horizontalpodautoscalers.autoscaling", "-n", namespace, "-o", "json"]);
      if (r.code === 0) samples.push(readySample(at, JSON.parse(r.out)));
      await sleep(1000);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}

async function liveObjects(app: string, namespace: string): Promise<string[]> {
  const r = await kubectl(["get", APP_KINDS, "-n", namespace, "-l", `app.kubernetes.io/part-of=${app}`, "-o", "json"]);
  if (r.code !== 0) throw new Error(`kubectl get in ${namespace} failed: ${r.out.trim()}`);
  const items = JSON.parse(r.out).items as { kind: string; metadata: { namespace: string; name: string } }[];
  return items.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
}

/** The fault of one round, struck while the deploy runs. Resolves with the exit codes of the faulted deploy(s). */
async function strike(round: ChaosRound, env: NodeJS.ProcessEnv): Promise<number[]> {
  const first = deploy(round.app, env);
  switch (round.fault) {
    case "none":
      return [await first.done];
    case "kill": {
      await Promise.race([sleep(round.delayMs), first.done]);
      try {
        process.kill(-first.child.pid!, "SIGKILL");
      } catch {
        // Already finished: the kill came too late, the round is a plain deploy.
      }
      return [await first.done];
    }
    case "apiserver-restart":
    case "kwok-restart": {
      await Promise.race([sleep(round.delayMs), first.done]);
      const code = await restartComponent(round.fault === "apiserver-restart" ? "kube-apiserver" : "kwok");
      if (code !== 0) throw new Error(`chaos: restarting ${round.fault} failed (exit ${code}); the cluster needs a look`);
      return [await first.done];
    }
    case "two-runners": {
      await sleep(1000 + (round.delayMs % 2000));
      const second = deploy(round.app, env);
      return Promise.all([first.done, second.done]);
    }
  }
}

/** One round: the change, the fault, the converging deploy, the checks. */
export async function runRound(round: ChaosRound): Promise<RoundResult> {
  const started = Date.now();
  const namespace = namespaceOf(round.app, beluga.environment(ENV));
  const env = { [digestVariable(round.workload)]: round.digest };
  const sampler = sampleReadiness(namespace);
  let faultedExit: number[] = [];
  let converged = false;
  let samples: ReadySample[] = [];
  try {
    faultedExit = await strike(round, env);
    const again = deploy(round.app, env);
    const code = await again.done;
    converged = code === 0;
    if (!converged) process.stderr.write(`chaos: round ${round.round}: the converging deploy failed:\n${again.output().slice(-3000)}\n`);
  } finally {
    samples = await sampler.stop();
  }
  const state = (await (await openStack({ project: round.app, env: ENV })).exportStack()).deployment;
  // The platform layer's objects in the app's namespace (default-deny, allowances, deployer) are its stack's.
  const platform = (await (await openStack({ project: "platform", env: ENV })).exportStack()).deployment;
  const { orphans, missing } = orphansAndMissing(stateObjects(state), await liveObjects(round.app, namespace), stateObjects(platform));
  return {
    round: round.round,
    app: round.app,
    fault: round.fault,
    faultedExit,
    converged,
    recovered: converged && faultedExit.some((c) => c !== 0),
    pendingOperations: (state.pending_operations ?? []).length,
    orphans,
    missing,
    belowMinimum: belowMinimum(samples, started),
    seconds: (Date.now() - started) / 1000,
  };
}

/** The example apps of the instance and their workloads (components and batches). */
export function chaosApps(only?: readonly string[]): ChaosApp[] {
  return beluga.appNames
    .filter((name) => !only || only.includes(name))
    .map((name) => {
      const app = beluga.app(name);
      return { name, workloads: [...Object.keys(app.components), ...Object.keys(app.batches ?? {})] };
    });
}

/** Runs the plan; each changed app is deployed back to its declared digests at the end, whatever happened. */
export async function runChaos(plan: readonly ChaosRound[], onRound?: (r: RoundResult) => void): Promise<RoundResult[]> {
  const results: RoundResult[] = [];
  try {
    for (const round of plan) {
      const result = await runRound(round);
      results.push(result);
      onRound?.(result);
    }
  } finally {
    for (const app of new Set(plan.map((r) => r.app)))
      await upStack({ project: app, env: ENV }, { program: programOf({ project: app, env: ENV }) });
  }
  return results;
}

if (require.main === module) {
  const program = new Command("chaos")
    .description("bounded chaos run on the embedded platform (Dev): random app changes with injected faults, nothing may be lost")
    .option("--rounds <n>", "number of rounds", positiveInt("--rounds"), 10)
    .option("--seed <n>", "seed of the plan (replay a run with the same seed)", positiveInt("--seed"), Date.now() % 100000)
    .option("--apps <names>", "comma-separated apps to change (default: every example app)", (v) => v.split(","))
    .option("--fault <kind>", "inject only this fault", oneOf("--fault", FAULTS))
    .action(async (o: { rounds: number; seed: number; apps?: string[]; fault?: Fault }) => {
      const plan = chaosPlan({ rounds: o.rounds, seed: o.seed, apps: chaosApps(o.apps), ...(o.fault ? { faults: [o.fault] } : {}) });
      process.stderr.write(`chaos: ${plan.length} round(s), seed ${o.seed}\n`);
      const results = await runChaos(plan, (r) =>
        process.stderr.write(
          `chaos: round ${r.round}/${plan.length} ${r.app} ${r.fault}: exit ${r.faultedExit.join("+")} → ${r.converged ? "converged" : "NOT converged"}, ` +
            `${lostOf(r).length === 0 ? "nothing lost" : `LOST: ${lostOf(r).join("; ")}`} (${r.seconds.toFixed(0)} s)\n`,
        ),
      );
      console.log(chaosTable(results, o.seed));
      const summary = chaosSummary(results, o.seed);
      console.log(JSON.stringify(summary));
      if (summary.lost > 0) process.exitCode = 1;
    });
  program.parseAsync(process.argv).catch((error: unknown) => {
    console.error(`chaos: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
