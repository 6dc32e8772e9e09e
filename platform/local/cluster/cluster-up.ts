import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * `npm run cluster -- up` from another Node program, in a child process (the CLI exits the process on
 * failure). Idempotent: a healthy cluster is left as it is.
 */
export function clusterUp(stdio: "inherit" | "pipe" = "inherit"): void {
  execFileSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", join(__dirname, "..", "cluster.ts"), "up"], {
    stdio,
    timeout: 300_000,
  });
}
