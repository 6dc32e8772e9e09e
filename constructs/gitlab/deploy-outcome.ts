import type { EnvName, EnvironmentSpec } from "../model";

/**
 * How a deploy job ended, as a person reading the team's channel needs to know it: succeeded, failed,
 * refused (by a deploy gate or by a mandatory policy) before anything changed, rolled back, or canceled.
 */
export type DeployOutcomeKind = "succeeded" | "failed" | "refused-by-gate" | "refused-by-policy" | "rolled-back" | "canceled";

/**
 * What a Beluga command that failed in the job left behind (`BELUGA_OUTCOME_FILE`, written by the CLI's
 * error printer): which command, its message and the lines under it.
 */
export interface CommandFailure {
  /** `gate check`, `deploy`, `preview`, … */
  readonly command: string;
  readonly message: string;
  readonly details: readonly string[];
  /** What to do next, as the CLI printed it. @default - none */
  readonly next?: string;
  /** Set by a command that knows the outcome (e.g. a deploy that rolled back). @default - classified from the command */
  readonly outcome?: DeployOutcomeKind;
}

/** One deploy's outcome, ready for a notification. */
export interface DeployOutcome {
  readonly kind: DeployOutcomeKind;
  readonly app: string;
  readonly team: string;
  readonly env: EnvName;
  /** Display name of the environment (RE7, Prod). */
  readonly envDisplay: string;
  /** One sentence: what happened. */
  readonly headline: string;
  /** Why, in plain words: the gate's or the policy's reasons, the failure's first lines. */
  readonly reasons: readonly string[];
  /** What the team does next. */
  readonly next: string;
  /** GitLab user who ran the job. */
  readonly by: string;
  readonly pipelineUrl?: string;
  readonly jobUrl?: string;
  readonly commit?: string;
  /** ISO time the outcome was recorded. */
  readonly at: string;
}

/** Inputs of `deployOutcome`. */
export interface DeployOutcomeInputs {
  readonly app: { readonly name: string; readonly team: string };
  readonly environment: Pick<EnvironmentSpec, "name" | "displayName">;
  /** GitLab's `CI_JOB_STATUS` in `after_script`: `success`, `failed` or `canceled`. */
  readonly jobStatus: string;
  /** @default - no Beluga command recorded a failure (the job failed elsewhere, e.g. installing dependencies) */
  readonly failure?: CommandFailure;
  /** CI variables (`GITLAB_USER_LOGIN`, `CI_PIPELINE_URL`, `CI_JOB_URL`, `CI_COMMIT_SHA`). */
  readonly variables: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

/** Engine lines that mean a mandatory policy of the policy pack refused the deploy. */
const POLICY_LINE = /\bmandatory\b|policy violation|violates? (the )?polic/i;
/** At most this many reasons in a notification: a channel message, not a log. */
const MAX_REASONS = 10;

/**
 * The outcome of a deploy job from what GitLab and the failed Beluga command say: a failed `gate check`
 * is a refusal by a gate, a `deploy` whose engine output names a mandatory policy is a refusal by
 * policy, a failure that says the release was rolled back is a rollback; anything else is a failure.
 */
export function deployOutcome(inputs: DeployOutcomeInputs): DeployOutcome {
  const { app, environment, failure, variables } = inputs;
  const kind = classify(inputs.jobStatus, failure);
  const where = `${app.name} → ${environment.displayName}`;
  const reasons = (failure ? (failure.details.length > 0 ? failure.details : [failure.message]) : []).slice(0, MAX_REASONS);
  const text: Record<DeployOutcomeKind, { headline: string; reasons: readonly string[]; next: string }> = {
    succeeded: { headline: `${where}: deployed.`, reasons: [], next: "Nothing to do." },
    "refused-by-gate": {
      headline: `${where}: deploy refused by its deploy gates; nothing was changed.`,
      reasons,
      next: failure?.next ?? "Fix what the gate names (or deploy inside the release window), then run the job again.",
    },
    "refused-by-policy": {
      headline: `${where}: deploy refused by a mandatory platform policy; nothing was changed.`,
      reasons: failure ? policyReasons(failure) : [],
      next: "Fix the declaration as the policy says, merge, and deploy again.",
    },
    "rolled-back": {
      headline: `${where}: the release failed and was rolled back to the previous version.`,
      reasons,
      next: failure?.next ?? "The previous version runs; read the job log, fix, and deploy again.",
    },
    failed: {
      headline: `${where}: deploy failed.`,
      reasons: reasons.length > 0 ? reasons : ["The job failed before or outside a Beluga command (see the job log)."],
      next: failure?.next ?? "Read the job log; the environment may run a mix of old and new pods until the next deploy.",
    },
    canceled: { headline: `${where}: deploy canceled.`, reasons: [], next: "Run the job again when ready." },
  };
  return {
    kind,
    app: app.name,
    team: app.team,
    env: environment.name,
    envDisplay: environment.displayName,
    ...text[kind],
    by: variables.GITLAB_USER_LOGIN || "unknown",
    pipelineUrl: variables.CI_PIPELINE_URL || undefined,
    jobUrl: variables.CI_JOB_URL || undefined,
    commit: variables.CI_COMMIT_SHA || undefined,
    at: inputs.now.toISOString(),
  };
}

function classify(jobStatus: string, failure: CommandFailure | undefined): DeployOutcomeKind {
  if (jobStatus === "success") return "succeeded";
  if (jobStatus === "canceled" || jobStatus === "canceling") return "canceled";
  if (failure?.outcome) return failure.outcome;
  if (!failure) return "failed";
  if (failure.command === "gate check") return "refused-by-gate";
  if (/\brolled back\b|\brollback\b/i.test(failure.message)) return "rolled-back";
  if (failure.command === "deploy" && failure.details.some((l) => POLICY_LINE.test(l))) return "refused-by-policy";
  return "failed";
}

/** The policy lines of an engine failure, without the engine's `error:` prefixes. */
function policyReasons(failure: CommandFailure): string[] {
  const lines = failure.details.filter((l) => POLICY_LINE.test(l)).map((l) => l.replace(/^error:\s*/i, ""));
  return (lines.length > 0 ? lines : [failure.message]).slice(0, MAX_REASONS);
}

/** The outcome as one plain-text paragraph (generic webhooks, logs). */
export function outcomeText(outcome: DeployOutcome): string {
  const lines = [outcome.headline, ...outcome.reasons.map((r) => `• ${r}`), `Next: ${outcome.next}`];
  const links = [outcome.jobUrl && `job ${outcome.jobUrl}`, outcome.pipelineUrl && `pipeline ${outcome.pipelineUrl}`].filter(Boolean);
  lines.push(
    `By ${outcome.by}${outcome.commit ? `, commit ${outcome.commit.slice(0, 12)}` : ""}${links.length ? `; ${links.join(", ")}` : ""}.`,
  );
  return lines.join("\n");
}
