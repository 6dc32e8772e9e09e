import { FAULTS, type Fault } from "./chaos-plan";

/** What one round found. */
export interface RoundResult {
  readonly round: number;
  readonly app: string;
  readonly fault: Fault;
  /** Exit code of the faulted deploy (and of the second runner, for `two-runners`). */
  readonly faultedExit: readonly number[];
  /** The next plain deploy converged (exit 0, the new digest live). */
  readonly converged: boolean;
  /** The faulted deploy did not finish, and the next deploy recovered (lock, unfinished operations). */
  readonly recovered: boolean;
  readonly pendingOperations: number;
  readonly orphans: readonly string[];
  readonly missing: readonly string[];
  readonly belowMinimum: readonly string[];
  readonly seconds: number;
}

/** Anything a round lost: unfinished operations left, orphans, missing objects, capacity below the HPA minimum, no convergence. */
export function lostOf(r: RoundResult): string[] {
  return [
    ...(r.converged ? [] : ["the next deploy did not converge"]),
    ...(r.pendingOperations > 0 ? [`${r.pendingOperations} unfinished operation(s) in the state`] : []),
    ...r.orphans.map((o) => `orphan ${o}`),
    ...r.missing.map((m) => `missing ${m}`),
    ...r.belowMinimum,
  ];
}

/** The run's summary: rounds, faults injected by kind, recoveries, and everything lost (must be empty). */
export function chaosSummary(results: readonly RoundResult[], seed: number) {
  const faults = Object.fromEntries(FAULTS.map((f) => [f, results.filter((r) => r.fault === f).length]));
  const lost = results.flatMap((r) => lostOf(r).map((l) => `round ${r.round} (${r.app}, ${r.fault}): ${l}`));
  return {
    bench: "chaos",
    seed,
    rounds: results.length,
    faults,
    recoveries: results.filter((r) => r.recovered).length,
    lost: lost.length,
    details: lost,
  };
}

/** The summary as a table a person reads at the end of the run. */
export function chaosTable(results: readonly RoundResult[], seed: number): string {
  const s = chaosSummary(results, seed);
  const rows: [string, string][] = [
    ["rounds", String(s.rounds)],
    ...FAULTS.map((f): [string, string] => [`faults: ${f}`, String(s.faults[f])]),
    ["recoveries (next deploy cleared a killed or refused run)", String(s.recoveries)],
    ["lost (must be 0)", String(s.lost)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [...rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`), ...s.details.map((d) => `  ✗ ${d}`)].join("\n");
}
