import type { EnvironmentSet } from "../instance";
import { type ReleaseRecord, notificationText } from "./release-record";

/**
 * Posts a release record's summary to a webhook (a chat channel's incoming webhook): JSON
 * `{ text, record }`, which Mattermost/Slack-style hooks render from `text`. The URL comes from the
 * environment (`BELUGA_RELEASE_WEBHOOK_URL`, a masked CI/CD variable) and is never logged.
 * Throws with the HTTP status (not the URL) when the receiver refuses. `environments` gives the
 * environment's display name in the text.
 */
export async function postReleaseNotification(
  webhookUrl: string,
  record: ReleaseRecord,
  environments: Pick<EnvironmentSet, "display">,
  timeoutMs = 10_000,
): Promise<void> {
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: notificationText(record, environments), record }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`release notification refused: HTTP ${response.status} from the webhook (BELUGA_RELEASE_WEBHOOK_URL)`);
}
