import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = join(__dirname, "../../../platform/local/node-modules-state.sh");

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), "beluga-nm-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A checkout with a package-lock.json and, when asked, an installed node_modules (with .bin/node). */
function checkout(name: string, lock: string, installed = true): string {
  const repo = join(root, name);
  mkdirSync(join(repo, "node_modules/.bin"), { recursive: true });
  writeFileSync(join(repo, "package-lock.json"), lock);
  if (!installed) rmSync(join(repo, "node_modules"), { recursive: true });
  else {
    writeFileSync(join(repo, "node_modules/.bin/node"), "#!/bin/sh\n");
    chmodSync(join(repo, "node_modules/.bin/node"), 0o755);
  }
  return repo;
}
const run = (cmd: "check" | "record", repo: string) => execFileSync("bash", [SCRIPT, cmd, repo], { encoding: "utf8" }).trim();
const state = (repo: string) => run("check", repo).split(" ")[0];
const setTime = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

describe("node_modules state", () => {
  it("is missing without node_modules", () => {
    expect(run("check", checkout("a", '{"v":1}', false))).toBe(`missing no node_modules with Node 22 in ${root}/a`);
  });

  it("is current after an install was recorded", () => {
    const repo = checkout("a", '{"v":1}');
    run("record", repo);
    expect(readFileSync(join(repo, "node_modules/.beluga-lock-hash"), "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    expect(state(repo)).toBe("current");
  });

  it("stays current when package-lock.json is touched without a change (a checkout, a rebase)", () => {
    const repo = checkout("a", '{"v":1}');
    run("record", repo);
    setTime(join(repo, "node_modules/.beluga-lock-hash"), 1_000_000);
    setTime(join(repo, "package-lock.json"), 2_000_000);
    expect(state(repo)).toBe("current");
  });

  it("is stale when package-lock.json changed, even with an older timestamp than the install", () => {
    const repo = checkout("a", '{"v":1}');
    run("record", repo);
    writeFileSync(join(repo, "package-lock.json"), '{"v":2}');
    setTime(join(repo, "package-lock.json"), 1_000_000);
    setTime(join(repo, "node_modules/.beluga-lock-hash"), 2_000_000);
    expect(run("check", repo)).toBe("stale package-lock.json changed since node_modules was installed");
  });

  it("is stale when the install recorded no hash (installed before hashes)", () => {
    expect(state(checkout("a", '{"v":1}'))).toBe("stale");
  });

  it("is linked, never missing or stale, when node_modules links to a checkout with the same lock", () => {
    const main = checkout("main", '{"v":1}');
    const worktree = checkout("wt", '{"v":1}', false);
    symlinkSync(join(main, "node_modules"), join(worktree, "node_modules"));
    expect(state(worktree)).toBe("linked");
    run("record", main);
    expect(state(worktree)).toBe("linked");
  });

  it("is linked-stale, saying what to do instead of npm ci, when the linked install is of another lock", () => {
    const main = checkout("main", '{"v":1}');
    run("record", main);
    const worktree = checkout("wt", '{"v":2}', false);
    symlinkSync(join(main, "node_modules"), join(worktree, "node_modules"));
    expect(run("check", worktree)).toBe(
      `linked-stale node_modules links to ${main}/node_modules, which was not installed from this package-lock.json: ` +
        `run \`npm ci\` in ${main} if that checkout should have these packages, or replace the link with an install of this checkout's own (rm ${worktree}/node_modules && npm ci)`,
    );
  });

  it("fails to record into a linked node_modules (another checkout's)", () => {
    const main = checkout("main", '{"v":1}');
    const worktree = checkout("wt", '{"v":2}', false);
    symlinkSync(join(main, "node_modules"), join(worktree, "node_modules"));
    expect(() => execFileSync("bash", [SCRIPT, "record", worktree], { stdio: "pipe" })).toThrow(/is a link; not recording/);
  });
});

describe("setup.sh node_modules step", () => {
  /** Runs setup.sh's node_modules section in `repo` with an `npm` that records its calls and installs nothing but a node_modules. */
  function setupStep(repo: string): { npmCalls: string[]; stderr: string; stdout: string } {
    const setup = readFileSync(join(__dirname, "../../../platform/local/setup.sh"), "utf8");
    const section = setup.slice(setup.indexOf("# --- 2. node_modules"), setup.indexOf("# --- 3. tools"));
    const bin = join(root, "bin");
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, "npm"),
      `#!/bin/sh\necho "$*" >> ${root}/npm-calls\nmkdir -p node_modules/.bin && touch node_modules/.bin/node && chmod +x node_modules/.bin/node\n`,
    );
    chmodSync(join(bin, "npm"), 0o755);
    const script = `set -euo pipefail\nHERE=${join(__dirname, "../../../platform/local")}\nREPO=${repo}\ncd "$REPO"\n${section}`;
    const result = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(result.status).toBe(0);
    let npmCalls: string[] = [];
    try {
      npmCalls = readFileSync(join(root, "npm-calls"), "utf8").trim().split("\n");
    } catch {
      npmCalls = [];
    }
    return { npmCalls, stderr: result.stderr, stdout: result.stdout };
  }

  it("runs npm ci once when node_modules is missing, then records the lock so the next run does nothing", () => {
    const repo = checkout("a", '{"v":1}', false);
    expect(setupStep(repo).npmCalls).toEqual(["ci --no-audit --no-fund --loglevel=error"]);
    expect(state(repo)).toBe("current");
    expect(setupStep(repo).npmCalls).toEqual(["ci --no-audit --no-fund --loglevel=error"]);
  });

  it("never runs npm ci on a linked node_modules installed from another lock, and says what to do", () => {
    const main = checkout("main", '{"v":1}');
    run("record", main);
    const worktree = checkout("wt", '{"v":2}', false);
    symlinkSync(join(main, "node_modules"), join(worktree, "node_modules"));
    const { npmCalls, stderr } = setupStep(worktree);
    expect(npmCalls).toEqual([]);
    expect(stderr).toContain(
      `setup: warning: node_modules links to ${main}/node_modules, which was not installed from this package-lock.json`,
    );
  });
});
