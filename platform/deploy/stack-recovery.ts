import type { Stack } from "@pulumi/pulumi/automation";
import { type ProcessInfo, listProcesses, orphanedEngineProcesses, stopProcesses } from "./engine-processes";
import {
  type LockJudge,
  type LockStore,
  type LockVerdict,
  LockStoreUnavailableError,
  STALE_LOCK_AFTER_MS,
  localJudge,
  lockStoreFor,
  releaseStaleLocks,
} from "./stack-lock";
import { REPO_ROOT, type StackTarget, POLICY_PACK, projectNameOf, targetLabel, workDirOf } from "./stack-target";

/** What the recovery before a run did, to say it. */
export interface RecoveryReport {
  /** Engine processes of a dead run of this stack that were stopped. */
  readonly stoppedProcesses: readonly ProcessInfo[];
  /** Locks whose holder was gone, removed. */
  readonly removedLocks: readonly LockVerdict[];
  /** Pending operations cleared (`<type> <urn>`), after a removed lock. */
  readonly clearedOperations: readonly string[];
  /** Why locks could not be looked at (an s3:// backend before its lock store exists, no backend URL). */
  readonly skipped?: string;
}

/** The stack is locked by a run that is still going: we leave it alone. */
export class StackLockedError extends Error {
  constructor(
    readonly target: StackTarget,
    readonly held: readonly LockVerdict[],
  ) {
    super(`${targetLabel(target)} is locked by a run that is still going: ${held.map((v) => `${v.holder} (${v.reason})`).join("; ")}`);
    this.name = "StackLockedError";
  }

  /** What to do next. */
  get next(): string {
    return (
      `wait for that run to end and deploy again; if you know it is gone, remove its lock with \`pulumi cancel --stack ${this.target.env}\` ` +
      `in ${workDirOf(this.target)} (a lock of another machine is taken as abandoned after ${STALE_LOCK_AFTER_MS / 3_600_000} h)`
    );
  }
}

/** Where recovery looks; every field has the deploy's own default. */
export interface RecoveryOptions {
  /** Opens the stack (only when pending operations must be cleared). */
  readonly open: () => Promise<Stack>;
  /** @default workDirOf(target) */
  readonly workDir?: string;
  /** @default process.env.PULUMI_BACKEND_URL */
  readonly backendUrl?: string;
  /** @default lockStoreFor(backendUrl) */
  readonly store?: LockStore;
  /** @default localJudge() */
  readonly judge?: LockJudge;
  /** @default listProcesses() */
  readonly processes?: () => ProcessInfo[];
  /** Receives each line the refresh prints. */
  readonly onOutput?: (text: string) => void;
}

/**
 * Makes a stack runnable again after a run that was killed, before `up`, and only then:
 * 1. stops the engine processes that run left (its `pulumi` and plugins, whose parent is gone);
 * 2. removes its lock when the holder is gone (same host and dead pid, or another host and older than
 *    2 h); a lock of a live run stays, and `StackLockedError` names its holder;
 * 3. when a lock was removed, drops the operations the dead run had started but not recorded
 *    (export/import of the state) and refreshes, so the `up` that follows reconciles from what the
 *    cluster holds. Creates it had started are not lost: the provider's server-side apply adopts
 *    the objects the next `up` creates again.
 * @throws StackLockedError when a live run holds the stack.
 */
export async function recoverBeforeRun(target: StackTarget, options: RecoveryOptions): Promise<RecoveryReport> {
  const workDir = options.workDir ?? workDirOf(target);
  const orphans = orphanedEngineProcesses((options.processes ?? listProcesses)(), {
    workDir,
    stack: target.env,
    roots: [REPO_ROOT, workDir, POLICY_PACK],
  });
  if (orphans.length > 0) await stopProcesses(orphans);

  const backendUrl = options.backendUrl ?? process.env.PULUMI_BACKEND_URL;
  let store = options.store;
  if (!store) {
    if (!backendUrl)
      return { stoppedProcesses: orphans, removedLocks: [], clearedOperations: [], skipped: "PULUMI_BACKEND_URL is not set" };
    try {
      store = lockStoreFor(backendUrl);
    } catch (error) {
      if (!(error instanceof LockStoreUnavailableError)) throw error;
      return { stoppedProcesses: orphans, removedLocks: [], clearedOperations: [], skipped: error.message };
    }
  }
  const verdicts = await releaseStaleLocks(store, projectNameOf(target), target.env, options.judge ?? localJudge());
  const held = verdicts.filter((v) => !v.stale);
  if (held.length > 0) throw new StackLockedError(target, held);
  const removedLocks = verdicts.filter((v) => v.stale);
  const clearedOperations = removedLocks.length > 0 ? await clearPendingOperations(await options.open(), options.onOutput) : [];
  return { stoppedProcesses: orphans, removedLocks, clearedOperations };
}

/**
 * Drops the pending operations of a stack's state (export, clear, import), then refreshes.
 * @returns the operations cleared, as `<type> <urn>`.
 */
export async function clearPendingOperations(stack: Stack, onOutput?: (text: string) => void): Promise<string[]> {
  const state = await stack.exportStack();
  const pending: Array<{ type: string; resource: { urn: string } }> = state.deployment?.pending_operations ?? [];
  if (pending.length > 0) {
    state.deployment.pending_operations = [];
    await stack.importStack(state);
  }
  await stack.refresh({ onOutput });
  return pending.map((p) => `${p.type} ${p.resource.urn}`);
}

/** The report as lines for a person: what was stopped, removed and cleared; nothing when nothing was done. */
export function describeRecovery(target: StackTarget, report: RecoveryReport): string[] {
  const label = targetLabel(target);
  return [
    ...(report.stoppedProcesses.length > 0
      ? [
          `${label}: stopped ${report.stoppedProcesses.length} engine process(es) a killed run left: ${report.stoppedProcesses.map((p) => `${p.name} (pid ${p.pid})`).join(", ")}`,
        ]
      : []),
    ...report.removedLocks.map((v) => `${label}: removed the lock of ${v.holder}: ${v.reason}`),
    ...(report.removedLocks.length > 0
      ? [
          report.clearedOperations.length > 0
            ? `${label}: cleared ${report.clearedOperations.length} operation(s) the killed run left unfinished, and refreshed from the cluster: ${report.clearedOperations.join(", ")}`
            : `${label}: no unfinished operation in the state; refreshed from the cluster`,
        ]
      : []),
  ];
}
