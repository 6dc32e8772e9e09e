import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mrNoteMarker, renderMrNote } from "../../constructs/gitlab/mr-note";
import { summarizePreview } from "../../constructs/gitlab/change-summary";
import { PreviewFileError, parsePreviewDigest, valueAt } from "../../constructs/gitlab/preview-digest";

import { souscription } from "../../apps/souscription/app";
import { declaredPodsOf } from "../../constructs/gitlab/declared-pods";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { beluga } from "../../platform/instance";
import type { AppDeclaration } from "../../constructs/model";
import { egressNames } from "../../constructs/policy/network-flows";

// Real `pulumi preview --json` output captured on the embedded cluster by capture-previews.ts.
const fixture = (env: string) =>
  parsePreviewDigest(readFileSync(join(__dirname, `../fixtures/gitlab/preview-souscription-${env}.json`), "utf8"), `${env}.json`);
const dev = fixture("dev");
const prod = fixture("prod");
const devPods = declaredPodsOf(souscription, environments.get("dev"), catalog);
const prodPods = declaredPodsOf(souscription, environments.get("prod"), catalog);

describe("summarizePreview", () => {
  const summary = summarizePreview(prod, prodPods);

  it("ranks every risky change of the prod preview: HPA cut, PDB, replacement, port, probe", () => {
    expect(summary.risks.map((r) => [r.kind, r.resource])).toEqual([
      ["replica-cut", "HorizontalPodAutoscaler souscription-api"],
      ["pdb", "PodDisruptionBudget souscription-api"],
      ["replacement", "ConfigMap souscription-worker"],
      ["pdb", "PodDisruptionBudget souscription-worker"],
      ["port", "Route souscription-web"],
      ["port", "Service souscription-web"],
      ["probe", "Deployment souscription-api"],
      ["probe", "Deployment souscription-web"],
      ["port", "Deployment souscription-web"],
    ]);
  });

  it("says in plain words what a new image does to the pods, with the count the app declares", () => {
    expect(summary.components.find((c) => c.component === "api")?.lines[0]).toBe(
      "new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept",
    );
    expect(summarizePreview(dev, devPods).components).toEqual([
      {
        component: "api",
        lines: [
          "new image 4.12.0 (sha256:8ba25766) → 4.13.0 (sha256:1f0c3a9e) → rolling restart of 2 pods, zero downtime kept",
          "new ConfigMap souscription-api",
        ],
      },
    ]);
  });

  it("takes the pod count from the HPA when the preview changes it", () => {
    // The worker's HPA goes from 2 to 3 pods in this preview: the restart is counted at the new size.
    expect(summarizePreview(prod).components.find((c) => c.component === "worker")?.lines[0]).toMatch(
      /→ rolling restart of 3 pods, zero downtime kept$/,
    );
  });

  it('says "the pods" when neither the preview nor the declaration gives a count', () => {
    expect(summarizePreview(dev).components[0].lines[0]).toMatch(/→ rolling restart of the pods, zero downtime kept$/);
  });

  it("warns when a rollout may drop capacity (maxUnavailable not 0)", () => {
    const unsafe = JSON.parse(JSON.stringify(dev));
    const deployment = unsafe.steps.find((s: any) => s.newState?.type === "kubernetes:apps/v1:Deployment");
    deployment.newState.inputs.spec.strategy.rollingUpdate.maxUnavailable = 1;
    expect(summarizePreview(unsafe, devPods).components[0].lines[0]).toContain(
      "**zero downtime not guaranteed** (maxUnavailable is not 0)",
    );
  });

  it("describes a first deploy by its objects, not by the stack and components that group them", () => {
    const first = JSON.parse(JSON.stringify(dev));
    for (const step of first.steps) step.op = "create";
    const lines = summarizePreview(first, devPods).components.flatMap((c) => c.lines);
    expect(lines).toContain("new ConfigMap souscription-api");
    expect(lines.filter((l) => /Stack|Component/.test(l))).toEqual([]);
  });

  it("reads the NetworkPolicy change of the prod preview as the call it closes, not as a field", () => {
    // The captured api policy loses its egress rule to sinistre's api (a render from before calls named ports).
    expect(summary.network).toEqual({ opened: [], closed: ["souscription api → sinistre/api :any port"] });
    expect(summary.components.flatMap((c) => c.lines).filter((l) => l.includes("NetworkPolicy"))).toEqual([]);
    expect(summarizePreview(dev, devPods).network).toEqual({ opened: [], closed: [] });
  });

  it("reads policies rendered before and after a dependsOn change as opened and closed calls, services by name", () => {
    // Given souscription rendered in Dev, then with its api calling gestion-contrats instead of sinistre
    const before = beluga.render(souscription, "dev");
    const changed = structuredClone(souscription) as AppDeclaration;
    changed.components.api.dependsOn = ["gestion-contrats/app:http"];
    changed.components.api.egress = [{ service: "souscription-db" }];
    const after = beluga.render(changed, "dev");
    const policy = (objects: readonly { kind: string; metadata?: { name?: string } }[]) =>
      objects.find((o) => o.kind === "NetworkPolicy" && o.metadata?.name === "souscription-api") as Record<string, unknown>;
    const type = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
    // When the preview updates that policy
    const preview = {
      steps: [
        {
          op: "update",
          urn: `urn:pulumi:dev::souscription::beluga:app:App$beluga:app:Component$${type}::souscription-dev/souscription-api`,
          oldState: { type, inputs: policy(before.objects) },
          newState: { type, inputs: policy(after.objects) },
          detailedDiff: { "spec.egress": { kind: "update", inputDiff: true } },
        },
      ],
    };
    // Then the note says which calls open and close, in the environment's section
    const note = renderMrNote("souscription", [{ env: "dev", preview, networkNames: egressNames(before.app) }], environments);
    expect(note).toContain(
      [
        "#### Dev — 1 to update",
        "",
        "**Network**",
        "",
        "- opened: `souscription api → gestion-contrats/app :http`",
        "- closed: `souscription api → pricing 10.60.4.0/24 :80`",
        "- closed: `souscription api → sinistre/api :http`",
        "",
      ].join("\n"),
    );
  });

  it("counts operations without the unchanged resources", () => {
    expect(summary.counts).toEqual({ update: 10, replace: 1 });
    expect(summarizePreview(dev).counts).toEqual({ create: 1, update: 1 });
  });
});

describe("renderMrNote", () => {
  const note = renderMrNote(
    "souscription",
    [
      { env: "dev", preview: dev, declaredPods: devPods },
      { env: "prod", preview: prod, declaredPods: prodPods },
    ],
    environments,
  );

  it("starts with the marker used to edit the note in place", () => {
    expect(note.startsWith(`${mrNoteMarker("souscription")}\n`)).toBe(true);
    expect(mrNoteMarker("souscription")).toBe("<!-- beluga:mr-note app=souscription -->");
  });

  it("puts risky changes before the per-environment summary and the collapsed full diff last", () => {
    const risks = note.indexOf("Risky changes (9)");
    const devSection = note.indexOf("#### Dev — 1 to create, 1 to update");
    const prodSection = note.indexOf("#### Prod — 10 to update, 1 to replace");
    const diff = note.indexOf("<details><summary>Full diff</summary>");
    expect([risks, devSection, prodSection, diff].every((i) => i > 0)).toBe(true);
    expect(risks < devSection && devSection < prodSection && prodSection < diff).toBe(true);
    expect(note).toContain(
      "- **Prod** — HorizontalPodAutoscaler souscription-api lowers minReplicas from 3 to 2: less capacity under load.",
    );
  });

  it("shows the traffic a preview opens or closes in a Network section of its environment", () => {
    const prodSection = note.slice(note.indexOf("#### Prod"), note.indexOf("<details>"));
    expect(prodSection).toContain("**Network**\n\n- closed: `souscription api → sinistre/api :any port`\n");
    expect(note.slice(note.indexOf("#### Dev"), note.indexOf("#### Prod"))).not.toContain("**Network**");
  });

  it("shows old → new values in the full diff", () => {
    expect(note).toContain("    spec.minReplicas: 3 → 2");
    expect(note).toContain("    spec.ports[0].port: 8080 → 8081");
  });

  it("hides Secret values in the full diff and the summary", () => {
    // No Secret changes in the capture: give a captured step a Secret's type and a secret value.
    const withSecret = JSON.parse(JSON.stringify(dev));
    const step = withSecret.steps.find((s: any) => s.op === "create");
    step.op = "update";
    step.urn = step.urn.replace("core/v1:ConfigMap", "core/v1:Secret").replace(/souscription-api$/, "souscription-api-env");
    step.newState.type = "kubernetes:core/v1:Secret";
    step.newState.inputs = { ...step.newState.inputs, stringData: { TOKEN: "s3cr3t-value" } };
    step.oldState = { ...step.newState, inputs: { ...step.newState.inputs, stringData: { TOKEN: "old-s3cr3t" } } };
    step.detailedDiff = { "stringData.TOKEN": { kind: "update", inputDiff: true } };
    const secretNote = renderMrNote("souscription", [{ env: "dev", preview: withSecret }], environments);
    expect(secretNote).toContain("    stringData.TOKEN: update (value hidden)");
    expect(secretNote).toContain("Secret souscription-api-env changed (values hidden)");
    expect(secretNote).not.toContain("s3cr3t");
  });

  it("says so when an environment has nothing to change", () => {
    const empty = renderMrNote("souscription", [{ env: "int", preview: { steps: [] } }], environments);
    expect(empty).toContain("#### No risky change");
    expect(empty).toContain("#### Int — no change\n\nNo change.");
  });
});

describe("parsePreviewDigest / valueAt", () => {
  it("skips a warning line printed before the JSON", () => {
    expect(parsePreviewDigest(`warning: A new version of Pulumi is available\n${JSON.stringify({ steps: [] })}`, "x.json")).toEqual({
      steps: [],
    });
  });

  it("fails when the file is not JSON, naming the file and how to produce it", () => {
    expect(() => parsePreviewDigest("error: no stack named 'prod' found", ".beluga/preview/prod.json")).toThrow(PreviewFileError);
    expect(() => parsePreviewDigest('{"steps": 3}', "prod.json")).toThrow(
      "prod.json: is not a pulumi preview --json document (expected an object with a steps array); produce it with pulumi preview --json --stack <env> > prod.json",
    );
  });

  it("reads quoted keys and indexes of detailedDiff paths", () => {
    const o = { metadata: { labels: { "app.kubernetes.io/version": "1" } }, spec: { containers: [{ image: "a" }] } };
    expect(valueAt(o, 'metadata.labels["app.kubernetes.io/version"]')).toBe("1");
    expect(valueAt(o, "spec.containers[0].image")).toBe("a");
    expect(valueAt(o, "spec.containers[1].image")).toBeUndefined();
  });
});
