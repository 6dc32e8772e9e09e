import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { OUTCOME_FILE_VARIABLE } from "../../constructs/gitlab/deploy-jobs";
import type { CommandFailure } from "../../constructs/gitlab/deploy-outcome";

/**
 * Records a failed command in `$BELUGA_OUTCOME_FILE` (when set), so the deploy job's `after_script`
 * can tell the team why the deploy did not happen: the gate's or the policy's reasons, the failure's
 * lines. The last failing command wins. Never throws: a notification aid must not hide the failure.
 */
export function recordFailure(command: string, error: unknown, env: NodeJS.ProcessEnv = process.env): void {
  const file = env[OUTCOME_FILE_VARIABLE];
  if (!file) return;
  const failure: CommandFailure = { command, ...describe(error) };
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(failure, null, 2)}\n`);
  } catch {
    // The failure itself is already printed; losing its record only makes the notification vaguer.
  }
}

/**
 * Message, detail lines and next step of an error as the printer shows them: a RefusedError's
 * `details` and `next`, a DeclarationError's or InstanceError's `messages`, else the first line.
 */
function describe(error: unknown): Omit<CommandFailure, "command"> {
  if (!(error instanceof Error)) return { message: String(error), details: [] };
  const { details, next, messages } = error as Error & { details?: unknown; next?: unknown; messages?: unknown };
  const lines = Array.isArray(details) ? details : Array.isArray(messages) ? messages : [];
  return {
    message: error.message.split("\n")[0],
    details: lines.map(String),
    ...(typeof next === "string" ? { next } : {}),
  };
}
