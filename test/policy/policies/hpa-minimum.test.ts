import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-hpa-minimum";

describe(POLICY, () => {
  it("passes Prod HPAs at or above 2", async () => {
    expect(pick(rendered("prod"), "HorizontalPodAutoscaler", "full-api").spec.minReplicas).toBe(4);
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "HorizontalPodAutoscaler", "full-api"))).toEqual([]);
  });

  it("fails when a Prod HPA keeps a single pod, but Dev accepts one", async () => {
    const hpa = pick(rendered("prod"), "HorizontalPodAutoscaler", "full-front");
    hpa.spec.minReplicas = 1;
    expect(await validateResource(POLICY, "prod", hpa)).toEqual([
      "HorizontalPodAutoscaler full-prod/full-front has minReplicas 1, below Prod's floor of 2; set scaling.min to 2 or more.",
    ]);
    expect(await validateResource(POLICY, "dev", hpa)).toEqual([]);
  });

  it("fails when minReplicas is missing in Prod (Kubernetes defaults it to 1)", async () => {
    const hpa = pick(rendered("prod"), "HorizontalPodAutoscaler", "full-front");
    delete hpa.spec.minReplicas;
    expect(await validateResource(POLICY, "prod", hpa)).toEqual([
      "HorizontalPodAutoscaler full-prod/full-front has no minReplicas (Kubernetes then uses 1), below Prod's floor of 2; set scaling.min to 2 or more.",
    ]);
  });
});
