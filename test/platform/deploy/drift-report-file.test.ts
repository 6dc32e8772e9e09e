import type { EngineEvent } from "@pulumi/pulumi/automation";
import { driftFromEvents } from "../../../platform/deploy/drift-report";
import { driftReportFile, driftReportJson } from "../../../platform/deploy/drift-report-file";
import recorded from "../../fixtures/deploy/drift-events-souscription-prod.json";

const drifted = driftFromEvents({ project: "souscription", env: "prod" }, recorded.events as unknown as EngineEvent[]);
const clean = { target: { project: "platform", env: "prod" }, resources: [] };
const failed = { target: { project: "sinistre", env: "prod" }, resources: [], error: "namespace sinistre-prod does not exist in Prod" };
const drifts = [clean, drifted, failed];

describe("the drift report file (beluga drift --out)", () => {
  it("writes markdown by default: totals, what is not counted, every stack's verdict, then the drifted fields", () => {
    const lines = driftReportFile(".beluga/drift/prod.md", drifts).split("\n");
    expect(lines[0]).toBe("# Drift: 1 of 3 stack(s) drifted, 1 could not be checked");
    expect(lines[2]).toContain(
      "Not counted, as another manager owns them: spec.replicas of a Deployment or StatefulSet (the HorizontalPodAutoscaler owns it); status and the metadata the server sets (the API server owns it).",
    );
    expect(lines.slice(4, 9)).toEqual([
      "| Stack | Verdict |",
      "|---|---|",
      "| platform/prod | no drift |",
      "| souscription/prod | **11 resource(s) differ** |",
      "| sinistre/prod | **unknown**: the preview failed |",
    ]);
    expect(lines).toContain("## souscription/prod");
    expect(lines).toContain(
      "| `~` | `kubernetes:autoscaling/v2:HorizontalPodAutoscaler` souscription-prod/souscription-worker | `spec.maxReplicas`, `spec.minReplicas` |",
    );
    expect(lines).toContain("| `+-` | `kubernetes:core/v1:ConfigMap` souscription-prod/souscription-worker | `data.queue` |");
    expect(lines).not.toContain("## platform/prod");
    expect(lines).toContain("Drift unknown, the preview failed: namespace sinistre-prod does not exist in Prod");
  });

  it("says what a resource missing from the cluster means, and keeps a table cell on one line", () => {
    const odd = {
      target: { project: "sinistre", env: "int" },
      resources: [{ op: "create", type: "kubernetes:core/v1:Service", name: "sinistre-int/a|b", fields: [] }],
    };
    expect(driftReportFile("report.md", [odd])).toContain(
      "| `+` | `kubernetes:core/v1:Service` sinistre-int/a\\|b | missing from the cluster (deleted by hand?); a deploy creates it again |",
    );
  });

  it("writes JSON for a .json file: totals, ignored fields, and each stack with its verdict and fields", () => {
    const json = JSON.parse(driftReportFile("drift.json", drifts));
    expect(json).toEqual(JSON.parse(JSON.stringify(driftReportJson(drifts))));
    expect(json).toMatchObject({ stacks: 3, drifted: ["souscription/prod"], unknown: ["sinistre/prod"] });
    expect(json.ignored).toContainEqual({
      fields: "spec.replicas of a Deployment or StatefulSet",
      why: "the HorizontalPodAutoscaler owns it",
    });
    expect(json.results.map((r: { verdict: string }) => r.verdict)).toEqual(["no drift", "drift", "unknown"]);
    expect(json.results[1].resources).toHaveLength(11);
    expect(json.results[2].error).toBe("namespace sinistre-prod does not exist in Prod");
  });
});
