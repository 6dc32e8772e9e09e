import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-rolling-update";

describe(POLICY, () => {
  it("passes RollingUpdate with maxUnavailable 0 and maxSurge 1", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([]);
  });

  it("fails when maxUnavailable lets pods go and maxSurge adds none", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.strategy.rollingUpdate = { maxUnavailable: "25%", maxSurge: 0 };
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api allows "25%" of its pods to be unavailable during a rollout, which drops capacity; set strategy.rollingUpdate.maxUnavailable to 0.',
      "Deployment full-prod/full-api sets maxSurge 0, so with maxUnavailable 0 a rollout can never start a new pod; set strategy.rollingUpdate.maxSurge to 1 or more.",
    ]);
  });

  it("fails when the strategy is Recreate", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.strategy = { type: "Recreate" };
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-api uses the Recreate strategy, which stops every pod before starting new ones; use RollingUpdate with maxUnavailable 0 and maxSurge 1.",
    ]);
  });

  it("fails when the strategy is missing (Kubernetes' default lets 25% go)", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    delete deployment.spec.strategy;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-api allows the default 25% of its pods to be unavailable during a rollout, which drops capacity; set strategy.rollingUpdate.maxUnavailable to 0.",
    ]);
  });
});
