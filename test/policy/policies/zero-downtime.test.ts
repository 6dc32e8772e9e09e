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
    const violations = await validateStack(POLICY, "prod", objects);
    expect(violations.map((v) => v.urn)).toEqual([
      "urn:pulumi:test::app::kubernetes:apps/v1:Deployment::full-prod/full-front",
      "urn:pulumi:test::app::kubernetes:apps/v1:Deployment::full-prod/full-api",
    ]);
    expect(violations[0].message).toContain(
      "with every component at its maximum and rolling at once, requests.cpu 7100m exceeds the namespace quota of 4, pods 19 exceeds the namespace quota of 10: surge pods would stay Pending",
    );
  });
});
