import { execFile, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { apps as repoApps } from "../../../apps/catalog";
import { environments } from "../../../environments";
import { FLEET_NOTE_MARKER } from "../../../platform/estate/diff/fleet-note";
import { REPO_ROOT as ROOT } from "../../../platform/repo-root";
import { gitlabNotesDouble } from "../../gitlab/notes-double";
import {
  PROBE_TIMEOUT_PATCH,
  baseBeluga,
  countProbeTimeoutChanges,
  headBeluga,
  renderOrRefuse,
} from "../../fixtures/estate/probe-timeout-change";

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
const estateCli = (cwd: string, ...args: string[]) =>
  spawnSync("npm", ["run", "-s", "estate", "--", ...args], { cwd, encoding: "utf8", timeout: 120_000 });

/**
 * Makes `tree`, a worktree of HEAD, hold exactly this working tree's files (uncommitted changes,
 * renames and new files included): the code under test is the whole working tree, whose estate code
 * needs the constructs, instance and CLI of the same tree.
 */
function mirrorWorkingTree(tree: string): void {
  const files = (...args: string[]) =>
    git(ROOT, ...args)
      .split("\0")
      .filter((f) => f !== "");
  for (const file of files("ls-tree", "-r", "-z", "--name-only", "HEAD"))
    if (!existsSync(join(ROOT, file))) rmSync(join(tree, file), { force: true });
  for (const file of files("ls-files", "-z", "--cached", "--others", "--exclude-standard")) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the working tree
    if (file === "node_modules") continue; // a symlink in a helper worktree (not matched by `node_modules/`): already linked
    mkdirSync(dirname(join(tree, file)), { recursive: true });
    cpSync(join(ROOT, file), join(tree, file));
  }
}

// SLOW (~20-40 s): end to end on a temporary worktree of HEAD holding this working tree, with the
// probe-timeout change made in platform/catalog/profiles.ts; `estate diff --base HEAD` renders HEAD
// (HEAD's own code, in a second worktree, in a child process) and the working tree, so any other
// difference the working tree's code makes to rendered objects would show in the counts too.
describe("estate diff (end to end, slow)", () => {
  let scratch: string;
  let tree: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "beluga-estate-diff-test-"));
    tree = join(scratch, "tree");
    git(ROOT, "worktree", "add", "--detach", "--quiet", tree, "HEAD");
    symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"), "dir");
    mirrorWorkingTree(tree);
    const profiles = join(tree, PROBE_TIMEOUT_PATCH.file);
    const text = readFileSync(profiles, "utf8");
    expect(text).toContain(PROBE_TIMEOUT_PATCH.from);
    writeFileSync(profiles, text.replace(PROBE_TIMEOUT_PATCH.from, PROBE_TIMEOUT_PATCH.to));
  });

  afterAll(() => {
    git(ROOT, "worktree", "remove", "--force", tree);
    rmSync(scratch, { recursive: true, force: true });
  });

  it("prints per environment the apps, components and pods that restart, as counted from the renders", () => {
    const run = estateCli(tree, "diff", "--base", "HEAD", "--estate", "repo");
    expect(run.stderr).not.toMatch(/Error|✗/);
    expect(run.status).toBe(0);
    const renders = environments.names.flatMap((env) =>
      repoApps.map((app) => ({
        env,
        app: app.name,
        base: renderOrRefuse(baseBeluga, app, env),
        head: renderOrRefuse(headBeluga, app, env),
      })),
    );
    for (const env of environments.names) {
      const n = countProbeTimeoutChanges(renders, env);
      const display = ({ dev: "Dev", int: "Int", re7: "RE7", prod: "Prod" } as Record<string, string>)[env];
      expect(run.stdout).toMatch(new RegExp(`^${display}\\s+rolling restart\\s+${n.apps}\\s+${n.components}\\s+${n.pods}$`, "m"));
    }
    const prod = countProbeTimeoutChanges(renders, "prod");
    expect(run.stdout).toContain(`Prod: ${prod.apps} apps will restart (${prod.pods} pods)`);
    expect(run.stdout).not.toMatch(/espace-client|gestion-contrats/);
    // The base worktree is gone.
    expect(git(ROOT, "worktree", "list")).not.toContain("beluga-estate-base-");
  }, 150_000);

  it("writes the markdown MR note with --out and posts it with --post (GitLab notes test double)", async () => {
    const out = join(scratch, "note.md");
    const gitlab = gitlabNotesDouble("bot-token");
    const env = {
      ...process.env,
      CI_SERVER_URL: await gitlab.start(),
      CI_PROJECT_ID: "3",
      CI_MERGE_REQUEST_IID: "9",
      BELUGA_MR_BOT_TOKEN: "bot-token",
    };
    try {
      // Asynchronous: the double answers from this process while the CLI runs.
      const run = await new Promise<{ code: number; stderr: string }>((done) => {
        execFile(
          "npm",
          ["run", "-s", "estate", "--", "diff", "--base", "HEAD", "--estate", "repo", "--format", "markdown", "--out", out, "--post"],
          { cwd: tree, env, timeout: 120_000 },
          (error, _stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
      expect(run).toEqual({ code: 0, stderr: expect.stringContaining("estate diff: note 2 created on !9") });
      const note = readFileSync(out, "utf8");
      expect(note.startsWith(`${FLEET_NOTE_MARKER}\n`)).toBe(true);
      expect(note).toContain("| **Prod** | rolling restart |");
      expect(gitlab.notes.map((n) => n.body)).toEqual(["Looks good to me", note]);
      expect(gitlab.calls).toEqual(["GET /api/v4/projects/3/merge_requests/9/notes", "POST /api/v4/projects/3/merge_requests/9/notes"]);
    } finally {
      await gitlab.stop();
    }
  }, 150_000);

  it("refuses --post outside a merge-request pipeline before rendering anything", () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !["CI_MERGE_REQUEST_IID", "BELUGA_MR_BOT_TOKEN"].includes(k)),
    );
    const run = spawnSync("npm", ["run", "-s", "estate", "--", "diff", "--base", "HEAD", "--estate", "repo", "--post"], {
      cwd: tree,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /^estate diff: --post needs (CI_SERVER_URL, )?(CI_PROJECT_ID, )?CI_MERGE_REQUEST_IID, BELUGA_MR_BOT_TOKEN in the environment; run it in a merge-request pipeline or set them$/m,
    );
    expect(run.stderr).not.toMatch(/render/);
  }, 60_000);

  it("fails when the base predates the estate command, naming the first commit that has it", () => {
    const first = git(ROOT, "rev-list", "--max-parents=0", "HEAD").split("\n")[0];
    const since = git(ROOT, "log", "--diff-filter=A", "--format=%h", "--", "platform/cli/estate.ts").split("\n").pop();
    const run = estateCli(tree, "diff", "--base", first, "--estate", "repo");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      `estate diff: --base ${first} (${first.slice(0, 7)}) has no estate render command (platform/cli/estate.ts, npm run estate); choose a base at or after ${since}`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("fails when the base is not a commit", () => {
    const run = estateCli(tree, "diff", "--base", "no-such-branch", "--estate", "repo");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "estate diff: --base no-such-branch: not a commit of this repository; give a branch, tag or commit id (e.g. origin/main, HEAD~1)",
    );
  }, 60_000);
});
