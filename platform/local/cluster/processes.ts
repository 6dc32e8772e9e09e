/** Pid files, starting, waiting for and stopping the cluster's processes. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Component } from "./components";
import { BIN, DIR, LOGS, PIDS } from "./layout";
import { fail, log, sleep } from "./shell";

export const pidFile = (name: string) => path.join(PIDS, `${name}.pid`);
export function readPid(name: string): number | undefined {
  try {
    const n = Number(fs.readFileSync(pidFile(name), "utf8").trim());
    return n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie or a recycled pid that is not ours does not count
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    if (/\) Z /.test(stat)) return false;
  } catch {
    /* non-Linux: trust kill(0) */
  }
  return true;
}
/** pid is alive and still runs the binary we started (guards against pid reuse). */
export function ours(c: Component, pid: number | undefined): boolean {
  if (!alive(pid)) return false;
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`).startsWith(path.dirname(c.bin));
  } catch {
    return true;
  }
}

export function start(c: Component): number {
  const out = fs.openSync(path.join(LOGS, `${c.name}.log`), "a");
  const child = spawn(c.bin, c.args(), { detached: true, stdio: ["ignore", out, out], cwd: DIR, env: { ...process.env, ...c.env?.() } });
  fs.closeSync(out);
  if (!child.pid) fail(`could not start ${c.name}`);
  child.unref();
  fs.writeFileSync(pidFile(c.name), `${child.pid}\n`);
  return child.pid;
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, c?: Component): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return;
    if (c && !ours(c, readPid(c.name))) {
      fail(`${c.name} exited during startup; see ${path.join(LOGS, `${c.name}.log`)}:\n${tail(path.join(LOGS, `${c.name}.log`), 15)}`);
    }
    await sleep(500);
  }
  fail(
    `timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}` +
      (c ? `; see ${path.join(LOGS, `${c.name}.log`)}:\n${tail(path.join(LOGS, `${c.name}.log`), 15)}` : ""),
  );
}
function tail(file: string, n: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-n).join("\n");
  } catch {
    return "";
  }
}

export async function stopPid(name: string, pid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* group gone */
    }
    try {
      process.kill(pid, sig);
    } catch {
      /* gone */
    }
  };
  signal("SIGTERM");
  const t0 = Date.now();
  while (alive(pid) && Date.now() - t0 < 15000) await sleep(200);
  if (alive(pid)) {
    log(`${name} (pid ${pid}) ignored SIGTERM; sending SIGKILL`);
    signal("SIGKILL");
  }
  while (alive(pid) && Date.now() - t0 < 20000) await sleep(100);
  if (alive(pid)) fail(`${name} (pid ${pid}) is still running`);
}

/** Processes whose command line references this repo's .beluga/cluster dir (our components). */
export function leftoverProcesses(): string[] {
  const out: string[] = [];
  for (const p of fs.existsSync("/proc") ? fs.readdirSync("/proc") : []) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ");
      const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
      if (/\) Z /.test(stat)) continue;
      if (cmd.includes(DIR) && Object.values(BIN).some((b) => cmd.startsWith(b))) out.push(`  pid ${p}: ${cmd.slice(0, 160)}`);
    } catch {
      /* raced */
    }
  }
  return out;
}
