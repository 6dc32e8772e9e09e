import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CommandFailure, deployOutcome, outcomeText } from "../../constructs/gitlab/deploy-outcome";
import { postDeployOutcome } from "../../constructs/gitlab/deploy-notification";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "../../constructs/gitlab/teams-message";
import { environments } from "../../environments";

/** A webhook receiver on 127.0.0.1: records what it receives, answers with a chosen status. */
function receiver(status: number) {
  const received: Array<{ path: string; contentType?: string; body: any }> = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(data) });
      res.writeHead(status).end();
    });
  });
  return {
    received,
    start: () =>
      new Promise<string>((ok) => server.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const prod = environments.get("prod");
const variables = {
  GITLAB_USER_LOGIN: "m.durand",
  CI_PIPELINE_URL: "https://gitlab.beluga.internal/beluga/apps/-/pipelines/9123",
  CI_JOB_URL: "https://gitlab.beluga.internal/beluga/apps/-/jobs/77001",
  CI_COMMIT_SHA: "3f2a9c0d1e4b5a6978",
};
const outcomeOf = (jobStatus: string, failure?: CommandFailure) =>
  deployOutcome({
    app: { name: "sinistre", team: "claims" },
    environment: prod,
    jobStatus,
    failure,
    variables,
    now: new Date("2026-04-14T09:30:00Z"),
  });

const gateRefusal: CommandFailure = {
  command: "gate check",
  message: "sinistre → prod refused by its gates",
  details: [
    "sinistre: Prod accepts releases Tuesday and Thursday 09:00–12:00 Europe/Paris; it is Monday 14:00",
    "sinistre: component api digest sha256:52d0… never ran in RE7; deploy it to RE7 first",
  ],
};
const policyRefusal: CommandFailure = {
  command: "deploy",
  message: "sinistre-prod: pulumi up failed",
  details: [
    "error: [mandatory]  beluga-platform v1  hpa-minimum (kubernetes:autoscaling/v2:HorizontalPodAutoscaler: sinistre-api)",
    "error: preview failed",
  ],
  next: "full log: .beluga/logs/sinistre-prod-up.log",
};

describe("deployOutcome", () => {
  it("calls a failed gate check a refusal by the gates, with the gate's reasons in plain words", () => {
    const o = outcomeOf("failed", gateRefusal);
    expect(o.kind).toBe("refused-by-gate");
    expect(o.headline).toBe("sinistre → Prod: deploy refused by its deploy gates; nothing was changed.");
    expect(o.reasons).toEqual(gateRefusal.details);
  });

  it("calls a deploy whose engine names a mandatory policy a refusal by policy, keeping only the policy lines", () => {
    const o = outcomeOf("failed", policyRefusal);
    expect(o.kind).toBe("refused-by-policy");
    expect(o.reasons).toEqual([
      "[mandatory]  beluga-platform v1  hpa-minimum (kubernetes:autoscaling/v2:HorizontalPodAutoscaler: sinistre-api)",
    ]);
  });

  it("tells a rollback, a plain failure, a failure outside Beluga, a cancel and a success apart", () => {
    expect(outcomeOf("failed", { command: "deploy", message: "sinistre-prod: release failed and was rolled back", details: [] }).kind).toBe(
      "rolled-back",
    );
    expect(outcomeOf("failed", { command: "deploy", message: "sinistre-prod: pulumi up failed", details: ["error: timed out"] }).kind).toBe(
      "failed",
    );
    const outside = outcomeOf("failed");
    expect([outside.kind, outside.reasons]).toEqual(["failed", ["The job failed before or outside a Beluga command (see the job log)."]]);
    expect(outcomeOf("canceled", gateRefusal).kind).toBe("canceled");
    expect(outcomeOf("success").kind).toBe("succeeded");
  });

  it("writes the text a person reads: what, why, next, who and where", () => {
    expect(outcomeText(outcomeOf("failed", gateRefusal)).split("\n")).toEqual([
      "sinistre → Prod: deploy refused by its deploy gates; nothing was changed.",
      `• ${gateRefusal.details[0]}`,
      `• ${gateRefusal.details[1]}`,
      "Next: Fix what the gate names (or deploy inside the release window), then run the job again.",
      `By m.durand, commit 3f2a9c0d1e4b; job ${variables.CI_JOB_URL}, pipeline ${variables.CI_PIPELINE_URL}.`,
    ]);
  });
});

describe("postDeployOutcome (local HTTP receivers on 127.0.0.1)", () => {
  it("posts a Teams message with an Adaptive Card and the generic JSON, each to its webhook", async () => {
    const teams = receiver(200);
    const json = receiver(202);
    const [teamsUrl, jsonUrl] = [await teams.start(), await json.start()];
    try {
      await postDeployOutcome(outcomeOf("failed", gateRefusal), [
        { format: "teams", url: `${teamsUrl}/webhookb2/abc`, source: "BELUGA_TEAMS_WEBHOOK_URL" },
        { format: "json", url: `${jsonUrl}/hooks/xyz`, source: "BELUGA_RELEASE_WEBHOOK_URL" },
      ]);
    } finally {
      await Promise.all([teams.stop(), json.stop()]);
    }
    expect(teams.received).toHaveLength(1);
    const message = teams.received[0];
    expect([message.path, message.contentType]).toEqual(["/webhookb2/abc", "application/json"]);
    expect(message.body.type).toBe("message");
    expect(message.body.attachments).toHaveLength(1);
    const attachment = message.body.attachments[0];
    expect(attachment.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    const card = attachment.content;
    expect([card.type, card.version]).toEqual(["AdaptiveCard", "1.4"]);
    const texts = JSON.stringify(card.body);
    expect(card.body[0]).toMatchObject({ type: "Container", style: "attention" });
    expect(card.body[0].items[0].text).toBe("Refused by a deploy gate: sinistre → Prod");
    for (const reason of gateRefusal.details) expect(texts).toContain(`• ${reason}`);
    expect(card.body.find((b: any) => b.type === "FactSet").facts).toContainEqual({ title: "Environment", value: "Prod" });
    expect(card.actions).toEqual([
      { type: "Action.OpenUrl", title: "Open the job", url: variables.CI_JOB_URL },
      { type: "Action.OpenUrl", title: "Open the pipeline", url: variables.CI_PIPELINE_URL },
    ]);

    expect(json.received).toHaveLength(1);
    expect(json.received[0].body.outcome).toMatchObject({
      kind: "refused-by-gate",
      app: "sinistre",
      team: "claims",
      env: "prod",
      reasons: gateRefusal.details,
    });
    expect(json.received[0].body.text).toContain("deploy refused by its deploy gates");
  });

  it("shows a success in green, as clearly as a failure", async () => {
    const teams = receiver(200);
    const url = await teams.start();
    try {
      await postDeployOutcome(outcomeOf("success"), [{ format: "teams", url, source: "BELUGA_TEAMS_WEBHOOK_URL" }]);
    } finally {
      await teams.stop();
    }
    const card = teams.received[0].body.attachments[0].content;
    expect(card.body[0]).toMatchObject({ style: "good", items: [{ text: "Deployed: sinistre → Prod", color: "Good" }, {}] });
  });

  it("fails when a receiver refuses, naming the status and the variable but never the URL, after trying every target", async () => {
    const refusing = receiver(403);
    const accepting = receiver(200);
    const [bad, good] = [await refusing.start(), await accepting.start()];
    let message = "";
    try {
      await postDeployOutcome(outcomeOf("failed", policyRefusal), [
        { format: "teams", url: `${bad}/secret-token`, source: "BELUGA_TEAMS_WEBHOOK_URL" },
        { format: "json", url: good, source: "BELUGA_RELEASE_WEBHOOK_URL" },
      ]);
    } catch (error) {
      message = (error as Error).message;
    } finally {
      await Promise.all([refusing.stop(), accepting.stop()]);
    }
    expect(message).toBe("deploy notification refused: HTTP 403 from the teams webhook (BELUGA_TEAMS_WEBHOOK_URL)");
    expect(accepting.received).toHaveLength(1);
  });
});
