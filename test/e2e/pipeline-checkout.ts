import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "../../platform/deploy";

/** gitlab-ci-local, with its `after_script` working directory made as a runner's (see the file). */
const GITLAB_CI_LOCAL = join(__dirname, "gitlab-ci-local-runner.mjs");

/** One job run by gitlab-ci-local: its exit status and what it printed. */
export interface JobRun {
  readonly status: number;
  readonly output: string;
}

/**
 * A repository as GitLab would have it: the tracked files of the working tree, a git history whose
 * `origin/main` is the base commit, and gitlab-ci-local (the real tool, shell executor) to run the
 * generated jobs with `--shell-isolation`: each job runs in its own fresh copy of the tracked files
 * (`.gitlab-ci-local/builds/<job>`), so only artifacts, caches and the backends (the S3 state store,
 * the API server) carry anything from one job to the next — as on real runners. The runner's
 * lockfile-keyed `node_modules` cache is stood in for by a link to this repository's `node_modules`.
 */
export class PipelineCheckout {
  readonly dir = mkdtempSync(join(tmpdir(), "beluga-pipeline-"));

  constructor() {
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const path of tracked) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      try {
        cpSync(join(REPO_ROOT, path), join(this.dir, path), { preserveTimestamps: true });
      } catch {
        // Deleted in the working tree but still in the index: the runner would not have it either.
      }
    }
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.email", "ci@beluga.internal");
    this.git("config", "user.name", "Beluga CI");
    this.git("remote", "add", "origin", "git@gitlab.beluga.internal:beluga/apps.git");
    writeFileSync(join(this.dir, ".git/info/exclude"), ".gitlab-ci-local/\n");
    this.git("add", "-A");
    // The runner's lockfile-keyed node_modules cache: a link to this repository's node_modules, tracked
    // in this scratch history only, so gitlab-ci-local copies it into every job's clean copy (it copies
    // tracked files) instead of each job running npm ci.
    symlinkSync(join(REPO_ROOT, "node_modules"), join(this.dir, "node_modules"));
    this.git("add", "-f", "node_modules");
    this.git("commit", "-q", "-m", "base");
    this.git("update-ref", "refs/remotes/origin/main", "HEAD");
    this.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  }

  /** Edits a file with `change` and commits it on main, as a merged merge request would. */
  commitChange(path: string, change: (text: string) => string, message: string): void {
    const file = join(this.dir, path);
    const before = readFileSync(file, "utf8");
    const after = change(before);
    if (after === before) throw new Error(`commitChange: ${path} is unchanged; the edit did not match`);
    writeFileSync(file, after);
    this.git("add", path);
    this.git("commit", "-q", "-m", message);
  }

  /**
   * Runs one job of a generated pipeline, with pipeline variables as a CI/CD setting would give them.
   * Asynchronous, so a receiver in the test process (the release webhook) can answer the job.
   */
  runJob(pipelineFile: string, job: string, variables: Readonly<Record<string, string>>, timeoutMs = 600_000): Promise<JobRun> {
    const argv = [GITLAB_CI_LOCAL, "--file", pipelineFile, "--force-shell-executor", "--shell-isolation", "--no-color"];
    for (const [k, v] of Object.entries(variables)) argv.push("--variable", `${k}=${v}`);
    argv.push(job);
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, argv, {
        cwd: this.dir,
        env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
        timeout: timeoutMs,
      });
      let output = "";
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("error", reject);
      child.on("close", (code) => resolve({ status: code ?? -1, output }));
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private git(...args: string[]): void {
    execFileSync("git", args, { cwd: this.dir, stdio: "pipe" });
  }
}
