import type { Beluga } from "../../constructs/beluga";
import { namespaceOf } from "../../constructs/model";
import type { StackRecord } from "../../constructs/policy";
import type { StackTarget } from "../deploy/stack-target";
import type { WorkloadStatus } from "../deploy/workload-status";
import { type PortalReadings, recordKey } from "./portal-model";

/** The backend could not be read (no pulumi CLI, no backend, wrong passphrase): a failure the user acts on. */
export class PortalReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PortalReadError";
  }
}

/** How the data-gathering step reads the estate (the real readers by default; tests pass their own). */
export interface PortalReaders {
  /** A stack's outputs and last update; undefined when the stack does not exist. @default readStackRecord */
  readonly readRecord?: (target: StackTarget) => Promise<StackRecord | undefined>;
  /** Pods of namespaces; throws when no cluster answers. @default readWorkloads (kubectl) */
  readonly readWorkloads?: (namespaces: readonly string[]) => WorkloadStatus[];
  /** Stacks read at once. @default 6 */
  readonly concurrency?: number;
  /** Called after each stack read, with how many are done out of how many. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly now?: Date;
}

/**
 * Reads what the portal shows: every app × environment stack record from the shared backend (a
 * missing stack is "not deployed") and, when a cluster answers, the pods of every namespace. A cluster
 * that does not answer leaves `workloads` undefined ("pods unknown") rather than failing the portal.
 */
export async function gatherPortalReadings(beluga: Beluga, readers: PortalReaders = {}): Promise<PortalReadings> {
  const readRecord = readers.readRecord ?? realReaders().readStackRecord;
  const readPods = readers.readWorkloads ?? realReaders().readWorkloads;
  const targets = beluga.apps.flatMap((a) => beluga.environments.names.map((env) => ({ project: a.name, env })));
  const records = new Map<string, StackRecord | undefined>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const target = targets[next++];
      try {
        records.set(recordKey(target.project, target.env), await readRecord(target));
      } catch (error) {
        const lines = (error instanceof Error ? error.message : String(error))
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        // The Automation API's errors start with "code: -2"; the engine's own words are on the stderr line.
        const first =
          lines.find((l) => /^stderr: ./.test(l))?.replace(/^stderr:\s*/, "") ??
          lines.find((l) => /error|failed/i.test(l)) ??
          lines[0] ??
          "";
        throw new PortalReadError(
          `cannot read the stack ${target.project}/${target.env}: ${first.trim()}; run npm run portal (local backend and tools) or set PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE with pulumi on PATH`,
        );
      }
      readers.onProgress?.(++done, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readers.concurrency ?? 6, targets.length) }, worker));
  let workloads: WorkloadStatus[] | undefined;
  try {
    workloads = readPods(beluga.apps.flatMap((a) => beluga.environments.list.map((env) => namespaceOf(a.name, env))));
  } catch {
    workloads = undefined;
  }
  return { records, workloads, now: readers.now ?? new Date() };
}

/** The real readers, loaded on demand: the Automation API and kubectl are only needed when reading for real. */
function realReaders(): typeof import("../deploy/stack-record") & typeof import("../deploy/workload-status") {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return { ...require("../deploy/stack-record"), ...require("../deploy/workload-status") };
  /* eslint-enable @typescript-eslint/no-require-imports */
}
