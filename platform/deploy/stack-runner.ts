import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import type { ReleasePlan } from "../../constructs/policy";
import { beluga } from "../instance";
import { appProgram } from "./app-program";
import { platformProgram } from "../platform-program";
import { lineFilter, openRunLog } from "./run-log";
import { planRelease } from "./stack-record";
import { clearPendingOperations, recoverBeforeRun } from "./stack-recovery";
import { type StackTarget, policyPacks, pulumiCommand, targetLabel, workDirOf } from "./stack-target";

/** What an operation did, in the figures people ask for. */
export interface StackResult {
  readonly target: StackTarget;
  readonly seconds: number;
  /** Resource changes by operation (create, update, same, delete...). */
  readonly changes: Readonly<Record<string, number>>;
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Full engine output of the operation. */
  readonly log: string;
  /** The file holding that output (one per run). */
  readonly logFile: string;
}

/** Options shared by every operation. */
export interface RunOptions {
  /** Stack config to set before the run (pipeline inputs such as `beluga:digests`). */
  readonly config?: Readonly<Record<string, { value: string; secret?: boolean }>>;
  /** Receives each line the engine prints. */
  readonly onOutput?: (line: string) => void;
  /** Program to run instead of the target's own (tests, fleet runs). @default programOf(target) */
  readonly program?: () => Promise<Record<string, unknown>>;
  /** Project folder holding Pulumi.yaml and the stack files. @default workDirOf(target) */
  readonly workDir?: string;
  /** Refresh from the cluster before updating or previewing (`--refresh`). @default true */
  readonly refresh?: boolean;
  /** The images and promotion record of an app deploy (`planRelease`). @default - read from the stacks (`withRelease`) */
  readonly release?: ReleasePlan;
  /** Told the path of the run's log file before the engine starts. */
  readonly onLogFile?: (path: string) => void;
}

/**
 * The program of a target, as a function: the same code `apps/<app>/index.ts` and
 * `platform/program.ts` run, so an inline run and a `pulumi up` in the folder register the same graph.
 */
export function programOf(target: StackTarget, plan?: ReleasePlan): () => Promise<Record<string, unknown>> {
  if (target.project === "platform") return async () => platformProgram();
  const declaration = beluga.app(target.project);
  return async () => ({ ...appProgram(declaration, process.env, plan) });
}

/**
 * Opens (or creates) the stack of a target with the real CLI through the Automation API, as an inline
 * program in the project's folder (its Pulumi.yaml and Pulumi.<env>.yaml apply). Inline, because the
 * Go module proxy serves no pulumi-language-nodejs to build (see platform/local/README.md). The
 * backend, passphrase and PATH come from the environment (`platform/local/env.sh` sets local defaults).
 */
export async function openStack(target: StackTarget, options: RunOptions = {}): Promise<Stack> {
  const projectName = target.project === "platform" ? "beluga-platform" : target.project;
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: target.env, projectName, program: options.program ?? programOf(target, options.release) },
    {
      workDir: options.workDir ?? workDirOf(target),
      secretsProvider: "passphrase",
      envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" },
      pulumiCommand: await pulumiCommand(),
    },
  );
  for (const [key, entry] of Object.entries(options.config ?? {})) await stack.setConfig(key, entry);
  return stack;
}

/**
 * The release plan of an app target (read from the stacks, see `planRelease`), unless the caller runs a
 * program of its own or brought a plan. Its notes go to `onOutput`, so job logs say where each digest
 * came from.
 */
export async function withRelease(target: StackTarget, options: RunOptions): Promise<RunOptions> {
  if (target.project === "platform" || options.program || options.release) return options;
  const release = await planRelease(beluga, beluga.app(target.project), target.env);
  for (const note of release.notes) options.onOutput?.(`release: ${note}\n`);
  return { ...options, release };
}

/** `pulumi up` of a target with the policy pack; resolves when every rollout has completed. */
export async function upStack(target: StackTarget, given: RunOptions = {}): Promise<StackResult> {
  const started = Date.now();
  const options = await withRelease(target, given);
  const stack = await openStack(target, options);
  const sink = openRunLog(target, "up");
  options.onLogFile?.(sink.path);
  let log = "";
  // Whole lines, without the provider's unsafe delete-unreachable hint (run-log.ts).
  const output = lineFilter((out) => {
    log += out;
    sink.stream.write(out);
    options.onOutput?.(out);
  });
  try {
    const result = await stack.up({
      policyPacks: policyPacks(),
      // Read the cluster first: what was changed by hand is then part of the diff, and undone.
      refresh: options.refresh ?? true,
      onOutput: output.push,
    });
    output.flush();
    const outputs = Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
    return {
      target,
      seconds: (Date.now() - started) / 1000,
      changes: result.summary.resourceChanges ?? {},
      outputs,
      log,
      logFile: sink.path,
    };
  } finally {
    output.flush();
    sink.stream.end();
  }
}

/**
 * `pulumi preview` of a target with the policy pack, refreshed from the cluster first by default: a
 * reviewer or a gate reading it sees what the deploy would really change, hand edits included.
 */
export async function previewStack(target: StackTarget, given: RunOptions & { expectNoChanges?: boolean } = {}) {
  const options = { ...given, ...(await withRelease(target, given)) };
  const stack = await openStack(target, options);
  return stack.preview({
    policyPacks: policyPacks(),
    expectNoChanges: options.expectNoChanges,
    refresh: options.refresh ?? true,
    diff: true,
    onOutput: options.onOutput,
  });
}

/** `pulumi destroy` of a target. */
export async function destroyStack(target: StackTarget, options: RunOptions = {}) {
  const stack = await openStack(target, options);
  return stack.destroy({ onOutput: options.onOutput });
}

/**
 * Recovery after an interrupted `up` (killed runner, lost CI job): stops the engine processes it
 * left, removes its lock when the holder is gone (never a live run's: not `pulumi cancel`, which
 * deletes every lock of the stack), drops the operations the engine had started but never recorded
 * as finished, and refreshes, so the next `up` reconciles from what the cluster really holds.
 * `recoverBeforeRun` (stack-recovery.ts) is the same, done by `beluga deploy` before each `up`.
 * @returns the pending operations that were cleared, as `<type> <urn>`.
 * @throws StackLockedError when a live run holds the stack.
 */
export async function recoverInterruptedStack(target: StackTarget, options: RunOptions = {}): Promise<string[]> {
  const open = () => openStack(target, options);
  const report = await recoverBeforeRun(target, { open, workDir: options.workDir, onOutput: options.onOutput });
  return report.removedLocks.length > 0 ? [...report.clearedOperations] : clearPendingOperations(await open(), options.onOutput);
}

export { targetLabel };
