import { minimalApp } from "../../fixtures/declarations";
import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-liveness-distinct";

describe(POLICY, () => {
  it("passes a critical app whose liveness (grpc) differs from readiness (http)", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Deployment", "full-api"))).toEqual([]);
  });

  it("fails when a critical app's liveness checks the readiness endpoint, even with other timings", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    const container = deployment.spec.template.spec.containers[0];
    container.livenessProbe = { ...container.readinessProbe, failureThreshold: 10 };
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api (container "api") belongs to a critical app and its liveness probe checks the same endpoint as its readiness probe, so a slow dependency would restart every pod; point liveness at a distinct endpoint (e.g. the socle\'s liveness path).',
    ]);
  });

  it("fails when a critical app has no liveness probe", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-front");
    delete deployment.spec.template.spec.containers[0].livenessProbe;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-front (container "front") belongs to a critical app but has no liveness probe, so a hung process is never restarted; declare probes.liveness on a liveness endpoint distinct from readiness.',
    ]);
  });

  it("leaves standard apps alone", async () => {
    const deployment = pick(rendered("prod", minimalApp()), "Deployment", "mini-api");
    delete deployment.spec.template.spec.containers[0].livenessProbe;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([]);
  });
});
