/**
 * The pure part of `npm run bench:fleet`: throughput in apps per minute, overall and per batch of
 * completions (does it fall as the cluster fills?), and the JSON line with the ratio to kubectl's
 * throughput measured in the same run.
 */
import { type BenchMachine, goalMet, round3 } from "../bench-stats";

/** Goal of issue 18: the fleet runner at ≥ 0.7 × the apps per minute of kubectl at the same parallelism. */
export const FLEET_GOAL = 0.7;

/** Throughput of one batch of consecutive completions. */
export interface BatchThroughput {
  /** 1-based, in completion order. */
  readonly batch: number;
  readonly apps: number;
  /** Seconds from the start of the run to the previous batch's last completion (0 for the first batch). */
  readonly fromSeconds: number;
  /** Seconds from the start of the run to this batch's last completion. */
  readonly toSeconds: number;
  readonly appsPerMinute: number;
}

/** Apps per minute; 0 when nothing completed, Infinity never (a zero duration counts as one millisecond). */
export function appsPerMinute(apps: number, seconds: number): number {
  if (apps === 0) return 0;
  return (apps / Math.max(seconds, 0.001)) * 60;
}

/**
 * Per-batch throughput from the moments apps completed (seconds since the run started, any order):
 * sorted, cut into batches of `batchSize` consecutive completions (the last one may be smaller), each
 * batch's rate measured from the previous batch's last completion to its own last one.
 * @throws Error when batchSize is not an integer ≥ 1
 */
export function batchThroughput(completedAt: readonly number[], batchSize: number): BatchThroughput[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be an integer ≥ 1 (got ${batchSize})`);
  const sorted = [...completedAt].sort((a, b) => a - b);
  const batches: BatchThroughput[] = [];
  let from = 0;
  for (let start = 0; start < sorted.length; start += batchSize) {
    const slice = sorted.slice(start, start + batchSize);
    const to = slice[slice.length - 1];
    batches.push({
      batch: batches.length + 1,
      apps: slice.length,
      fromSeconds: round3(from),
      toSeconds: round3(to),
      appsPerMinute: round3(appsPerMinute(slice.length, to - from)),
    });
    from = to;
  }
  return batches;
}

/** The batch size when none is given: five batches over the fleet, at least one app each. */
export function defaultBatchSize(apps: number): number {
  return Math.max(1, Math.ceil(apps / 5));
}

/** What one side of the comparison did. */
export interface FleetSide {
  /** Wall-clock seconds of the whole side (worker start-up included). */
  readonly seconds: number;
  /** Completion moment (seconds since the side started) of every app that succeeded. */
  readonly completedAt: readonly number[];
  readonly failed: number;
}

/** One side's figures in the JSON line. */
export interface FleetSideFigures {
  readonly seconds: number;
  readonly ok: number;
  readonly failed: number;
  readonly appsPerMinute: number;
  readonly batches: readonly BatchThroughput[];
}

/** The JSON line of the fleet benchmark. */
export interface FleetLine {
  readonly bench: "fleet";
  readonly env: string;
  readonly apps: number;
  readonly parallel: number;
  readonly batchSize: number;
  /** `pulumi up` per app by the fleet runner (`deployFleet`). */
  readonly fleet: FleetSideFigures;
  /** `kubectl apply --server-side` + `kubectl rollout status` per app, same parallelism. */
  readonly kubectl: FleetSideFigures;
  /** fleet apps/min ÷ kubectl apps/min. */
  readonly ratio: number;
  readonly goal: number;
  /** ratio ≥ goal. */
  readonly met: boolean;
  readonly machine: BenchMachine;
}

/** What the fleet benchmark measured. */
export interface FleetMeasurements {
  readonly env: string;
  readonly apps: number;
  readonly parallel: number;
  readonly batchSize: number;
  readonly fleet: FleetSide;
  readonly kubectl: FleetSide;
  readonly machine: BenchMachine;
}

function figures(side: FleetSide, batchSize: number): FleetSideFigures {
  return {
    seconds: round3(side.seconds),
    ok: side.completedAt.length,
    failed: side.failed,
    appsPerMinute: round3(appsPerMinute(side.completedAt.length, side.seconds)),
    batches: batchThroughput(side.completedAt, batchSize),
  };
}

/** The JSON line from the measurements: throughput of each side, overall and per batch, and the ratio. */
export function fleetLine(m: FleetMeasurements): FleetLine {
  const fleet = figures(m.fleet, m.batchSize);
  const kubectl = figures(m.kubectl, m.batchSize);
  const ratio = kubectl.appsPerMinute > 0 ? fleet.appsPerMinute / kubectl.appsPerMinute : Number.NaN;
  return {
    bench: "fleet",
    env: m.env,
    apps: m.apps,
    parallel: m.parallel,
    batchSize: m.batchSize,
    fleet,
    kubectl,
    // NaN is not JSON: a ratio without a kubectl throughput prints as null.
    ratio: round3(ratio),
    goal: FLEET_GOAL,
    met: goalMet(ratio, FLEET_GOAL, "atLeast"),
    machine: m.machine,
  };
}
