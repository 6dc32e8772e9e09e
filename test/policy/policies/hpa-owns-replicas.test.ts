import { pick, rendered, validateStack } from "../policy-harness";

const POLICY = "beluga-hpa-owns-replicas";

describe(POLICY, () => {
  it("passes Deployments that leave replicas to their HPA", async () => {
    const objects = rendered("prod");
    expect(pick(objects, "Deployment", "full-api").spec.replicas).toBeUndefined();
    expect(await validateStack(POLICY, "prod", objects)).toEqual([]);
  });

  it("fails when a Deployment scaled by an HPA sets replicas, pointing at the Deployment's URN", async () => {
    const objects = rendered("prod");
    pick(objects, "Deployment", "full-api").spec.replicas = 3;
    expect(await validateStack(POLICY, "prod", objects)).toEqual([
      {
        message:
          "Deployment full-prod/full-api sets replicas 3 although HorizontalPodAutoscaler full-prod/full-api scales it, so every deployment would reset the autoscaler's count; remove spec.replicas and let scaling.min/max drive the HPA.",
        urn: "urn:pulumi:test::app::kubernetes:apps/v1:Deployment::full-prod/full-api",
      },
    ]);
  });

  it("leaves a Deployment with replicas alone when no HPA targets it (missing HPA)", async () => {
    const objects = rendered("prod").filter((o) => !(o.kind === "HorizontalPodAutoscaler" && o.metadata.name === "full-api"));
    pick(objects, "Deployment", "full-api").spec.replicas = 3;
    expect(await validateStack(POLICY, "prod", objects)).toEqual([]);
  });
});
