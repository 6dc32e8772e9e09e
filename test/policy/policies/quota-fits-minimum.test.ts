import { type AppDeclaration, defineApp } from "../../../constructs/model";
import { policyContextFor } from "../../../constructs/policy";
import { instance } from "../../../platform/instance";
import { enforcementOf, rendered, validateStack } from "../policy-harness";

const POLICY = "beluga-quota-fits-minimum";
const quota = (hard: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "app-quota", namespace: "full-dev" },
  spec: { hard },
});

/** 21 components of 2 pods each: 42 pods at minimum (63 at maximum plus surge: within Dev's bound of 110). */
function wideApp(): AppDeclaration {
  const digest = `sha256:${"a".repeat(64)}`;
  const components = Object.fromEntries(
    Array.from({ length: 21 }, (_, i) => [
      `part${i}`,
      { image: { socle: "java21-spring", artifact: `wide-part${i}`, version: "1.0.0", digest }, scaling: { min: 2, max: 2 } },
    ]),
  );
  return defineApp({ name: "wide", team: "platform", criticality: "standard", release: { policy: "continuous" }, components });
}

describe(POLICY, () => {
  it("passes Beluga's rendered components in every environment", async () => {
    for (const env of ["dev", "int", "re7", "prod"] as const) expect(await validateStack(POLICY, env, rendered(env))).toEqual([]);
  });

  it("is mandatory in every environment, Dev included, where the zero-downtime contract is advisory", () => {
    expect(["dev", "int", "re7", "prod"].map((env) => enforcementOf(POLICY, env as "dev"))).toEqual([
      "mandatory",
      "mandatory",
      "mandatory",
      "mandatory",
    ]);
    expect(enforcementOf("beluga-zero-downtime", "dev")).toBe("advisory");
  });

  it("passes an app stack against the quota derived from its objects", async () => {
    expect(await validateStack(POLICY, "dev", rendered("dev", wideApp()))).toEqual([]);
  });

  it("refuses an app whose pods at minimum scale exceed what Dev allows one app, with the numbers and the fix", async () => {
    // The platform team lowered Dev's bound below what an app already deployed needs at minimum.
    const ctx = policyContextFor(instance, "dev");
    const lowered = { ...ctx, env: { ...ctx.env, quota: { maxPerApp: { cpu: "16", memory: "32Gi", pods: 40 } } } };
    const [violation, ...more] = await validateStack(POLICY, lowered, rendered("dev", wideApp()));
    expect(more).toEqual([]);
    expect(violation.message).toBe(
      // Profile M as Dev sizes it: 125m CPU / 256Mi requested, 500m CPU limit per pod; × 42 pods.
      "Namespace wide-dev cannot hold its app even at minimum scale (42 pods requesting 5250m CPU and 10.5Gi): limits.cpu 21 exceeds the namespace quota of 16, pods 42 exceeds the namespace quota of 40. " +
        "Those pods would never start and the deploy would fail at its progress deadline; lower the replicas or the resource profiles in the app declaration, or ask the platform team for a larger quota in Dev.",
    );
    expect(violation.urn).toMatch(/::kubernetes:apps\/v1:Deployment::wide-dev\/wide-part0$/);
  });

  it("leaves a quota that holds the minimum but not the surge to the zero-downtime contract", async () => {
    const objects = [...rendered("dev"), quota({ pods: "4" })];
    expect(await validateStack(POLICY, "dev", objects)).toEqual([]);
    expect((await validateStack("beluga-zero-downtime", "dev", objects)).map((v) => v.message).join(" ")).toContain(
      "pods 6 exceeds the namespace quota of 4",
    );
  });

  it("points at the ResourceQuota of a platform stack when it is too small for the minimum", async () => {
    const objects = [...rendered("dev"), quota({ pods: "2", "requests.cpu": "100m" })];
    const [violation, ...more] = await validateStack(POLICY, "dev", objects);
    expect(violation.message).toContain("requests.cpu 350m exceeds the namespace quota of 100m, pods 3 exceeds the namespace quota of 2");
    expect(violation.urn).toBe("urn:pulumi:test::app::kubernetes:core/v1:ResourceQuota::full-dev/app-quota");
    // One violation per namespace, not one per Deployment of it.
    expect(more).toEqual([]);
    expect(objects.filter((o) => o.kind === "Deployment").length).toBeGreaterThan(1);
  });
});
