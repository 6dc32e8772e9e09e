import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mrNoteMarker, renderMrNote } from "../../constructs/gitlab/mr-note";
import { summarizePreview } from "../../constructs/gitlab/change-summary";
import { PreviewFileError, parsePreviewDigest, valueAt } from "../../constructs/gitlab/preview-digest";

const fixture = (env: string) => parsePreviewDigest(readFileSync(join(__dirname, `../fixtures/gitlab/preview-souscription-${env}.json`), "utf8"), `${env}.json`);
const dev = fixture("dev");
const prod = fixture("prod");

describe("summarizePreview", () => {
  const summary = summarizePreview(prod);

  it("ranks every risky change of the prod preview: probe, replica cut, port, replacement, deletion", () => {
    expect(summary.risks.map((r) => [r.kind, r.resource])).toEqual([
      ["probe", "Deployment souscription-api"],
      ["replica-cut", "HorizontalPodAutoscaler souscription-api"],
      ["port", "Service souscription-web"],
      ["replacement", "PodDisruptionBudget souscription-worker"],
      ["deletion", "NetworkPolicy souscription-api-from-legacy"],
    ]);
  });

  it("says in plain words what a new image does to the pods, with the count from the HPA", () => {
    expect(summary.components.find((c) => c.component === "api")?.lines[0]).toBe(
      "new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept",
    );
    expect(summarizePreview(dev).components).toEqual([
      { component: "api", lines: ["new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept", "new ConfigMap souscription-api-features"] },
    ]);
  });

  it("warns when a rollout may drop capacity (maxUnavailable not 0)", () => {
    const unsafe = JSON.parse(JSON.stringify(dev));
    unsafe.steps[2].newState.inputs.spec.strategy.rollingUpdate.maxUnavailable = 1;
    expect(summarizePreview(unsafe).components[0].lines[0]).toContain("**zero downtime not guaranteed** (maxUnavailable is not 0)");
  });

  it("counts operations without the unchanged resources", () => {
    expect(summary.counts).toEqual({ update: 5, replace: 1, delete: 1 });
  });
});

describe("renderMrNote", () => {
  const note = renderMrNote("souscription", [{ env: "dev", preview: dev }, { env: "prod", preview: prod }]);

  it("starts with the marker used to edit the note in place", () => {
    expect(note.startsWith(`${mrNoteMarker("souscription")}\n`)).toBe(true);
    expect(mrNoteMarker("souscription")).toBe("<!-- beluga:mr-note app=souscription -->");
  });

  it("puts risky changes before the per-environment summary and the collapsed full diff last", () => {
    const risks = note.indexOf("Risky changes (5)");
    const devSection = note.indexOf("#### Dev — 1 to update, 1 to create");
    const prodSection = note.indexOf("#### Prod — 5 to update, 1 to replace, 1 to delete");
    const diff = note.indexOf("<details><summary>Full diff</summary>");
    expect([risks, devSection, prodSection, diff].every((i) => i > 0)).toBe(true);
    expect(risks < devSection && devSection < prodSection && prodSection < diff).toBe(true);
    expect(note).toContain("- **Prod** — HorizontalPodAutoscaler souscription-api lowers minReplicas from 3 to 2: less capacity under load.");
  });

  it("shows old → new values in the full diff, except for Secrets", () => {
    expect(note).toContain("    spec.minReplicas: 3 → 2");
    expect(note).toContain("    stringData: update (value hidden)");
    expect(note).toContain("Secret souscription-api-env changed (values hidden)");
  });

  it("says so when an environment has nothing to change", () => {
    const empty = renderMrNote("souscription", [{ env: "int", preview: { steps: [] } }]);
    expect(empty).toContain("#### No risky change");
    expect(empty).toContain("#### Int — no change\n\nNo change.");
  });
});

describe("parsePreviewDigest / valueAt", () => {
  it("skips a warning line printed before the JSON", () => {
    expect(parsePreviewDigest(`warning: A new version of Pulumi is available\n${JSON.stringify({ steps: [] })}`, "x.json")).toEqual({ steps: [] });
  });

  it("fails when the file is not JSON, naming the file and how to produce it", () => {
    expect(() => parsePreviewDigest("error: no stack named 'prod' found", ".beluga/preview/prod.json")).toThrow(PreviewFileError);
    expect(() => parsePreviewDigest('{"steps": 3}', "prod.json")).toThrow("prod.json: is not a pulumi preview --json document (expected an object with a steps array); produce it with pulumi preview --json --stack <env> > prod.json");
  });

  it("reads quoted keys and indexes of detailedDiff paths", () => {
    const o = { metadata: { labels: { "app.kubernetes.io/version": "1" } }, spec: { containers: [{ image: "a" }] } };
    expect(valueAt(o, 'metadata.labels["app.kubernetes.io/version"]')).toBe("1");
    expect(valueAt(o, "spec.containers[0].image")).toBe("a");
    expect(valueAt(o, "spec.containers[1].image")).toBeUndefined();
  });
});
