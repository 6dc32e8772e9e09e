/**
 * The pure part of `npm run bench:deploy`: how kubectl's and `beluga deploy`'s results are read, and the
 * JSON line each case prints (medians, min–max, the ratio to the floor measured in the same run, the goal).
 */
import { type BenchMachine, type Spread, goalMet, median, round3, spread } from "../bench-stats";

/** Goal of issue 18: a one-app no-change deploy, job set-up included, within 4 × its kubectl floor. */
export const NO_CHANGE_GOAL = 4;

/** What `kubectl diff` said: nothing to change, something to change, or it could not tell. */
export type DiffOutcome = "same" | "differs" | "failed";

/**
 * `kubectl diff` exits 0 when the cluster already holds the objects, 1 when it would change them, and
 * more than 1 (or no code, when killed) when the diff itself failed.
 * @see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_diff/
 */
export function diffOutcome(code: number | null): DiffOutcome {
  if (code === 0) return "same";
  if (code === 1) return "differs";
  return "failed";
}

/**
 * What each stack of a `beluga deploy` changed, as it printed it (`… done in 3.2s (no changes)`,
 * `… done in 9.8s (1 update)`): one entry per stack deployed, in order.
 */
export function reportedChanges(output: string): string[] {
  return [...output.matchAll(/ done in [\d.]+s \(([^)]*)\)/g)].map((m) => m[1]);
}

/** True when the deploy printed at least one stack and every stack it deployed changed nothing. */
export function isNoChangeDeploy(output: string): boolean {
  const changes = reportedChanges(output);
  return changes.length > 0 && changes.every((c) => c === "no changes");
}

/** The measurements of the no-change case. */
export interface NoChangeMeasurements {
  readonly app: string;
  readonly env: string;
  /** Wall-clock seconds of each `npm run -s deploy -- --app <app> --env <env>`. */
  readonly deploySeconds: readonly number[];
  /** Seconds of each `kubectl apply --server-side --dry-run=server` + `kubectl diff --server-side` of the same objects. */
  readonly floorSeconds: readonly number[];
  /** Runs whose deploy changed something (then not a no-change measurement). */
  readonly changedRuns: number;
  readonly machine: BenchMachine;
}

/** The JSON line of the no-change case. */
export interface NoChangeLine {
  readonly bench: "deploy-no-change";
  readonly app: string;
  readonly env: string;
  readonly runs: number;
  readonly deploy: Spread;
  readonly floor: Spread;
  /** Median deploy / median floor. */
  readonly ratio: number;
  readonly goal: number;
  /** ratio ≤ goal. */
  readonly met: boolean;
  readonly changedRuns: number;
  readonly machine: BenchMachine;
}

/** The JSON line of the no-change case from its measurements. @throws Error when a series is empty */
export function noChangeLine(m: NoChangeMeasurements): NoChangeLine {
  const ratio = median(m.deploySeconds) / median(m.floorSeconds);
  return {
    bench: "deploy-no-change",
    app: m.app,
    env: m.env,
    runs: m.deploySeconds.length,
    deploy: spread(m.deploySeconds),
    floor: spread(m.floorSeconds),
    ratio: round3(ratio),
    goal: NO_CHANGE_GOAL,
    met: goalMet(ratio, NO_CHANGE_GOAL, "atMost"),
    changedRuns: m.changedRuns,
    machine: m.machine,
  };
}

/** The JSON line of the rolling-update case: the keys it always had, then the spreads and the machine. */
export interface RollingLine {
  readonly bench: "deploy";
  readonly repetitions: number;
  readonly pulumiMedianSeconds: number;
  readonly kubectlMedianSeconds: number;
  /** Median pulumi up / median kubectl apply + rollout status. */
  readonly ratio: number;
  readonly pulumi: Spread;
  readonly kubectl: Spread;
  readonly machine: BenchMachine;
}

/** The JSON line of the rolling-update case from its timings. @throws Error when a series is empty */
export function rollingLine(pulumiSeconds: readonly number[], kubectlSeconds: readonly number[], machine: BenchMachine): RollingLine {
  const p = median(pulumiSeconds);
  const k = median(kubectlSeconds);
  return {
    bench: "deploy",
    repetitions: pulumiSeconds.length,
    pulumiMedianSeconds: round3(p),
    kubectlMedianSeconds: round3(k),
    ratio: round3(p / k),
    pulumi: spread(pulumiSeconds),
    kubectl: spread(kubectlSeconds),
    machine,
  };
}

/**
 * The job environment of a no-change deploy: the bench's own, without any `BELUGA_DIGEST_<WORKLOAD>`
 * (a digest an image job built would make the deploy a release, not a no-change run).
 */
export function withoutBuiltDigests(processEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(processEnv).filter(([key]) => !key.startsWith("BELUGA_DIGEST_")));
}
