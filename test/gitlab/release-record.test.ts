import { readFileSync } from "node:fs";
import { join } from "node:path";
import { summarizePreview } from "../../constructs/gitlab/change-summary";
import { declaredPodsOf } from "../../constructs/gitlab/declared-pods";
import { parsePreviewDigest } from "../../constructs/gitlab/preview-digest";
import { releaseNotes } from "../../constructs/gitlab/release-notes";
import { type ReleaseRecord, recordBaseName, renderReleaseRecord } from "../../constructs/gitlab/release-record";
import { releaseRecordFromCi } from "../../constructs/gitlab/release-record-from-ci";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { instance } from "../../platform/company-instance";
import { souscription } from "../../apps/souscription/app";

const NEW_API = "sha256:1f0c3a9e5b7d2c4e6a8b0d1f3e5c7a9b1d3f5e7c9a0b2d4f6e8a0c1e3b5d7f90";
const preview = parsePreviewDigest(readFileSync(join(__dirname, "../fixtures/gitlab/preview-souscription-prod.json"), "utf8"), "prod.json");
const ci = {
  GITLAB_USER_LOGIN: "m.durand",
  CI_PIPELINE_URL: "https://gitlab.beluga.internal/beluga/apps/-/pipelines/9123",
  CI_COMMIT_SHA: "3f2a9c0d1e4b5a6978c0",
  BELUGA_DIGEST_API: NEW_API,
};
const recordAt = (env: "re7" | "prod", iso: string, extra: Record<string, string> = {}): ReleaseRecord =>
  releaseRecordFromCi({
    app: souscription,
    env,
    environment: environments.get(env),
    catalog,
    changeManagement: instance.changeManagement,
    variables: { ...ci, ...extra },
    summary: summarizePreview(preview, declaredPodsOf(souscription, environments.get("prod"), catalog)),
    now: new Date(iso),
  });

describe("releaseRecordFromCi", () => {
  const record = recordAt("prod", "2025-04-14T09:30:00.000Z", { BELUGA_CHANGE_ID: "CHG-004201" });

  it("records who, when, pipeline, commit and change id from the job's variables", () => {
    expect(record).toMatchObject({
      app: "souscription",
      env: "prod",
      deployedAt: "2025-04-14T09:30:00.000Z",
      deployedBy: "m.durand",
      pipeline: ci.CI_PIPELINE_URL,
      commit: ci.CI_COMMIT_SHA,
      changeId: "CHG-004201",
    });
  });

  it("takes each workload's digest from the pipeline's dotenv, else the declared one, with its socle lineage", () => {
    const api = record.components.find((c) => c.name === "api")!;
    expect(api.digest).toBe(NEW_API);
    expect(api.lineage.socle).toMatchObject({ name: "java21-spring", version: "3.2.0" });
    expect(api.lineage.base.name).toBe("ubi9-openjdk-21-runtime");
    expect(record.components.find((c) => c.name === "web")!.digest).toBe(
      "sha256:dc244448b2d025faf02c779150ea5c5442526a3706e2fcbcdb526c00c172c377",
    );
  });

  it("carries the plain-words summary and the risks of the preview taken before the deploy", () => {
    expect(record.summary[0]).toBe(
      "api: new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept; autoscaling 3–6 → 2–6 pods; PodDisruptionBudget souscription-api: `spec.minAvailable` changed",
    );
    // The NetworkPolicy change reads as the traffic it stops, not as the field it edits.
    expect(record.summary.at(-1)).toBe("network: closed souscription api → sinistre/api :any port");
    expect(record.risks).toHaveLength(9);
    expect(record.risks[0]).toBe("HorizontalPodAutoscaler souscription-api lowers minReplicas from 3 to 2: less capacity under load.");
  });

  it("is filed by month, app, environment and time", () => {
    expect(recordBaseName(record)).toBe("2025-04/souscription-prod-2025-04-14T09-30-00-000Z");
  });

  it("renders markdown with the digest table and the change", () => {
    const md = renderReleaseRecord(record, environments);
    expect(md).toContain("## souscription → Prod, 2025-04-14T09:30:00.000Z");
    expect(md).toContain(`| api | 4.12.0 | \`${NEW_API}\` | java21-spring 3.2.0 | ubi9-openjdk-21-runtime |`);
    expect(md).toContain("change **CHG-004201**");
  });
});

describe("releaseNotes", () => {
  it("groups one app's records by month, newest first, prod releases apart from re7 candidates", () => {
    const notes = releaseNotes(
      "souscription",
      [
        recordAt("re7", "2025-04-10T08:00:00.000Z"),
        recordAt("prod", "2025-04-14T09:30:00.000Z"),
        recordAt("prod", "2025-03-03T10:00:00.000Z"),
        { ...recordAt("prod", "2025-04-15T10:00:00.000Z"), app: "sinistre" },
      ],
      environments,
    );
    expect([...notes.keys()]).toEqual(["2025-04", "2025-03"]);
    const april = notes.get("2025-04")!;
    expect(april).toContain("# souscription — release notes 2025-04");
    expect(april).toContain("1 production release(s), 1 RE7 deploy(s).");
    expect(april.indexOf("## Production")).toBeLessThan(april.indexOf("### 2025-04-14"));
    expect(april.indexOf("## RE7 candidates")).toBeLessThan(april.indexOf("### 2025-04-10"));
    // sinistre's record stays out (souscription's own network line names sinistre/api, the app it stopped calling).
    expect(april).not.toContain("2025-04-15");
  });
});
