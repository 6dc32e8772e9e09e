import { type WriteStream, createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, type StackTarget } from "./stack-target";

/** Where run logs go. */
export const LOG_DIR = join(REPO_ROOT, ".beluga/logs");

/**
 * The log file of one run: `<project>-<env>-<kind>-<UTC timestamp>-<pid>.log`. One file per run, so
 * two runs at once (a pipeline and a laptop, two fleet workers) never write into the same file.
 * @example runLogPath({ project: "sinistre", env: "int" }, "up") // .beluga/logs/sinistre-int-up-20260301T101502Z-4242.log
 */
export function runLogPath(
  target: StackTarget,
  kind: string,
  now: Date = new Date(),
  pid: number = process.pid,
  dir: string = LOG_DIR,
): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return join(dir, `${target.project}-${target.env}-${kind}-${stamp}-${pid}.log`);
}

/** An open run log: its path (to print) and a stream. */
export interface RunLog {
  readonly path: string;
  readonly stream: WriteStream;
}

/** Opens the log file of a new run. */
export function openRunLog(target: StackTarget, kind: string, dir: string = LOG_DIR): RunLog {
  mkdirSync(dir, { recursive: true });
  const path = runLogPath(target, kind, new Date(), process.pid, dir);
  return { path, stream: createWriteStream(path) };
}

/**
 * What to do when the Kubernetes provider cannot reach the cluster. It replaces the provider's own hint
 * (rerun with `PULUMI_K8S_DELETE_UNREACHABLE=true`), which during an outage drops every resource of the
 * app from the state: the next deploy would then try to create them again over the live ones.
 */
export const UNREACHABLE_ADVICE =
  "The cluster did not answer: check it is up (`npm run cluster -- status`, or the kube context of the environment) and rerun the deploy. " +
  "Do not set PULUMI_K8S_DELETE_UNREACHABLE: it removes the app's resources from the state, not from the cluster";

const DELETE_UNREACHABLE_HINT =
  /(?:\.\s*)?If the cluster was deleted, you can remove this resource from Pulumi state by rerunning the operation with the\s+PULUMI_K8S_DELETE_UNREACHABLE environment variable set to \\?"true\\?"/g;
// Any other sentence that names the variable (a provider version with other words), except our own advice.
const ANY_DELETE_UNREACHABLE = /[^.\n]*(?<!Do not set )PULUMI_K8S_DELETE_UNREACHABLE[^.\n]*\.?/g;

/** Engine output without the provider's delete-unreachable hint, with what to do instead. */
export function withoutUnsafeHints(text: string): string {
  return text.replace(DELETE_UNREACHABLE_HINT, `. ${UNREACHABLE_ADVICE}`).replace(ANY_DELETE_UNREACHABLE, ` ${UNREACHABLE_ADVICE}.`);
}

/**
 * Turns the engine's output chunks into whole lines passed through `withoutUnsafeHints` (a hint may
 * arrive split over two chunks). Call `flush` at the end for the last partial line.
 */
export function lineFilter(write: (text: string) => void): { push: (chunk: string) => void; flush: () => void } {
  let pending = "";
  return {
    push(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf("\n");
      if (end < 0) return;
      write(withoutUnsafeHints(pending.slice(0, end + 1)));
      pending = pending.slice(end + 1);
    },
    flush() {
      if (pending) write(withoutUnsafeHints(pending));
      pending = "";
    },
  };
}
