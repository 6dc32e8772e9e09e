import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { REPO_ROOT } from "../repo-root";

/** The render code of this checkout: its version key and where its compiled copy lives. */
export interface RenderCode {
  /**
   * sha256 of every source file the render path loads (from `render-worker.ts` down through
   * platform/synth and the constructs the façade loads) and of the installed versions of the
   * packages that shape the output. Part of every cache key: changing a construct invalidates every
   * rendered app.
   */
  readonly version: string;
  /** Folder of the compiled JavaScript (same relative layout as the sources). */
  readonly dir: string;
  /** Absolute path of the compiled worker entry. */
  readonly workerEntry: string;
  /** Absolute path of the compiled `render-job` module, for rendering in the calling thread. */
  readonly jobModule: string;
  /** Node's compile cache for the compiled copy (V8 code cache): loading it drops from ~160 to ~115 ms. */
  readonly compileCacheDir: string;
}

/** Packages whose version changes rendered output. */
export const RENDER_PACKAGES = ["cdk8s", "cdk8s-plus-27", "constructs", "yaml"] as const;

const ROOT = REPO_ROOT;
const ENTRY = join(__dirname, "render-worker.ts");
const IMPORT = /(?:from|import|require\()\s*["'](\.{1,2}\/[^"']+)["']/g;
let memo: RenderCode | undefined;

/**
 * Finds, hashes and (once per version) transpiles the render path into
 * `.beluga/cache/estate-js/<version>/`, so worker threads load plain JavaScript in milliseconds instead
 * of starting ts-node each. The copy lives inside the repository (git-ignored) so Node resolves
 * `cdk8s` and friends from the same `node_modules`. Safe when several processes race: each writes a
 * private folder and renames it into place.
 */
export function renderCode(): RenderCode {
  const code = renderCodeVersion();
  if (!existsSync(join(code.dir, "complete"))) compile(closure(ENTRY), code.dir);
  return code;
}

/**
 * `renderCode` without the transpiled copy: the version (for cache keys) and where the copy goes. A
 * render whose every app is cached needs no more, so it never loads TypeScript (a fresh checkout,
 * such as the base worktree of `estate diff`, has no copy yet).
 */
export function renderCodeVersion(): RenderCode {
  if (memo) return memo;
  const sources = closure(ENTRY);
  const hash = createHash("sha256");
  for (const file of sources) hash.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  for (const pkg of RENDER_PACKAGES) hash.update(`${pkg}@${packageVersion(pkg)}\0`);
  const version = hash.digest("hex");
  const dir = join(ROOT, ".beluga", "cache", "estate-js", version.slice(0, 16));
  const js = (file: string) => join(dir, relative(ROOT, file).replace(/\.ts$/, ".js"));
  memo = {
    version,
    dir,
    workerEntry: js(ENTRY),
    jobModule: js(join(__dirname, "render-job.ts")),
    compileCacheDir: join(ROOT, ".beluga", "cache", "node-compile"),
  };
  return memo;
}

/** Every relative import reachable from `entry`, as absolute `.ts` paths (type-only imports included). */
function closure(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const base = join(dirname(file), match[1]);
      const target = [`${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate));
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [ROOT] }), "utf8")) as { version: string }).version;
}

function compile(sources: readonly string[], dir: string): void {
  // Loaded only when this version has never been compiled: TypeScript alone takes ~0.3 s to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  const ts = require("typescript") as typeof import("typescript");
  const staging = `${dir}.${process.pid}.${Date.now()}`;
  for (const file of sources) {
    const output = ts.transpileModule(readFileSync(file, "utf8"), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
    }).outputText;
    const target = join(staging, relative(ROOT, file).replace(/\.ts$/, ".js"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  writeFileSync(join(staging, "complete"), "");
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(staging, dir);
  } catch (error) {
    // Another process finished first with the same sources: keep its copy.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, "complete"))) throw error;
  }
}
