/**
 * The figures every cluster benchmark prints (`bench:deploy`, `bench:fleet`): median and min–max of
 * repeated timings, a ratio against the floor measured in the same run, whether the goal is
 * met, and the machine. Pure apart from `benchMachine`, which reads the host.
 */
import { availableParallelism, cpus } from "node:os";

/** Median and spread of a series of timings, in seconds. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The machine a benchmark ran on: its JSON line says so, as the README's figures do. */
export interface BenchMachine {
  readonly cpus: number;
  readonly model: string;
}

/** Median of a non-empty list (the mean of the two middle values for an even count). @throws Error on an empty list */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds to milliseconds when the figures are seconds: a JSON line reads `12.345`, not `12.345678901`. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Median, min and max of a non-empty series, rounded to the millisecond. @throws Error on an empty list */
export function spread(values: readonly number[]): Spread {
  return { median: round3(median(values)), min: round3(Math.min(...values)), max: round3(Math.max(...values)) };
}

/**
 * A goal of the form `measured ≤ goal × floor` (`atMost`) or `measured ≥ goal × floor` (`atLeast`),
 * judged on the ratio measured / floor.
 */
export function goalMet(ratio: number, goal: number, direction: "atMost" | "atLeast"): boolean {
  if (!Number.isFinite(ratio)) return false;
  return direction === "atMost" ? ratio <= goal : ratio >= goal;
}

/** The host's processors: how many this process may use and their model name. */
export function benchMachine(): BenchMachine {
  return { cpus: availableParallelism(), model: cpus()[0]?.model.trim() ?? "unknown" };
}
