import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { postReleaseNotification } from "../../constructs/gitlab/release-notification";
import { releaseRecordFromCi } from "../../constructs/gitlab/release-record-from-ci";
import { summarizePreview } from "../../constructs/gitlab/change-summary";
import { declaredPodsOf } from "../../constructs/gitlab/declared-pods";
import { parsePreviewDigest } from "../../constructs/gitlab/preview-digest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { instance } from "../../platform/company-instance";
import { souscription } from "../../apps/souscription/app";

/** A local webhook receiver on 127.0.0.1: records what it receives, answers with a chosen status. */
function receiver(status: number) {
  const received: Array<{ path: string; contentType?: string; body: unknown }> = [];
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
      new Promise<string>((ok) =>
        server.listen(0, "127.0.0.1", () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/releases-token-xyz`)),
      ),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

const preview = parsePreviewDigest(readFileSync(join(__dirname, "../fixtures/gitlab/preview-souscription-prod.json"), "utf8"), "prod.json");
const record = releaseRecordFromCi({
  app: souscription,
  env: "prod",
  environment: environments.get("prod"),
  catalog,
  changeManagement: instance.changeManagement,
  summary: summarizePreview(preview, declaredPodsOf(souscription, environments.get("prod"), catalog)),
  now: new Date("2025-04-14T09:30:00Z"),
  variables: {
    GITLAB_USER_LOGIN: "m.durand",
    CI_PIPELINE_URL: "https://gitlab.beluga.internal/beluga/apps/-/pipelines/9123",
    CI_COMMIT_SHA: "3f2a9c0d1e4b5a6978",
    BELUGA_CHANGE_ID: "CHG-004201",
    BELUGA_DIGEST_API: "sha256:1f0c3a9e5b7d2c4e6a8b0d1f3e5c7a9b1d3f5e7c9a0b2d4f6e8a0c1e3b5d7f90",
  },
});

describe("postReleaseNotification (local HTTP receiver on 127.0.0.1)", () => {
  it("posts the summary as JSON text plus the record", async () => {
    const hook = receiver(200);
    const url = await hook.start();
    try {
      await postReleaseNotification(url, record, environments);
    } finally {
      await hook.stop();
    }
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].path).toBe("/hooks/releases-token-xyz");
    expect(hook.received[0].contentType).toBe("application/json");
    const body = hook.received[0].body as { text: string; record: { app: string; env: string; changeId: string } };
    expect(body.text.split("\n")[0]).toBe(
      "souscription deployed to Prod by m.durand (change CHG-004201): web 4.12.0, api 4.12.0, worker 4.12.0. https://gitlab.beluga.internal/beluga/apps/-/pipelines/9123",
    );
    expect(body.text).toContain(
      "• api: new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept",
    );
    expect(body.record).toMatchObject({ app: "souscription", env: "prod", changeId: "CHG-004201" });
  });

  it("fails when the receiver refuses, with the status and without the (secret) URL", async () => {
    const hook = receiver(403);
    const url = await hook.start();
    try {
      const error = await postReleaseNotification(url, record, environments).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toBe("release notification refused: HTTP 403 from the webhook (BELUGA_RELEASE_WEBHOOK_URL)");
      expect(error?.message).not.toContain("releases-token-xyz");
    } finally {
      await hook.stop();
    }
  });
});
