/**
 * One measured run of one benchmark variant, in its own process so its peak RSS is its own, and the
 * runner the benchmarks start it with (`runVariant`, `summarize`, `machine`).
 * Usage (from estate-bench.ts, diff-bench.ts): bench-variant.ts <variant> <apps> <cacheDir> <run>
 * Prints one JSON line: { variant, ms, maxRssMb, outputs, bytes[, summary] }.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { App } from "cdk8s";
import { AppChart, type K8sObject } from "../../../../constructs/k8s";
import type { AppDeclaration } from "../../../../constructs/model";
import { DeclarationError } from "../../../../constructs/resolve";
import { loadEstate } from "../../../estate/estate-source";
import { renderEstate } from "../../../estate/render-estate";
import { diffCommand } from "../../../estate/diff/diff-command";
import { beluga as repoBeluga } from "../../../instance";
import { REPO_ROOT } from "../../../repo-root";

/** The variants a run can measure. */
export const BENCH_VARIANTS = ["baseline", "cold", "warm", "floor"] as const;
export type BenchVariant = (typeof BENCH_VARIANTS)[number];

/** Every variant this file runs: those of `npm run bench`, and `diff` (`estate diff --base HEAD`) for `npm run bench:diff`. */
export type Variant = BenchVariant | "diff";

/** What one run reports. */
export interface VariantRun {
  readonly variant: Variant;
  readonly ms: number;
  readonly maxRssMb: number;
  readonly outputs: number;
  readonly bytes: number;
  /** diff: the report's headline, e.g. `Prod: 168 apps will restart (1990 pods)`. */
  readonly summary?: string;
}

/** One run as measured by `runVariant`: the timed section and the whole process. */
export interface Measured extends VariantRun {
  readonly processMs: number;
}

/** Median, spread, process wall time and peak RSS of one variant's runs. */
export interface VariantSummary {
  readonly variant: Variant;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly processMs: number;
  readonly peakRssMb: number;
  readonly outputs: number;
  readonly bytes: number;
}

/** Where `runVariant` starts this file: by default this checkout; `estate diff` benchmarks run it in a changed worktree. */
export interface VariantPlace {
  readonly cwd: string;
  readonly script: string;
}

/**
 * Runs `bench-variant.ts <variant> <apps> <cacheDir> <run>` in its own Node process (ts-node
 * transpile-only) and returns its report with the process wall time.
 */
export function runVariant(
  variant: Variant,
  apps: number,
  cacheDir: string,
  run: number,
  place: VariantPlace = { cwd: REPO_ROOT, script: __filename },
): Measured {
  const started = performance.now();
  const output = execFileSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", place.script, variant, String(apps), cacheDir, String(run)],
    { cwd: place.cwd, encoding: "utf8", maxBuffer: 1 << 20, stdio: ["ignore", "pipe", "inherit"] },
  );
  const processMs = performance.now() - started;
  return { ...(JSON.parse(output.trim().split("\n").pop()!) as VariantRun), processMs };
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The summary of one variant's runs. */
export function summarize(variant: Variant, list: readonly Measured[]): VariantSummary {
  const ms = list.map((r) => r.ms);
  return {
    variant,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    processMs: median(list.map((r) => r.processMs)),
    peakRssMb: Math.max(...list.map((r) => r.maxRssMb)),
    outputs: list[0].outputs,
    bytes: list[0].bytes,
  };
}

/** The machine a benchmark ran on, for its JSON line and the README. */
export function machine(): { cores: number; cpu: string; memoryGb: number; node: string; loadAverage: number } {
  const line = readFileSync("/proc/cpuinfo", "utf8")
    .split("\n")
    .find((l) => l.startsWith("model name"));
  const cpu = line ? line.split(":")[1].trim() : (cpus()[0]?.model ?? "unknown");
  const loadAverage = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  return { cores: availableParallelism(), cpu, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage };
}

/** The app whose declaration the warm variant changes: a new version, as a release would. */
export function changedEstate(apps: readonly AppDeclaration[], run: string): AppDeclaration[] {
  const index = Math.min(10, apps.length - 1);
  return apps.map((app, i) => {
    if (i !== index) return app;
    const [name, component] = Object.entries(app.components)[0];
    return { ...app, components: { ...app.components, [name]: { ...component, image: { ...component.image, version: `9.9.${run}` } } } };
  });
}

async function main(): Promise<void> {
  const [variant, appsArg, cacheDir, run] = process.argv.slice(2) as [Variant, string, string, string];
  const estate = loadEstate("synthetic", { apps: Number(appsArg) });
  let outputs = 0;
  let bytes = 0;
  let started = 0;
  // The estate is a façade over the instance, so the constructs (cdk8s included) are loaded before any
  // timed section, as in a real `estate render`. Baseline and floor time after loading; cold and warm
  // time from the renderEstate call, which loads the compiled render code (workers load their own).
  if (variant === "baseline") {
    // The straightforward way: one cdk8s App per environment holding every app's chart, one synthYaml.
    started = performance.now();
    for (const env of estate.environments.list) {
      const app = new App({ outdir: "/nonexistent-cdk8s-outdir" });
      for (const declaration of estate.apps) {
        try {
          new AppChart(app, declaration.name, { app: estate.resolve(declaration, env), env });
          outputs++;
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
        }
      }
      bytes += app.synthYaml().length;
    }
  } else if (variant === "floor") {
    // The serialization floor: the same objects, already built, through JSON.stringify only.
    const objects: (readonly K8sObject[])[] = [];
    for (const env of estate.environments.list) {
      for (const declaration of estate.apps) {
        try {
          objects.push(estate.render(declaration, env).objects);
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
        }
      }
    }
    started = performance.now();
    for (const list of objects) {
      bytes += JSON.stringify(list).length;
      outputs++;
    }
  } else if (variant === "diff") {
    // `estate diff --base HEAD` of this (changed) worktree, as a merge request's pipeline runs it:
    // timed from the command's start, so loading the estate, the base render in a child process at
    // HEAD, the working tree's render and the comparison all count.
    const scratch = mkdtempSync(join(tmpdir(), "beluga-diff-bench-"));
    const out = join(scratch, "report.txt");
    try {
      started = performance.now();
      await diffCommand(repoBeluga).parseAsync(["--base", "HEAD", "--apps", appsArg, "--cache-dir", cacheDir, "--out", out], {
        from: "user",
      });
      const report = readFileSync(out, "utf8");
      const compared = /(\d+) apps × (\d+) environments compared/.exec(report);
      outputs = compared ? Number(compared[1]) * Number(compared[2]) : 0;
      bytes = report.length;
      const ms = performance.now() - started;
      const summary = /^Prod: .*$/m.exec(report)?.[0];
      const diffRun: VariantRun = { variant, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outputs, bytes, summary };
      process.stdout.write(`${JSON.stringify(diffRun)}\n`);
      return;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } else {
    const apps = variant === "warm" ? changedEstate(estate.apps, run) : estate.apps;
    started = performance.now();
    for await (const result of renderEstate({ ...estate, apps }, { cacheDir })) {
      outputs++;
      // The bench consumes nothing: a cached output stays unread, as for any consumer that does not need it.
      if (result.ok) bytes += result.bytes;
    }
  }
  const ms = performance.now() - started;
  const report: VariantRun = { variant, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, outputs, bytes };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
