import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * `npm run cluster -- up` from another Node program, in a child process (the CLI exits the process on
 * failure). Idempotent: a healthy cluster is left as it is.
 */
export function clusterUp(stdio: "inherit" | "pipe" = "inherit"): void {
  // Through the transpile cache of the `beluga` CLI (~2 s to start instead of ts-node's ~7 s).
  execFileSync(process.execPath, ["-r", join(__dirname, "../../cli/bin/ts-cached-loader.js"), join(__dirname, "..", "cluster.ts"), "up"], {
    stdio,
    timeout: 300_000,
  });
}
