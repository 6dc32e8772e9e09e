import { catalog } from "../../../platform/catalog";
import { instance } from "../../../platform/instance";
import { SocleError, rebuildPlan } from "../../../platform/estate/socles/rebuild-plan";
import { renderPlan } from "../../../platform/estate/socles/socles-report";
import { SOCLE_APPS } from "../../fixtures/estate/socle-apps";

const estate = { apps: SOCLE_APPS, instance };
const NEW = `sha256:${"e".repeat(64)}`;
const june = new Date("2025-06-10T10:00:00+02:00");

describe("rebuildPlan", () => {
  it("lists exactly the artifacts built FROM the socle, per app, FROM the new digest", () => {
    const plan = rebuildPlan(estate, `java21-spring@${NEW}`, june);
    expect(plan.apps.map((a) => [a.app, a.artifacts.map((x) => [x.artifact, x.workloads, x.containerfile])])).toEqual([
      ["billing", [["billing-core", ["components.api", "batches.close"], "apps/billing/billing-core/Containerfile"]]],
      ["legacy", [["legacy-api", ["components.api"], "apps/legacy/legacy-api/Containerfile"]]],
    ]);
    for (const a of plan.apps)
      for (const x of a.artifacts)
        expect(x.from).toBe(`${catalog.registry}/socles/java21-spring:${catalog.socles["java21-spring"].version}@${NEW}`);
    expect(plan.socles).toEqual([
      {
        socle: "java21-spring",
        lifecycle: "supported",
        fromDigest: catalog.socles["java21-spring"].digest,
        toDigest: NEW,
        containerfile: "socles/java21-spring/Containerfile",
      },
    ]);
  });

  it("deploys in promotion order and makes a release-train app wait for its Prod window", () => {
    const plan = rebuildPlan(estate, "java21-spring", june);
    expect(plan.waves.map((w) => w.env)).toEqual(["dev", "int", "re7", "prod"]);
    expect(plan.waves[2].entries).toEqual([
      { app: "billing", action: "deploy" },
      { app: "legacy", action: "deploy" },
    ]);
    expect(plan.waves[3].entries).toEqual([
      { app: "billing", action: "deploy" },
      { app: "legacy", action: "wait", note: "release train: next Prod window opens 10-01" },
    ]);
    const inApril = rebuildPlan(estate, "java21-spring", new Date("2025-04-14T10:00:00+02:00"));
    expect(inApril.waves[3].entries.every((e) => e.action === "deploy")).toBe(true);
    const text = renderPlan(plan, "text");
    expect(text.indexOf("1. Dev")).toBeLessThan(text.indexOf("4. Prod"));
    expect(text).toContain("waits: legacy — release train: next Prod window opens 10-01");
  });

  it("blocks the environments that refuse the socle's lifecycle", () => {
    const plan = rebuildPlan(estate, "java17-spring", june);
    expect(plan.waves.map((w) => [w.env, w.entries.map((e) => e.action)])).toEqual([
      ["dev", ["deploy"]],
      ["int", ["deploy"]],
      ["re7", ["deploy"]],
      ["prod", ["blocked"]],
    ]);
    expect(plan.waves[3].entries[0].note).toBe("Prod refuses java17-spring (deprecated); migrate to java21-spring");
  });

  it("rebuilds every socle FROM a base image when given a base image", () => {
    const plan = rebuildPlan(estate, "ubi9-nodejs-22-minimal", june);
    expect(plan.socles.map((s) => s.socle)).toEqual(["node22"]);
    expect(plan.apps.map((a) => a.artifacts.map((x) => x.artifact))).toEqual([["billing-web"]]);
  });

  it("fails when the socle is unknown, naming the known ones", () => {
    expect(() => rebuildPlan(estate, "java8", june)).toThrow(SocleError);
    expect(() => rebuildPlan(estate, "java8", june)).toThrow(`unknown socle java8; known: ${Object.keys(catalog.socles).join(", ")}`);
  });

  it("fails when the digest is malformed", () => {
    expect(() => rebuildPlan(estate, "node22@sha256:abc", june)).toThrow(
      "--rebuild node22@sha256:abc: the digest must look like sha256:<64 hex digits>; give the digest the registry printed for the new socle image",
    );
  });
});
