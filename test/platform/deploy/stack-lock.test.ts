import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import {
  LockStoreUnavailableError,
  fileLockStore,
  localJudge,
  lockStoreFor,
  s3LockStore,
  processAlive,
  releaseStaleLocks,
  stackLockDir,
} from "../../../platform/deploy/stack-lock";

let backend: string;
let url: string;
beforeEach(() => {
  backend = mkdtempSync(join(tmpdir(), "beluga-backend-"));
  url = pathToFileURL(backend).href;
});
afterEach(() => rmSync(backend, { recursive: true, force: true }));

/** Writes a lock file where pulumi v3.259's DIY backend writes it, with the content it writes. */
function writeLock(name: string, content: { pid: number; hostname: string; timestamp: string; username?: string }): string {
  const dir = join(backend, stackLockDir("sinistre", "int"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ username: "alice", ...content }));
  return `${name}.json`;
}
const remaining = () => readdirSync(join(backend, stackLockDir("sinistre", "int"))).sort();

/** A pid that existed a moment ago and no longer does. */
function deadPid(): number {
  const pid = spawnSync("true").pid;
  expect(processAlive(pid)).toBe(false);
  return pid;
}

const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe("stale lock recovery", () => {
  it("uses pulumi's layout for project-scoped DIY backends", () => {
    expect(stackLockDir("sinistre", "int")).toBe(".pulumi/locks/organization/sinistre/int");
  });

  it("removes a lock of this host whose process is gone, saying so", async () => {
    const pid = deadPid();
    writeLock("a1", { pid, hostname: hostname(), timestamp: ago(60_000) });
    const [verdict] = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", localJudge());
    expect(verdict).toMatchObject({
      stale: true,
      reason: `process ${pid} on this host is gone`,
      holder: expect.stringContaining(`alice@${hostname()} pid ${pid}`),
    });
    expect(existsSync(join(backend, stackLockDir("sinistre", "int"), "a1.json"))).toBe(false);
  });

  it("respects a lock of this host whose process runs, naming the holder", async () => {
    const timestamp = ago(5 * 60_000);
    writeLock("live", { pid: process.pid, hostname: hostname(), timestamp });
    const [verdict] = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", localJudge());
    expect(verdict).toMatchObject({
      stale: false,
      holder: `alice@${hostname()} pid ${process.pid} since ${timestamp}`,
      reason: `process ${process.pid} on this host is still running`,
    });
    expect(remaining()).toEqual(["live.json"]);
  });

  it("removes a lock of another host older than the timeout", async () => {
    writeLock("old", { pid: process.pid, hostname: "runner-elsewhere", timestamp: ago(3 * 3600_000) });
    const [verdict] = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", { ...localJudge(), now: NOW });
    expect(verdict.stale).toBe(true);
    expect(verdict.reason).toBe("taken 3 h ago on another host, longer than a run may take (2 h): its runner is gone");
    expect(remaining()).toEqual([]);
  });

  it("respects a recent lock of another host, even though no process of that pid runs here", async () => {
    writeLock("recent", { pid: deadPid(), hostname: "runner-elsewhere", timestamp: ago(10 * 60_000) });
    const [verdict] = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", { ...localJudge(), now: NOW });
    expect(verdict).toMatchObject({ stale: false, reason: "taken 10 min ago on another host; taken as abandoned after 2 h" });
    expect(remaining()).toEqual(["recent.json"]);
  });

  it("removes only the stale one when a live run and a dead one both left a lock", async () => {
    writeLock("dead", { pid: deadPid(), hostname: hostname(), timestamp: ago(60_000) });
    writeLock("live", { pid: process.pid, hostname: hostname(), timestamp: ago(30_000) });
    const verdicts = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", localJudge());
    expect(verdicts.map((v) => [v.lock.key.split("/").pop(), v.stale]).sort()).toEqual([
      ["dead.json", true],
      ["live.json", false],
    ]);
    expect(remaining()).toEqual(["live.json"]);
  });

  it("respects a lock it cannot read", async () => {
    const dir = join(backend, stackLockDir("sinistre", "int"));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "garbled.json"), "{not json");
    const [verdict] = await releaseStaleLocks(fileLockStore(url), "sinistre", "int", localJudge());
    expect(verdict.stale).toBe(false);
    expect(remaining()).toEqual(["garbled.json"]);
  });

  it("finds nothing when the stack never ran", async () => {
    expect(await releaseStaleLocks(fileLockStore(url), "sinistre", "prod", localJudge())).toEqual([]);
  });

  it("fails when an s3:// backend's credentials are not in the environment, naming them", () => {
    expect(() => s3LockStore("s3://beluga-state?endpoint=http://127.0.0.1:18333", {})).toThrow(LockStoreUnavailableError);
    expect(() => s3LockStore("s3://beluga-state", {})).toThrow(
      "s3://beluga-state: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
    );
    expect(() => lockStoreFor("gs://bucket")).toThrow("gs://bucket: no lock store for this backend (supported: file://, s3://)");
  });
});
