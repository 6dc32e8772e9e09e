import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { EnvName } from "../../../constructs/model";
import type { FleetSelection } from "./fleet-projects";
import type { FleetTask, FleetTaskResult } from "./fleet-worker";

/** Options of a fleet deploy. */
export interface DeployFleetOptions {
  readonly apps: readonly string[];
  readonly env: EnvName;
  /** @default "up" */
  readonly operation?: "up" | "destroy";
  readonly selection: FleetSelection;
  /** Worker processes, each running one `pulumi up` at a time. @default 2 */
  readonly parallel?: number;
  readonly onResult?: (result: FleetTaskResult, done: number) => void;
}

/** What a fleet deploy did. */
export interface FleetReport {
  readonly results: readonly FleetTaskResult[];
  readonly seconds: number;
  readonly appsPerMinute: number;
}

/**
 * `pulumi up` of many app stacks with bounded parallelism: `parallel` worker processes pull apps from
 * one queue, so at most that many engines run at once and a slow app never holds the others back.
 * Processes rather than threads: an inline Automation API program is one per Node process.
 */
export async function deployFleet(options: DeployFleetOptions): Promise<FleetReport> {
  const started = Date.now();
  const queue = [...options.apps];
  const results: FleetTaskResult[] = [];
  const parallel = Math.max(1, Math.min(options.parallel ?? 2, queue.length));
  const worker = join(__dirname, "fleet-worker.ts");
  const run = (child: ChildProcess) =>
    new Promise<void>((resolve, reject) => {
      const next = () => {
        const app = queue.shift();
        if (app === undefined) {
          child.kill();
          return resolve();
        }
        child.send({ operation: options.operation ?? "up", app, env: options.env, selection: options.selection } satisfies FleetTask);
      };
      child.on("message", (result: FleetTaskResult) => {
        results.push(result);
        options.onResult?.(result, results.length);
        next();
      });
      child.on("exit", (code) => (queue.length > 0 && code !== 0 ? reject(new Error(`fleet worker exited with ${code}`)) : undefined));
      next();
    });
  const children = Array.from({ length: parallel }, () =>
    fork(worker, [], { execArgv: ["-r", "ts-node/register/transpile-only"], stdio: ["ignore", "ignore", "inherit", "ipc"] }),
  );
  await Promise.all(children.map(run));
  const seconds = (Date.now() - started) / 1000;
  return { results, seconds, appsPerMinute: (results.filter((r) => r.ok).length / seconds) * 60 };
}
