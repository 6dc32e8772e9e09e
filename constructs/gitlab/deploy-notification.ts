import { type DeployOutcome, outcomeText } from "./deploy-outcome";
import { teamsMessage } from "./teams-message";

/** Payload formats a deploy outcome is posted in. */
export type NotificationFormat = "teams" | "json";

/** Where to post: one webhook per format (a channel's Teams webhook, a generic JSON receiver). */
export interface NotificationTarget {
  readonly format: NotificationFormat;
  readonly url: string;
  /** Name of the variable the URL came from, for the error message (the URL itself is never shown). */
  readonly source: string;
}

/** The generic JSON payload: `{ text, outcome }` (Mattermost/Slack-style hooks render `text`). */
export function outcomeJson(outcome: DeployOutcome): Record<string, unknown> {
  return { text: outcomeText(outcome), outcome };
}

/**
 * Posts a deploy outcome to each target, in its format; every target is tried, and the refusals are
 * reported together (HTTP status and variable name, never the URL, which carries the hook's secret).
 */
export async function postDeployOutcome(outcome: DeployOutcome, targets: readonly NotificationTarget[], timeoutMs = 10_000): Promise<void> {
  const refusals: string[] = [];
  for (const target of targets) {
    const payload = target.format === "teams" ? teamsMessage(outcome) : outcomeJson(outcome);
    try {
      const response = await fetch(target.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) refusals.push(`HTTP ${response.status} from the ${target.format} webhook (${target.source})`);
    } catch (error) {
      refusals.push(`the ${target.format} webhook (${target.source}) did not answer: ${(error as Error).name}`);
    }
  }
  if (refusals.length > 0) throw new Error(`deploy notification refused: ${refusals.join("; ")}`);
}
