/**
 * `npm run bench [-- --runs N --apps N --only v1,v2]` (`-- --help` for the options): the estate
 * rendering benchmark. Every variant runs N times, each run in its own child process (so peak RSS
 * is per variant), side by side in one invocation so they share the machine's load:
 *   baseline  one cdk8s-plus App per environment holding every app, `synthYaml()`
 *   cold      `renderEstate` with an empty cache
 *   warm      `renderEstate` with the cache of a cold run and one app's declaration changed
 *   floor     `JSON.stringify` of the same rendered objects (built before timing)
 * Prints a table (median and spread of the timed section, median process wall time, max peak RSS),
 * the machine and the goals on stderr, and one JSON line on stdout (medians, min–max, ratios, goals).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { environments } from "../../../../environments";
import { renderCode } from "../../../estate/render-code";
import { SYNTHETIC_ESTATE_DEFAULTS } from "../../synthetic-estate/synthetic-estate";
import { BENCH_VARIANTS, type BenchVariant, type Measured, machine, runVariant, summarize } from "./bench-variant";

/**
 * Goals: issue 6 (cold at most a quarter of the baseline, warm within 300 ms, every variant of ours
 * under 600 MB) and issue 18 (warm one-app-changed at most the JSON floor of the whole estate, half
 * of it as a stretch).
 */
export const BENCH_GOALS = {
  coldShareOfBaseline: 0.25,
  warmMs: 300,
  peakRssMb: 600,
  warmShareOfFloor: 1,
  warmShareOfFloorStretch: 0.5,
} as const;

/** Options of the benchmark, as commander parses them. */
interface BenchOptions {
  readonly runs: number;
  readonly apps: number;
  readonly only: BenchVariant[];
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1`);
  return n;
};

function parseVariants(value: string): BenchVariant[] {
  const list = value
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
  const unknown = list.filter((v) => !(BENCH_VARIANTS as readonly string[]).includes(v));
  if (list.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(
      `${unknown.length > 0 ? `unknown variant(s) ${unknown.join(", ")}; ` : ""}use a comma-separated list of ${BENCH_VARIANTS.join(", ")}`,
    );
  return list as BenchVariant[];
}

function main({ runs, apps, only }: BenchOptions): void {
  renderCode(); // transpile the render path once, outside every measurement (a one-time cost per version)
  const scratch = mkdtempSync(join(tmpdir(), "beluga-estate-bench-"));
  const results = new Map<BenchVariant, Measured[]>(only.map((v) => [v, []]));
  try {
    for (let run = 0; run < runs; run++) {
      // Interleaved, so a burst of load on the machine touches every variant alike.
      const coldCache = join(scratch, `cache-${run}`);
      for (const variant of only) {
        if (variant === "warm" && !only.includes("cold")) runVariant("cold", apps, coldCache, run);
        const measured: Measured = runVariant(variant, apps, coldCache, run);
        results.get(variant)!.push(measured);
        process.stderr.write(
          `  run ${run + 1}/${runs} ${variant.padEnd(8)} ${measured.ms.toFixed(0).padStart(6)} ms  ${measured.maxRssMb.toFixed(0).padStart(4)} MB\n`,
        );
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const summary = only.map((variant) => summarize(variant, results.get(variant)!));
  const by = (v: BenchVariant) => summary.find((s) => s.variant === v);
  const host = machine();

  console.error(
    `\nEstate render benchmark: ${apps} apps × ${environments.names.length} environments, ${runs} runs per variant, each in its own process`,
  );
  console.error(`machine: ${host.cores} cores, ${host.cpu}, ${host.memoryGb} GiB, Node ${host.node}, load average ${host.loadAverage}\n`);
  console.error("| variant  | median (s) | min–max (s)   | process wall (s) | peak RSS (MB) | outputs | bytes      |");
  console.error("|----------|-----------:|---------------|-----------------:|--------------:|--------:|-----------:|");
  for (const s of summary) {
    console.error(
      `| ${s.variant.padEnd(8)} | ${(s.medianMs / 1000).toFixed(3).padStart(10)} | ${`${(s.minMs / 1000).toFixed(3)}–${(s.maxMs / 1000).toFixed(3)}`.padEnd(13)} | ${(s.processMs / 1000).toFixed(2).padStart(16)} | ${s.peakRssMb.toFixed(0).padStart(13)} | ${String(s.outputs).padStart(7)} | ${String(s.bytes).padStart(10)} |`,
    );
  }
  const goals: Record<string, boolean> = {};
  const ratios: Record<string, number> = {};
  const baseline = by("baseline");
  const cold = by("cold");
  const warm = by("warm");
  const floor = by("floor");
  if (baseline && cold) ratios.coldToBaseline = cold.medianMs / baseline.medianMs;
  if (warm && floor) {
    ratios.warmToFloor = warm.medianMs / floor.medianMs;
    goals.warmWithinFloor = ratios.warmToFloor <= BENCH_GOALS.warmShareOfFloor;
    goals.warmWithinHalfFloor = ratios.warmToFloor <= BENCH_GOALS.warmShareOfFloorStretch;
  }
  if (baseline && cold) goals.coldQuarterOfBaseline = cold.medianMs <= baseline.medianMs * BENCH_GOALS.coldShareOfBaseline;
  if (warm) goals.warmWithin300ms = warm.medianMs <= BENCH_GOALS.warmMs;
  const ours = [cold, warm].filter((s) => s !== undefined);
  if (ours.length > 0) goals.peakRssWithin600Mb = ours.every((s) => s!.peakRssMb <= BENCH_GOALS.peakRssMb);
  console.error("");
  if (baseline && cold)
    console.error(`cold = ${(cold.medianMs / baseline.medianMs).toFixed(3)} × baseline (goal ≤ ${BENCH_GOALS.coldShareOfBaseline})`);
  if (warm && floor)
    console.error(
      `warm = ${ratios.warmToFloor.toFixed(3)} × floor (goal ≤ ${BENCH_GOALS.warmShareOfFloor}, stretch ≤ ${BENCH_GOALS.warmShareOfFloorStretch})`,
    );
  for (const [goal, met] of Object.entries(goals)) console.error(`${met ? "✓" : "✗"} ${goal}`);
  console.error(
    "timed section: baseline and floor after loading the constructs; cold and warm from the renderEstate call, including loading the render code, worker start-up, hashing and cache reads.",
  );
  console.log(JSON.stringify({ bench: "estate-render", apps, runs, machine: host, variants: summary, ratios, goals }));
}

new Command("bench")
  .description("Estate rendering benchmark: every variant N times, each run in its own process; prints a table, the goals and a JSON line")
  .addOption(new Option("--runs <n>", "runs per variant").argParser(positiveInt("--runs")).env("BENCH_RUNS").default(5))
  .option(
    "--apps <n>",
    "app systems of the synthetic estate (repository apps included)",
    positiveInt("--apps"),
    SYNTHETIC_ESTATE_DEFAULTS.apps,
  )
  .addOption(
    new Option(
      "--only <variants>",
      `comma-separated variants to run: ${BENCH_VARIANTS.join(", ")} (warm runs a cold one first when cold is not listed)`,
    )
      .argParser(parseVariants)
      .default([...BENCH_VARIANTS], "all"),
  )
  .action((options: BenchOptions) => main(options))
  .parse();
