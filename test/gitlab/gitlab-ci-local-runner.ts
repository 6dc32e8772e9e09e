import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Runs the real gitlab-ci-local (pinned 4.65.1, shell executor, no Docker) on a throw-away git
 * repository, so the job lists of generated pipelines are computed by an implementation of GitLab's
 * rules that is not ours. Not a test double: it is the tool itself. What it does not model (and the
 * in-process variant evaluation covers): `workflow:rules`, `compare_to` (it always diffs against
 * `origin/<default branch>`).
 */
const NODE = process.execPath;
const CLI = require.resolve("gitlab-ci-local/src/index.js");

/** Why gitlab-ci-local cannot run here, or undefined when it can. */
export function unavailableReason(): string | undefined {
  const rsync = spawnSync("rsync", ["--version"], { encoding: "utf8" });
  if (rsync.error) return "rsync is not installed (apt-get install rsync): gitlab-ci-local copies the repository with it";
  const git = spawnSync("git", ["--version"], { encoding: "utf8" });
  if (git.error) return "git is not installed";
  const version = spawnSync(NODE, [CLI, "--version"], { encoding: "utf8" });
  if (version.status !== 0) return `gitlab-ci-local does not start: ${version.stderr || version.stdout}`;
  return undefined;
}

/** One job as `--list-json` prints it. */
export interface ListedJob {
  readonly name: string;
  readonly stage: string;
  readonly when: string;
  readonly allow_failure: boolean;
  readonly needs?: ReadonlyArray<{ job: string; optional: boolean; artifacts: boolean }>;
}

/** A git repository with `origin/main` at a base commit, so rules:changes see a diff. */
export class ScratchRepository {
  readonly dir = mkdtempSync(join(tmpdir(), "beluga-gcl-"));

  constructor(files: Readonly<Record<string, string>>) {
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.email", "ci@beluga.internal");
    this.git("config", "user.name", "Beluga CI");
    this.git("remote", "add", "origin", "git@gitlab.beluga.internal:beluga/apps.git");
    // gitlab-ci-local keeps its state in the working tree; it must stay out of the commits.
    this.commit({ ".gitignore": ".gitlab-ci-local/\n", ...files }, "base");
    this.git("update-ref", "refs/remotes/origin/main", "HEAD");
    this.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  }

  /** Writes the files and commits them on the current branch. */
  commit(files: Readonly<Record<string, string>>, message: string): void {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    this.git("add", "-A");
    this.git("commit", "-q", "-m", message);
  }

  /** Checks out a branch, creating it from `main`'s base when new. */
  checkout(branch: string, create = false): void {
    if (create) this.git("checkout", "-q", "-b", branch, "origin/main");
    else this.git("checkout", "-q", branch);
  }

  /** `gitlab-ci-local --list-json` with the given variables set and unset. */
  listJobs(file: string, variables: Readonly<Record<string, string>> = {}, unset: readonly string[] = []): ListedJob[] {
    const out = this.run(file, ["--list-json"], variables, unset);
    // Warnings (e.g. "Avoid overriding predefined variables") precede the JSON on stdout.
    const start = out.stdout.search(/^\[/m);
    if (out.status !== 0 || start < 0) throw new Error(`gitlab-ci-local --list-json failed (${out.status}):\n${out.stdout}\n${out.stderr}`);
    return JSON.parse(out.stdout.slice(start)) as ListedJob[];
  }

  /** `gitlab-ci-local --validate-dependency-chain`: ok, or the tool's complaint. */
  validateDependencyChain(
    file: string,
    variables: Readonly<Record<string, string>> = {},
    unset: readonly string[] = [],
  ): { ok: boolean; output: string } {
    const out = this.run(file, ["--validate-dependency-chain"], variables, unset);
    return { ok: out.status === 0, output: `${out.stdout}${out.stderr}` };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(file: string, args: string[], variables: Readonly<Record<string, string>>, unset: readonly string[]) {
    const argv = [CLI, "--file", file, ...args];
    for (const [k, v] of Object.entries(variables)) argv.push("--variable", `${k}=${v}`);
    for (const k of unset) argv.push("--unset-variable", k);
    return spawnSync(NODE, argv, {
      cwd: this.dir,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
      timeout: 60_000,
    });
  }

  private git(...args: string[]): void {
    execFileSync("git", args, { cwd: this.dir, stdio: "pipe" });
  }
}
