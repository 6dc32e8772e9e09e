import type { EngineEvent } from "@pulumi/pulumi/automation";
import { driftFromEvents, formatDriftReport } from "../../../platform/deploy/drift-report";
import recorded from "../../fixtures/deploy/drift-events-souscription-prod.json";

const PROD = { project: "souscription", env: "prod" } as const;
const EVENTS = recorded.events as unknown as EngineEvent[];
const URN = "urn:pulumi:prod::souscription::beluga:app:App$beluga:app:Component$";

/** A step event as the engine emits it during the preview part of `preview --refresh`. */
function step(op: string, type: string, name: string, paths: string[] = []): EngineEvent {
  const detailedDiff = Object.fromEntries(paths.map((p) => [p, { diffKind: "update", inputDiff: false }]));
  return {
    sequence: 1000,
    timestamp: 0,
    resourcePreEvent: { metadata: { op, urn: `${URN}${type}::${name}`, type, provider: "", ...(paths.length ? { detailedDiff } : {}) } },
  } as unknown as EngineEvent;
}

describe("drift from engine events", () => {
  it("lists every changed resource of the recorded preview with its fields, and not the refresh or same steps", () => {
    const drift = driftFromEvents(PROD, EVENTS);
    expect(drift.resources).toHaveLength(11);
    expect(drift.resources.find((r) => r.name === "souscription-prod/souscription-api" && r.type.endsWith("Deployment"))).toEqual({
      op: "update",
      type: "kubernetes:apps/v1:Deployment",
      name: "souscription-prod/souscription-api",
      fields: [
        'metadata.labels["app.kubernetes.io/version"]',
        'spec.template.metadata.labels["app.kubernetes.io/version"]',
        "spec.template.spec.containers[0].env[5].value",
        "spec.template.spec.containers[0].image",
        "spec.template.spec.containers[0].readinessProbe.httpGet.port",
      ],
    });
    expect(drift.resources.map((r) => r.type)).not.toContain("pulumi:pulumi:Stack");
  });

  it("formats the report: one line per resource with its sign and fields, then the summary", () => {
    const report = formatDriftReport([driftFromEvents(PROD, EVENTS)]).split("\n");
    expect(report[0]).toBe("souscription/prod: 11 resource(s) differ from the code");
    expect(report).toContain("  +- kubernetes:core/v1:ConfigMap souscription-prod/souscription-worker: data.queue");
    expect(report).toContain(
      "  ~ kubernetes:autoscaling/v2:HorizontalPodAutoscaler souscription-prod/souscription-worker: spec.maxReplicas, spec.minReplicas",
    );
    expect(report[report.length - 1]).toBe("drift: 1 of 1 stack(s) drifted (souscription/prod)");
  });

  it("does not count spec.replicas of a Deployment (the HPA owns it)", () => {
    const onlyReplicas = driftFromEvents(PROD, [
      step("update", "kubernetes:apps/v1:Deployment", "souscription-prod/souscription-api", ["spec.replicas"]),
    ]);
    expect(onlyReplicas.resources).toEqual([]);
    const withImage = driftFromEvents(PROD, [
      step("update", "kubernetes:apps/v1:Deployment", "souscription-prod/souscription-api", [
        "spec.replicas",
        "spec.template.spec.containers[0].image",
      ]),
    ]);
    expect(withImage.resources.map((r) => r.fields)).toEqual([["spec.template.spec.containers[0].image"]]);
  });

  it("says a resource deleted by hand is missing from the cluster, and counts a replacement once", () => {
    const drift = driftFromEvents(PROD, [
      step("create", "kubernetes:core/v1:Service", "souscription-prod/souscription-web"),
      step("create-replacement", "kubernetes:core/v1:ConfigMap", "souscription-prod/souscription-api", ["data.mode"]),
      step("delete-replaced", "kubernetes:core/v1:ConfigMap", "souscription-prod/souscription-api", ["data.mode"]),
    ]);
    expect(formatDriftReport([drift]).split("\n")).toEqual([
      "souscription/prod: 2 resource(s) differ from the code",
      "  + kubernetes:core/v1:Service souscription-prod/souscription-web (missing from the cluster (deleted by hand?); a deploy creates it again)",
      "  +- kubernetes:core/v1:ConfigMap souscription-prod/souscription-api: data.mode",
      "drift: 1 of 1 stack(s) drifted (souscription/prod)",
    ]);
  });

  it("reports stacks without drift and stacks that could not be checked", () => {
    const report = formatDriftReport([
      { target: { project: "sinistre", env: "int" }, resources: [] },
      { target: { project: "sinistre", env: "prod" }, resources: [], error: "namespace sinistre-prod does not exist in Prod" },
    ]);
    expect(report.split("\n")).toEqual([
      "sinistre/int: no drift",
      "sinistre/prod: drift unknown, the preview failed: namespace sinistre-prod does not exist in Prod",
      "drift: 0 of 2 stack(s) drifted; 1 could not be checked (sinistre/prod)",
    ]);
  });
});
