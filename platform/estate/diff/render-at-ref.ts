import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EstateDiffError } from "./estate-diff-error";

/** The `estate` npm script `renderAtRef` may run through the transpile cache instead of npm and ts-node. */
const TS_NODE_ESTATE = "ts-node --transpile-only platform/cli/estate.ts";
/** Loader of TypeScript through a content-addressed transpile cache (plain JavaScript: it loads before any TypeScript). */
const CACHED_LOADER = join(__dirname, "../../cli/bin/ts-cached-loader.js");

/** Options of `renderAtRef`. */
export interface RenderAtRefOptions {
  /** Repository whose history holds the ref (its node_modules are reused). */
  readonly repoRoot: string;
  /** Branch, tag or commit to render. */
  readonly ref: string;
  /** Arguments after `estate render` besides `--out`, e.g. `["--estate", "synthetic"]`. */
  readonly renderArgs: readonly string[];
  /** Called as files appear, with how many are written. */
  readonly onProgress?: (written: number) => void;
}

/** The estate rendered by the constructs of another commit, until `dispose`. */
export interface RenderedAtRef {
  /** Folder holding `<env>/<app>.yaml`. */
  readonly dir: string;
  /** Full commit id the ref named. */
  readonly commit: string;
  /** Messages of app × environment pairs that commit's constructs refused. */
  readonly refused: readonly string[];
  /** Removes the worktree and the rendered files. */
  dispose(): void;
}

/**
 * Renders the estate as another commit's constructs render it: checks the commit out in a temporary
 * detached `git worktree` (sharing this checkout's node_modules), runs that tree's own
 * `npm run estate -- render` in a child process, and returns the output folder. The commit's own
 * code renders, so a construct change shows as the difference with this working tree. When that
 * script is the ts-node entry, its entry runs through `platform/cli/bin/ts-cached-loader.js` instead: the same code,
 * transpiled once per source content rather than at every start.
 *
 * @throws EstateDiffError when the ref is unknown, predates `estate render`, or its render fails.
 */
export async function renderAtRef(options: RenderAtRefOptions): Promise<RenderedAtRef> {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: options.repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  let commit: string;
  try {
    commit = git("rev-parse", "--verify", "--quiet", `${options.ref}^{commit}`);
  } catch {
    throw new EstateDiffError(
      `--base ${options.ref}: not a commit of this repository; give a branch, tag or commit id (e.g. origin/main, HEAD~1)`,
    );
  }
  if (!hasEstateRender(git, commit)) {
    const since = git("log", "--diff-filter=A", "--format=%h", "--", "platform/cli/estate.ts").split("\n").pop();
    throw new EstateDiffError(
      `--base ${options.ref} (${commit.slice(0, 7)}) has no estate render command (platform/cli/estate.ts, npm run estate); choose a base at or after ${since || "the commit that adds it"}`,
    );
  }
  const scratch = mkdtempSync(join(tmpdir(), "beluga-estate-base-"));
  const tree = join(scratch, "tree");
  const out = join(scratch, "out");
  const dispose = () => {
    try {
      git("worktree", "remove", "--force", tree);
    } catch {
      // Already gone, or never added: prune below forgets it either way.
    }
    rmSync(scratch, { recursive: true, force: true });
    try {
      git("worktree", "prune");
    } catch {
      // Pruning is housekeeping only.
    }
  };
  try {
    git("worktree", "add", "--detach", "--quiet", tree, commit);
    symlinkSync(join(options.repoRoot, "node_modules"), join(tree, "node_modules"), "dir");
    const renderArgs = ["render", ...options.renderArgs, "--out", out];
    // The commit's own `npm run estate`, unless it is the ts-node entry this version knows: then the same
    // entry runs through the transpile cache (no npm, no ts-node transpiling every module at each start).
    const command =
      estateScript(git, commit) === TS_NODE_ESTATE
        ? { file: process.execPath, args: ["-r", CACHED_LOADER, "platform/cli/estate.ts", ...renderArgs] }
        : { file: "npm", args: ["run", "-s", "estate", "--", ...renderArgs] };
    const { code, stdout, stderr } = await run(tree, command, () => options.onProgress?.(countFiles(out)), options.repoRoot);
    // `estate render` exits 1 when some app × environment is refused and still writes the others;
    // only a run without its closing summary line failed.
    if (!/^estate render: /m.test(stdout) || !existsSync(out)) {
      const tail = stderr.trim().split("\n").slice(-8).join("\n");
      throw new EstateDiffError(`estate render at ${options.ref} (${commit.slice(0, 7)}) failed (exit ${code}):\n${tail}`);
    }
    const refused = stderr
      .split("\n")
      .filter((l) => /^\s*✗ /.test(l))
      .map((l) => l.replace(/^\s*✗ /, ""));
    return { dir: out, commit, refused, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

function hasEstateRender(git: (...args: string[]) => string, commit: string): boolean {
  try {
    git("cat-file", "-e", `${commit}:platform/cli/estate.ts`);
    return estateScript(git, commit) !== undefined;
  } catch {
    return false;
  }
}

/** The commit's `estate` npm script, if it has one. */
function estateScript(git: (...args: string[]) => string, commit: string): string | undefined {
  const pkg = JSON.parse(git("show", `${commit}:package.json`)) as { scripts?: Record<string, string> };
  return pkg.scripts?.estate || undefined;
}

function run(
  cwd: string,
  command: { file: string; args: readonly string[] },
  tick: () => void,
  repoRoot: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // This checkout's node_modules/.bin first on PATH (Node 22, as `npm run` does); stdin closed, no TTY,
    // so the child draws no progress bar of its own.
    const child = spawn(command.file, command.args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PATH: `${join(repoRoot, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
        BELUGA_TS_CACHE: join(repoRoot, ".beluga", "cache", "ts-js"),
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setInterval(tick, 250);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(new EstateDiffError(`could not start ${command.file} in ${cwd}: ${error.message}`));
    });
    child.on("close", (code) => {
      clearInterval(timer);
      tick();
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Files under `<dir>/<env>/`, for progress. */
export function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const env of readdirSync(dir)) {
    try {
      n += readdirSync(join(dir, env)).length;
    } catch {
      // A file at top level: not an environment folder.
    }
  }
  return n;
}
