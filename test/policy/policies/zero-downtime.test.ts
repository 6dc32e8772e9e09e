import { policyContextFor } from "../../../constructs/policy";
import { instance } from "../../../platform/instance";
import { pick, rendered, validateStack } from "../policy-harness";

const POLICY = "beluga-zero-downtime";

describe(POLICY, () => {
  it("passes Beluga's rendered components in every environment", async () => {
    for (const env of ["dev", "int", "re7", "prod"] as const) expect(await validateStack(POLICY, env, rendered(env))).toEqual([]);
  });

  it("fails when the preStop drain is longer than the grace period, naming the Deployment", async () => {
    const objects = rendered("prod");
    pick(objects, "Deployment", "full-front").spec.template.spec.terminationGracePeriodSeconds = 5;
    expect(await validateStack(POLICY, "prod", objects)).toEqual([
      {
        message:
          "Deployment full-prod/full-front cannot roll out without downtime: the preStop drain (10s) is not shorter than terminationGracePeriodSeconds (5s): pods are killed before in-flight requests finish.",
        urn: "urn:pulumi:test::app::kubernetes:apps/v1:Deployment::full-prod/full-front",
      },
    ]);
  });

  it("fails when the preStop hook is missing on a served component", async () => {
    const objects = rendered("prod");
    delete pick(objects, "Deployment", "full-front").spec.template.spec.containers[0].lifecycle;
    const [violation] = await validateStack(POLICY, "prod", objects);
    expect(violation.message).toContain(
      "the preStop drain is 0s, shorter than the 5s the router may still send new connections to a terminating pod",
    );
  });

  it("fails when the surge does not fit the namespace's ResourceQuota in the stack", async () => {
    const objects = rendered("prod");
    objects.push({
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "app-quota", namespace: "full-prod" },
      spec: { hard: { "requests.cpu": "4", pods: "10" } },
    });
    // One violation for the namespace, on its ResourceQuota: the quota is the app's, not a component's.
    expect(await validateStack(POLICY, "prod", objects)).toEqual([
      {
        message:
          "Namespace full-prod cannot roll out its app without downtime: with every component at its maximum and rolling at once, requests.cpu 7100m exceeds the namespace quota of 4, pods 19 exceeds the namespace quota of 10: surge pods would stay Pending; " +
          "lower scaling.max or the resource profiles, or ask the platform team to raise quota.maxPerApp of Prod.",
        urn: "urn:pulumi:test::app::kubernetes:core/v1:ResourceQuota::full-prod/app-quota",
      },
    ]);
  });

  it("judges an app stack (no ResourceQuota in it) against the quota derived from its objects, within the environment's bound", async () => {
    const ctx = policyContextFor(instance, "prod");
    expect(await validateStack(POLICY, ctx, rendered("prod"))).toEqual([]);
    // A bound lowered below what the app needs (19 pods at maximum plus surge) refutes it, once.
    const lowered = { ...ctx, env: { ...ctx.env, quota: { maxPerApp: { cpu: "160", memory: "80Gi", pods: 18 } } } };
    const violations = await validateStack(POLICY, lowered, rendered("prod"));
    expect(violations.map((v) => v.message)).toEqual([
      "Namespace full-prod cannot roll out its app without downtime: with every component at its maximum and rolling at once, pods 19 exceeds the namespace quota of 18: surge pods would stay Pending; " +
        "lower scaling.max or the resource profiles, or ask the platform team to raise quota.maxPerApp of Prod.",
    ]);
    expect(violations[0].urn).toBe("urn:pulumi:test::app::kubernetes:apps/v1:Deployment::full-prod/full-front");
  });
});
