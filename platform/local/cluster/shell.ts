/** Logging, failing and running commands for the cluster CLI. */
import { spawnSync, SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { BIN, KUBECONFIG } from "./layout";

export function log(msg: string): void {
  process.stdout.write(`[cluster] ${msg}\n`);
}
export function fail(msg: string): never {
  process.stderr.write(`[cluster] ERROR: ${msg}\n`);
  process.exit(1);
}
export function isExecutable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
export function commandExists(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function run(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean } = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: "utf8", input: opts.input, env: { ...process.env, KUBECONFIG } });
  if (r.status !== 0 && !opts.allowFail) {
    fail(`${path.basename(cmd)} ${args.join(" ")} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
  return r;
}
export const kubectl = (args: string[], opts: { input?: string; allowFail?: boolean } = {}) =>
  run(BIN.kubectl, ["--kubeconfig", KUBECONFIG, ...args], opts);
