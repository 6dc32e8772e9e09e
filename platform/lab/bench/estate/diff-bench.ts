/**
 * `npm run bench:diff [-- --runs N --apps N]`: the fleet impact of a real construct change against one
 * cold estate render, side by side in one invocation. In a temporary worktree of HEAD holding this
 * working tree, the JVM default probe timeout is raised (platform/catalog/profiles.ts, a different
 * value every run, so the changed side is never cached), then, interleaved, each in its own process:
 *   cold  `renderEstate` of the changed tree with an empty cache (the floor)
 *   diff  `estate diff --base HEAD` of the changed tree, with the base side cached as in a merge
 *         request (main was rendered before) and the changed side rendered cold
 * One untimed diff first fills the base side of the cache, the compiled render code and the
 * transpile cache of the base render, as a CI runner that kept its cache has them.
 * Prints progress and a summary on stderr and one JSON line on stdout (medians, min–max, ratio, goal).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { REPO_ROOT } from "../../../repo-root";
import { SYNTHETIC_ESTATE_DEFAULTS } from "../../synthetic-estate/synthetic-estate";
import { type Measured, type Variant, machine, runVariant, summarize } from "./bench-variant";

/** Goal of issue 18: the fleet impact of a change within 1.5 × one cold estate render. */
export const DIFF_BENCH_GOAL = { diffShareOfCold: 1.5 } as const;

/** The construct change: the JVM default probe timeout in the catalog's probe defaults. */
const PROFILES = "platform/catalog/profiles.ts";
const JVM_TIMEOUT = /(jvm: \{\n\s+initialDelaySeconds: \d+,\n\s+periodSeconds: \d+,\n\s+timeoutSeconds: )(\d+),/;

interface DiffBenchOptions {
  readonly runs: number;
  readonly apps: number;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1`);
  return n;
};

function main({ runs, apps }: DiffBenchOptions): void {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO_ROOT, encoding: "utf8" }).trim();
  const scratch = mkdtempSync(join(tmpdir(), "beluga-diff-bench-"));
  const tree = join(scratch, "tree");
  const sharedCache = join(scratch, "cache");
  const place = { cwd: tree, script: join(tree, "platform/lab/bench/estate/bench-variant.ts") };
  const results = new Map<Variant, Measured[]>([
    ["cold", []],
    ["diff", []],
  ]);
  let headline: string | undefined;
  try {
    git("worktree", "add", "--detach", "--quiet", tree, "HEAD");
    symlinkSync(join(REPO_ROOT, "node_modules"), join(tree, "node_modules"), "dir");
    mirrorWorkingTree(git, tree);
    const original = readFileSync(join(tree, PROFILES), "utf8");
    const match = JVM_TIMEOUT.exec(original);
    if (!match) throw new Error(`${PROFILES}: no JVM probe defaults with a timeoutSeconds to change`);
    const timeoutAt = (seconds: number) => original.replace(JVM_TIMEOUT, `$1${seconds},`);
    const base = Number(match[2]);

    process.stderr.write("  warm-up: one untimed diff (fills the base side of the cache)\n");
    writeFileSync(join(tree, PROFILES), timeoutAt(base + 1));
    runVariant("diff", apps, sharedCache, 0, place);
    for (let run = 0; run < runs; run++) {
      // A new timeout each run: the changed side is a new render every time, the base side stays cached.
      writeFileSync(join(tree, PROFILES), timeoutAt(base + 2 + run));
      for (const variant of ["cold", "diff"] as const) {
        const cache = variant === "cold" ? join(scratch, `cold-${run}`) : sharedCache;
        const measured = runVariant(variant, apps, cache, run, place);
        results.get(variant)!.push(measured);
        headline ??= measured.summary;
        process.stderr.write(
          `  run ${run + 1}/${runs} ${variant.padEnd(5)} ${measured.ms.toFixed(0).padStart(7)} ms  ${measured.maxRssMb.toFixed(0).padStart(4)} MB${measured.summary ? `  ${measured.summary}` : ""}\n`,
        );
      }
    }
  } finally {
    try {
      git("worktree", "remove", "--force", tree);
    } catch {
      // never added
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  const [cold, diff] = (["cold", "diff"] as const).map((v) => summarize(v, results.get(v)!));
  const ratio = diff.medianMs / cold.medianMs;
  const goals = { diffWithin1_5xCold: ratio <= DIFF_BENCH_GOAL.diffShareOfCold };
  process.stderr.write(
    `\nestate diff ${(diff.medianMs / 1000).toFixed(2)} s (${(diff.minMs / 1000).toFixed(2)}–${(diff.maxMs / 1000).toFixed(2)}) vs cold render ${(cold.medianMs / 1000).toFixed(2)} s (${(cold.minMs / 1000).toFixed(2)}–${(cold.maxMs / 1000).toFixed(2)}): ${ratio.toFixed(2)} × (goal ≤ ${DIFF_BENCH_GOAL.diffShareOfCold}) ${goals.diffWithin1_5xCold ? "✓" : "✗"}\n`,
  );
  const host = machine();
  console.log(
    JSON.stringify({
      bench: "estate-diff",
      apps,
      runs,
      machine: host,
      change: "JVM probe timeout",
      headline,
      variants: [cold, diff],
      ratios: { diffToCold: ratio },
      goals,
    }),
  );
}

/** Makes `tree`, a worktree of HEAD, hold this working tree's files, so the measured code is the working tree's. */
function mirrorWorkingTree(git: (...args: string[]) => string, tree: string): void {
  const files = (...args: string[]) =>
    git(...args)
      .split("\0")
      .filter((f) => f !== "");
  for (const file of files("ls-tree", "-r", "-z", "--name-only", "HEAD"))
    if (!existsSync(join(REPO_ROOT, file))) rmSync(join(tree, file), { force: true });
  for (const file of files("ls-files", "-z", "--modified", "--others", "--exclude-standard")) {
    if (!existsSync(join(REPO_ROOT, file)) || file === "node_modules") continue;
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(tree, file));
  }
}

new Command("bench:diff")
  .description("Fleet impact (`estate diff`) of a construct change vs one cold estate render, N interleaved runs; one JSON line")
  .addOption(new Option("--runs <n>", "runs per variant").argParser(positiveInt("--runs")).env("BENCH_RUNS").default(3))
  .option("--apps <n>", "app systems of the synthetic estate", positiveInt("--apps"), SYNTHETIC_ESTATE_DEFAULTS.apps)
  .action((options: DiffBenchOptions) => main(options))
  .parse();
