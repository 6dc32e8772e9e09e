import { CommanderError } from "commander";
import { InstanceError, UnknownNameError } from "../../constructs/instance";
import { DeclarationError } from "../../constructs/resolve";
import { recordFailure } from "./outcome-file";

/**
 * Exit codes of every `beluga` command: 0 done, 1 refused or failed (a gate, a policy, an invalid
 * declaration, a failed deploy), 2 usage error (unknown command, option, app or environment).
 */
export const EXIT = { done: 0, refused: 1, usage: 2 } as const;

/** A command line the command cannot run as given: printed with a hint, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A refusal or a failure the user can act on (gate refused, deploy failed): printed without a stack trace, exit code 1. */
export class RefusedError extends Error {
  constructor(
    message: string,
    /** One line each, printed under the message. */
    readonly details: readonly string[] = [],
    /** What to do next. */
    readonly next?: string,
  ) {
    super(message);
    this.name = "RefusedError";
  }
}

/** Where the printer writes (tests pass a buffer). */
export interface ErrorSink {
  (line: string): void;
}

/**
 * The one error printer: the message, its details and what to do next, prefixed with the command;
 * a stack trace only for what is not a known failure (a programming error). Returns the exit code.
 */
export function printError(command: string, error: unknown, write: ErrorSink = (l) => process.stderr.write(`${l}\n`)): number {
  if (error instanceof CommanderError) {
    // commander already printed its message ("error: unknown option '--x'"); help and version are not errors.
    // Asked-for help and version are not errors; help shown because a command is missing is a usage error.
    return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.done : EXIT.usage;
  }
  if (error instanceof UnknownNameError) {
    write(`${command}: ${error.message}`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    write(`${command}: ${error.message}`);
    if (error.hint) write(`  → ${error.hint}`);
    return EXIT.usage;
  }
  if (error instanceof DeclarationError) {
    write(`${command}: ${error.problems.length} problem(s) in the declaration; nothing was done`);
    for (const message of error.messages) write(`  ✗ ${message}`);
    return EXIT.refused;
  }
  if (error instanceof InstanceError) {
    write(`${command}: the platform instance is invalid; nothing was done`);
    for (const message of error.messages) write(`  ✗ ${message}`);
    return EXIT.refused;
  }
  if (error instanceof RefusedError) {
    write(`${command}: ${error.message}`);
    for (const line of error.details) write(`  ✗ ${line}`);
    if (error.next) write(`  → ${error.next}`);
    return EXIT.refused;
  }
  const tool = missingTool(error);
  if (tool) {
    write(`${command}: the \`${tool}\` command was not found on PATH; nothing was done`);
    write(
      "  → run it through npm (npm run deploy, preview, gate… set the machine up and source platform/local/env.sh), or run `npm run setup` and `. platform/local/env.sh` in this shell",
    );
    return EXIT.refused;
  }
  write(`${command}: unexpected error (a bug: please report it with this trace)`);
  write(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.refused;
}

/**
 * The program a command could not start (`pulumi`, `kubectl`): a machine set-up problem, not a bug.
 * Node reports it as an ENOENT spawn error; the Pulumi Automation API wraps it in a CommandError whose
 * message reads "Command failed with ENOENT: pulumi version".
 */
export function missingTool(error: unknown): string | undefined {
  // Structural, not `instanceof Error`: errors from Node's own modules may come from another realm.
  if (typeof error !== "object" || error === null) return undefined;
  const spawnError = error as { message?: unknown; code?: unknown; syscall?: unknown; path?: unknown };
  if (spawnError.code === "ENOENT" && typeof spawnError.syscall === "string" && spawnError.syscall.startsWith("spawn")) {
    return typeof spawnError.path === "string" ? spawnError.path : undefined;
  }
  return typeof spawnError.message === "string" ? /Command failed with ENOENT: (\S+)/.exec(spawnError.message)?.[1] : undefined;
}

/**
 * Wraps a command action: any error goes through `printError` and sets the process exit code, so
 * every command fails the same way. Actions signal a refusal by throwing `RefusedError`.
 */
export function guarded<A extends unknown[]>(
  command: string,
  action: (...args: A) => void | Promise<void>,
  /** Errors of other modules that are user-facing failures (printed as a refusal, without a stack trace). */
  isKnownFailure: (error: Error) => boolean = () => false,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      const known = error instanceof Error && !(error instanceof RefusedError) && isKnownFailure(error);
      const shown = known ? new RefusedError(error.message) : error;
      process.exitCode = printError(command, shown);
      if (process.exitCode !== EXIT.done) recordFailure(command, shown);
    }
  };
}
