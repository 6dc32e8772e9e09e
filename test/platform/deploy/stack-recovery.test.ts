import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Stack } from "@pulumi/pulumi/automation";
import { type ProcessInfo, orphanedEngineProcesses } from "../../../platform/deploy/engine-processes";
import { StackLockedError, describeRecovery, recoverBeforeRun } from "../../../platform/deploy/stack-recovery";
import { stackLockDir } from "../../../platform/deploy/stack-lock";

const REPO = "/work/beluga";
const APP_DIR = `${REPO}/apps/sinistre`;
const RUN = { workDir: APP_DIR, stack: "int", roots: [REPO] };

/** A process table as /proc shows it after a deploy of sinistre/int was SIGKILLed, next to a live run of sinistre/dev. */
const TABLE: ProcessInfo[] = [
  { pid: 1, ppid: 0, name: "init", args: ["/sbin/init"] },
  // the dead run: its pulumi (same project folder, --stack int) and plugins, reparented to init
  { pid: 200, ppid: 1, name: "pulumi", args: ["pulumi", "up", "--yes", "--stack", "int", "--non-interactive"], cwd: APP_DIR },
  {
    pid: 201,
    ppid: 1,
    name: "pulumi-resource-kubernetes",
    args: ["/cache/plugins/pulumi-resource-kubernetes", "127.0.0.1:4100"],
    cwd: APP_DIR,
  },
  {
    pid: 202,
    ppid: 1,
    name: "sh",
    args: ["/bin/sh", "/tools/pulumi-analyzer-policy", "127.0.0.1:4100", "."],
    cwd: `${REPO}/platform/policy-pack`,
  },
  {
    pid: 203,
    ppid: 202,
    name: "node",
    args: ["node", "/x/@pulumi/pulumi/cmd/run-policy-pack/index.js", "127.0.0.1:4100", "."],
    cwd: `${REPO}/platform/policy-pack`,
  },
  // a live run of sinistre/dev: our CLI (node), its pulumi, its provider
  { pid: 300, ppid: 1, name: "node", args: ["node", "platform/cli/main.ts", "deploy"], cwd: REPO },
  { pid: 301, ppid: 300, name: "pulumi", args: ["pulumi", "up", "--stack", "dev"], cwd: APP_DIR },
  { pid: 302, ppid: 301, name: "pulumi-resource-kubernetes", args: ["pulumi-resource-kubernetes"], cwd: APP_DIR },
  // someone's `pulumi up` by hand in a shell, on the same stack: parent alive, never ours to stop
  { pid: 400, ppid: 399, name: "pulumi", args: ["pulumi", "up", "--stack", "int"], cwd: APP_DIR },
  { pid: 399, ppid: 1, name: "bash", args: ["bash"], cwd: APP_DIR },
  // an orphaned provider of another checkout
  { pid: 500, ppid: 1, name: "pulumi-resource-kubernetes", args: ["pulumi-resource-kubernetes"], cwd: "/work/other/apps/sinistre" },
];

describe("orphaned engine processes", () => {
  it("finds the dead run's pulumi and plugins, and nothing of a live run, a shell's run or another checkout", () => {
    expect(orphanedEngineProcesses(TABLE, RUN).map((p) => p.pid)).toEqual([200, 201, 202, 203]);
  });

  it("takes a pulumi of another stack of the same project as not ours", () => {
    const otherStack = TABLE.map((p) => (p.pid === 200 ? { ...p, args: ["pulumi", "up", "--stack", "re7"] } : p));
    expect(orphanedEngineProcesses(otherStack, RUN).map((p) => p.pid)).toEqual([201, 202, 203]);
  });

  it("takes a process whose parent was reparented to a subreaper as orphaned", () => {
    const table = [
      ...TABLE.filter((p) => p.pid !== 200),
      { ...TABLE[1], ppid: 42 },
      { pid: 42, ppid: 1, name: "systemd", args: ["systemd", "--user"] },
    ];
    expect(orphanedEngineProcesses(table, RUN).map((p) => p.pid)).toContain(200);
  });
});

describe("recovery before a run", () => {
  let backend: string;
  beforeEach(() => (backend = mkdtempSync(join(tmpdir(), "beluga-recovery-"))));
  afterEach(() => rmSync(backend, { recursive: true, force: true }));

  const target = { project: "sinistre", env: "int" } as const;
  const lockDir = () => join(backend, stackLockDir("sinistre", "int"));
  function writeLock(pid: number): void {
    mkdirSync(lockDir(), { recursive: true });
    writeFileSync(
      join(lockDir(), "9b1c.json"),
      JSON.stringify({ pid, username: "ci", hostname: hostname(), timestamp: "2026-03-01T10:15:02Z" }),
    );
  }

  /** A stack whose state has one pending create; records what is done to it. */
  function stackWithPendingCreate(calls: string[]): Stack {
    let state: any = {
      version: 3,
      deployment: {
        resources: [],
        pending_operations: [
          { type: "creating", resource: { urn: "urn:pulumi:int::sinistre::kubernetes:apps/v1:Deployment::sinistre-api" } },
        ],
      },
    };
    return {
      exportStack: async () => (calls.push("export"), structuredClone(state)),
      importStack: async (s: any) => (calls.push(`import pending=${s.deployment.pending_operations.length}`), (state = s)),
      refresh: async () => (calls.push("refresh"), {}),
    } as unknown as Stack;
  }

  it("removes the lock of a killed run, clears its pending operations, refreshes, and says so", async () => {
    const dead = spawnSync("true").pid;
    writeLock(dead);
    const calls: string[] = [];
    const report = await recoverBeforeRun(target, {
      open: async () => stackWithPendingCreate(calls),
      backendUrl: pathToFileURL(backend).href,
      processes: () => [],
    });
    expect(readdirSync(lockDir())).toEqual([]);
    expect(calls).toEqual(["export", "import pending=0", "refresh"]);
    expect(describeRecovery(target, report)).toEqual([
      `sinistre/int: removed the lock of ci@${hostname()} pid ${dead} since 2026-03-01T10:15:02Z: process ${dead} on this host is gone`,
      "sinistre/int: cleared 1 operation(s) the killed run left unfinished, and refreshed from the cluster: creating urn:pulumi:int::sinistre::kubernetes:apps/v1:Deployment::sinistre-api",
    ]);
  });

  it("fails when a live run holds the lock, naming the holder, and touches nothing", async () => {
    writeLock(process.pid);
    const calls: string[] = [];
    const recovery = recoverBeforeRun(target, {
      open: async () => stackWithPendingCreate(calls),
      backendUrl: pathToFileURL(backend).href,
      processes: () => [],
    });
    await expect(recovery).rejects.toThrow(StackLockedError);
    await expect(recovery).rejects.toThrow(
      `sinistre/int is locked by a run that is still going: ci@${hostname()} pid ${process.pid} since 2026-03-01T10:15:02Z (process ${process.pid} on this host is still running)`,
    );
    expect(readdirSync(lockDir())).toEqual(["9b1c.json"]);
    expect(calls).toEqual([]);
  });

  it("does nothing, and opens nothing, when the stack is not locked", async () => {
    const calls: string[] = [];
    const report = await recoverBeforeRun(target, {
      open: async () => stackWithPendingCreate(calls),
      backendUrl: pathToFileURL(backend).href,
      processes: () => [],
    });
    expect(describeRecovery(target, report)).toEqual([]);
    expect(calls).toEqual([]);
  });

  it("says why it skipped the locks of a backend it cannot read", async () => {
    const report = await recoverBeforeRun(target, {
      open: async () => stackWithPendingCreate([]),
      backendUrl: "https://api.pulumi.com",
      processes: () => [],
    });
    expect(report.skipped).toBe("https://api.pulumi.com: no lock store for this backend (supported: file://, s3://)");
  });
});
