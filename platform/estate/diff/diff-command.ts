import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve as resolvePath } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, InvalidArgumentError, Option } from "commander";
import type { Beluga } from "../../../constructs/beluga";
import { MR_NOTE_VARIABLES, mrNoteTargetFromEnv, publishMrNote } from "../../../constructs/gitlab/io/mr-note-publisher";
import { REPO_ROOT } from "../../repo-root";
import { type EstateKind, loadEstate } from "../estate-source";
import { DEFAULT_ESTATE_CACHE, renderEstate } from "../render-estate";
import { compareRenders } from "./compare-renders";
import { EstateDiffError } from "./estate-diff-error";
import { FLEET_NOTE_MARKER, renderFleetNote } from "./fleet-note";
import { summarizeFleet } from "./fleet-summary";
import { type DiffOrigin, renderFleetText } from "./fleet-text";
import { renderAtRef } from "./render-at-ref";

/** Options of `estate diff`, as commander parses them. */
interface DiffCommandOptions {
  readonly base: string;
  readonly estate: EstateKind;
  readonly format: "text" | "markdown";
  readonly out?: string;
  readonly post?: boolean;
  readonly examples: number;
  readonly apps?: number;
  readonly seed?: number;
  readonly cacheDir: string;
}

/**
 * `estate diff --base <ref>`: the fleet impact of the working tree's changes (constructs, catalog,
 * environments, declarations). Renders the estate with the base commit's own code (in a temporary
 * worktree) and with this working tree, compares every app × environment object by object, and
 * summarises per environment and change class: apps, components and pods, with the top examples.
 * Prints text or the markdown MR note; `--out` writes the report to a file instead, `--post` also
 * posts the note on the merge request (edited in place on later pushes). Exits 0 with a
 * summary whatever changes, 1 only when it could not produce one. The working tree's estate starts
 * from `base` (its instance, and its apps for `--estate repo`); the base commit renders its own.
 */
export function diffCommand(base: Beluga): Command {
  return new Command("diff")
    .description("Fleet impact of the working tree against a base commit: per environment and change class, apps, components and pods")
    .requiredOption("--base <ref>", "git ref the working tree is compared with (e.g. origin/main, HEAD)")
    .option("--estate <kind>", "synthetic (repo apps + generated ones) or repo (apps/catalog.ts)", parseKind, "synthetic")
    .addOption(new Option("--format <format>", "report format").choices(["text", "markdown"]).default("text"))
    .option("-o, --out <file>", "write the report to this file (e.g. the MR note) instead of stdout")
    .option("--post", `also post the markdown note on the merge request, edited in place on later pushes (${MR_NOTE_VARIABLES.join(", ")})`)
    .option("--examples <n>", "top examples per class and environment", positiveInt("--examples", 0), 3)
    .option("--apps <n>", "synthetic estate: number of app systems", positiveInt("--apps", 1))
    .option("--seed <n>", "synthetic estate: generator seed", positiveInt("--seed", 0))
    .option("--cache-dir <dir>", "render cache folder, shared by both renders", DEFAULT_ESTATE_CACHE)
    .action(async (options: DiffCommandOptions) => {
      try {
        await runDiff(base, options);
      } catch (error) {
        if (!(error instanceof EstateDiffError)) throw error;
        console.error(`estate diff: ${error.message}`);
        process.exitCode = 1;
      }
    });
}

async function runDiff(from: Beluga, options: DiffCommandOptions): Promise<void> {
  const mr = options.post ? mrNoteTargetFromEnv(process.env) : undefined;
  if (mr && "missing" in mr)
    throw new EstateDiffError(`--post needs ${mr.missing.join(", ")} in the environment; run it in a merge-request pipeline or set them`);
  const estate = loadEstate(options.estate, { apps: options.apps, seed: options.seed, base: from });
  const expected = estate.apps.length * estate.environments.names.length;
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: "estate diff [{bar}] {phase} {value}/{total}", hideCursor: true })
    : undefined;
  const phase = (name: string, total: number) => {
    if (bar) bar.start(total, 0, { phase: name });
    else console.error(`estate diff: ${name}…`);
  };
  const renderArgs = [
    "--estate",
    options.estate,
    "--cache-dir",
    resolvePath(options.cacheDir),
    ...(options.apps ? ["--apps", String(options.apps)] : []),
    ...(options.seed !== undefined ? ["--seed", String(options.seed)] : []),
  ];
  const headDir = mkdtempSync(join(tmpdir(), "beluga-estate-head-"));
  phase(`render ${options.base}`, expected);
  let base;
  try {
    base = await renderAtRef({ repoRoot: REPO_ROOT, ref: options.base, renderArgs, onProgress: (n) => bar?.update(Math.min(n, expected)) });
  } catch (error) {
    bar?.stop();
    rmSync(headDir, { recursive: true, force: true });
    throw error;
  }
  try {
    bar?.stop();
    phase("render working tree", expected);
    const refusedAtHead: string[] = [];
    const madeDirs = new Set<string>();
    for await (const result of renderEstate(estate, { cacheDir: options.cacheDir, onProgress: (p) => bar?.update(p.done) })) {
      if (!result.ok) {
        for (const m of result.messages) if (!refusedAtHead.includes(m)) refusedAtHead.push(m);
        continue;
      }
      const dir = join(headDir, result.env);
      if (!madeDirs.has(dir)) mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
      const target = join(dir, `${result.app}.yaml`);
      if (result.cached && result.file) copyFileSync(result.file, target);
      else writeFileSync(target, result.readYaml());
    }
    bar?.stop();
    phase("compare", expected);
    const comparison = compareRenders(base.dir, headDir, estate.environments.names, {
      onProgress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
    bar?.stop();
    const summary = summarizeFleet(comparison.diffs, comparison.apps, estate.environments, { examples: options.examples });
    const origin: DiffOrigin = {
      base: `${options.base} (${base.commit.slice(0, 7)})`,
      head: dirty() ? "working tree (uncommitted changes)" : "working tree",
      estate: options.estate,
      newlyRefused: refusedAtHead.filter((m) => !base.refused.includes(m)),
    };
    const report = options.format === "markdown" ? renderFleetNote(summary, origin) : renderFleetText(summary, origin);
    if (options.out) {
      mkdirSync(dirname(resolvePath(options.out)), { recursive: true });
      writeFileSync(options.out, report);
      console.error(`estate diff: ${options.format} report written to ${options.out}`);
    } else process.stdout.write(report);
    if (mr) {
      const note = options.format === "markdown" ? report : renderFleetNote(summary, origin);
      const posted = await publishMrNote(FLEET_NOTE_MARKER, note, mr.target);
      console.error(`estate diff: note ${posted.noteId} ${posted.action} on !${mr.target.mergeRequestIid}`);
    }
  } finally {
    bar?.stop();
    base.dispose();
    rmSync(headDir, { recursive: true, force: true });
  }
}

function dirty(): boolean {
  try {
    return execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: REPO_ROOT, encoding: "utf8" }).trim().length > 0;
  } catch {
    return false;
  }
}

function parseKind(value: string): EstateKind {
  if (value !== "synthetic" && value !== "repo") throw new InvalidArgumentError('use "synthetic" or "repo"');
  return value;
}

function positiveInt(name: string, min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
    return n;
  };
}
