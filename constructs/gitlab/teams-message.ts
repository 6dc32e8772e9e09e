import type { DeployOutcome, DeployOutcomeKind } from "./deploy-outcome";

/** Content type of an Adaptive Card attachment in a Teams message. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
/** Card schema version: the highest both Teams incoming webhooks and Workflows ("post to a channel") render. */
export const ADAPTIVE_CARD_VERSION = "1.4";

/** Container style and text colour per outcome: green for a success, red for a failure or refusal. */
const LOOK: Record<
  DeployOutcomeKind,
  { style: "good" | "attention" | "warning" | "emphasis"; color: "Good" | "Attention" | "Warning" | "Default"; label: string }
> = {
  succeeded: { style: "good", color: "Good", label: "Deployed" },
  failed: { style: "attention", color: "Attention", label: "Deploy failed" },
  "refused-by-gate": { style: "attention", color: "Attention", label: "Refused by a deploy gate" },
  "refused-by-policy": { style: "attention", color: "Attention", label: "Refused by a platform policy" },
  "rolled-back": { style: "warning", color: "Warning", label: "Rolled back" },
  canceled: { style: "emphasis", color: "Default", label: "Canceled" },
};

/**
 * A deploy outcome as a Microsoft Teams message: `{ type: "message", attachments: [Adaptive Card] }`,
 * the payload both a channel's incoming webhook and a Workflows "post to a channel when a webhook
 * request is received" flow accept. The card shows the outcome in colour, the reasons as a list, what
 * to do next, the facts (app, environment, who, commit) and buttons to the job and the pipeline.
 * @see https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook
 */
export function teamsMessage(outcome: DeployOutcome): Record<string, unknown> {
  const look = LOOK[outcome.kind];
  const actions = [
    ...(outcome.jobUrl ? [{ type: "Action.OpenUrl", title: "Open the job", url: outcome.jobUrl }] : []),
    ...(outcome.pipelineUrl ? [{ type: "Action.OpenUrl", title: "Open the pipeline", url: outcome.pipelineUrl }] : []),
  ];
  const body: unknown[] = [
    {
      type: "Container",
      style: look.style,
      bleed: true,
      items: [
        {
          type: "TextBlock",
          text: `${look.label}: ${outcome.app} → ${outcome.envDisplay}`,
          weight: "Bolder",
          size: "Medium",
          color: look.color,
          wrap: true,
        },
        { type: "TextBlock", text: outcome.headline, wrap: true },
      ],
    },
  ];
  if (outcome.reasons.length > 0) {
    body.push({ type: "TextBlock", text: "Why", weight: "Bolder", spacing: "Medium" });
    // One TextBlock per reason: Adaptive Card markdown lists need "- " lines separated by \r, which renderers differ on.
    for (const reason of outcome.reasons) body.push({ type: "TextBlock", text: `• ${reason}`, wrap: true, spacing: "Small" });
  }
  body.push({ type: "TextBlock", text: `Next: ${outcome.next}`, wrap: true, spacing: "Medium" });
  body.push({
    type: "FactSet",
    facts: [
      { title: "App", value: outcome.app },
      { title: "Team", value: outcome.team },
      { title: "Environment", value: outcome.envDisplay },
      { title: "By", value: outcome.by },
      ...(outcome.commit ? [{ title: "Commit", value: outcome.commit.slice(0, 12) }] : []),
      { title: "At", value: outcome.at },
    ],
  });
  return {
    type: "message",
    attachments: [
      {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: ADAPTIVE_CARD_VERSION,
          msteams: { width: "Full" },
          body,
          ...(actions.length > 0 ? { actions } : {}),
        },
      },
    ],
  };
}
