/**
 * A fleet worker process: runs one inline Pulumi update at a time (the Automation API runs one
 * program per Node process), for the apps its parent sends over IPC, and reports each result.
 */
import type { Beluga } from "../../../constructs/beluga";
import { deployApp } from "../../../constructs/pulumi";
import { destroyStack, upStack } from "../../deploy";
import { type FleetSelection, fleetBeluga, fleetProjectDir } from "./fleet-projects";

/** Parent → worker. */
export interface FleetTask {
  /** @default "up" */
  readonly operation?: "up" | "destroy";
  readonly app: string;
  readonly env: string;
  readonly selection: FleetSelection;
}

/** Worker → parent. */
export interface FleetTaskResult {
  readonly app: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly resources: number;
  readonly error?: string;
}

/** The fleet's façade, computed once per process (the parent computes the same set). */
let fleet: Beluga | undefined;

process.on("message", async (task: FleetTask) => {
  const started = Date.now();
  try {
    const current = (fleet ??= fleetBeluga(task.selection));
    const declaration = current.apps.find((a) => a.name === task.app);
    if (!declaration) throw new Error(`${task.app} is not part of this fleet`);
    const target = { project: task.app, env: current.environment(task.env).name };
    const options = { program: async () => ({ ...deployApp(current, declaration) }), workDir: fleetProjectDir(task.app), refresh: false };
    if (task.operation === "destroy") {
      const result = await destroyStack(target, options);
      const resources = Object.values(result.summary.resourceChanges ?? {}).reduce((a, b) => a + b, 0);
      process.send!({ app: task.app, ok: true, seconds: (Date.now() - started) / 1000, resources } satisfies FleetTaskResult);
      return;
    }
    const result = await upStack(target, options);
    const resources = Object.values(result.changes).reduce((a, b) => a + b, 0);
    process.send!({ app: task.app, ok: true, seconds: result.seconds, resources } satisfies FleetTaskResult);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const lines = text
      .split("\n")
      .filter((l) => /error:/i.test(l))
      .slice(0, 5);
    process.send!({
      app: task.app,
      ok: false,
      seconds: (Date.now() - started) / 1000,
      resources: 0,
      error: lines.join("\n") || text.slice(0, 500),
    } satisfies FleetTaskResult);
  }
});
