import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve as resolvePath } from "node:path";
import { SingleBar } from "cli-progress";
import { Command, InvalidArgumentError } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { type EstateKind, loadEstate } from "./estate-source";
import { DEFAULT_ESTATE_CACHE, renderEstate } from "./render-estate";

/** Options of `estate render`, as commander parses them. */
interface RenderCommandOptions {
  readonly estate: EstateKind;
  readonly out: string;
  readonly cache: boolean;
  readonly cacheDir: string;
  readonly workers?: number;
  readonly apps?: number;
  readonly seed?: number;
}

const positiveInt = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be an integer ≥ ${min}`);
  return n;
};

/**
 * `estate render`: every app × environment of an estate into `<out>/<env>/<app>.yaml`, through
 * `renderEstate` (per-app rendering, worker threads, content-addressed cache). Shows a progress bar
 * on a terminal, ends with one summary line, lists refused apps with their messages and exits 1 when
 * any was refused. The estate starts from `base` (its instance, and its apps for `--estate repo`).
 *
 * `estate diff` runs this command at older commits: its options and its output (the files, the
 * `estate render: ` summary line, `  ✗ ` refusals on stderr) are an interface between versions.
 */
export function renderCommand(base: Beluga): Command {
  return new Command("render")
    .description("Render every app of the estate for every environment to <out>/<env>/<app>.yaml")
    .option("--estate <kind>", "synthetic (repo apps + generated ones) or repo (apps/catalog.ts)", parseKind, "synthetic")
    .option("-o, --out <dir>", "output folder", "dist/estate")
    .option("--no-cache", "render every app, ignoring and not writing the cache")
    .option("--cache-dir <dir>", "cache folder", DEFAULT_ESTATE_CACHE)
    .option("--workers <n>", "worker threads for cache misses (0: this thread)", positiveInt("--workers", 0))
    .option("--apps <n>", "synthetic estate: number of app systems", positiveInt("--apps", 1))
    .option("--seed <n>", "synthetic estate: generator seed", positiveInt("--seed", 0))
    .action((options: RenderCommandOptions) => runRender(base, options));
}

function parseKind(value: string): EstateKind {
  if (value !== "synthetic" && value !== "repo") throw new InvalidArgumentError('use "synthetic" or "repo"');
  return value;
}

async function runRender(base: Beluga, options: RenderCommandOptions): Promise<void> {
  const started = performance.now();
  const estate = loadEstate(options.estate, { apps: options.apps, seed: options.seed, base });
  const total = estate.apps.length * estate.environments.names.length;
  const out = resolvePath(options.out);
  const bar = process.stderr.isTTY
    ? new SingleBar({
        stream: process.stderr,
        format: "estate render [{bar}] {value}/{total} app×env | {cached} cached | {duration}s",
        hideCursor: true,
      })
    : undefined;
  let cached = 0;
  const refused: string[] = [];
  const madeDirs = new Set<string>();
  bar?.start(total, 0, { cached: 0 });
  try {
    const stream = renderEstate(estate, {
      cacheDir: options.cache ? options.cacheDir : false,
      workers: options.workers,
      onProgress: (p) => bar?.update(p.done, { cached: p.cached }),
    });
    for await (const result of stream) {
      if (result.cached) cached++;
      if (!result.ok) {
        for (const message of result.messages) if (!refused.includes(message)) refused.push(message);
        continue;
      }
      const dir = join(out, result.env);
      if (!madeDirs.has(dir)) mkdirSync(dir, { recursive: true });
      madeDirs.add(dir);
      // A cached render is copied file to file (by the kernel); only a fresh one is written from memory.
      const target = join(dir, `${result.app}.yaml`);
      if (result.cached && result.file) copyFileSync(result.file, target);
      else writeFileSync(target, result.readYaml());
    }
  } catch (error) {
    bar?.stop();
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  }
  bar?.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const refusedPairs = refused.length > 0 ? `; ${refused.length} problem(s) refused some app × environment` : "";
  console.log(
    `estate render: ${total} app×env of ${estate.apps.length} apps (${options.estate}) in ${seconds} s, ${cached} from cache, ${total - cached} rendered, written to ${options.out}/${refusedPairs}`,
  );
  if (refused.length > 0) {
    for (const message of refused) console.error(`  ✗ ${message}`);
    process.exitCode = 1;
  }
}
