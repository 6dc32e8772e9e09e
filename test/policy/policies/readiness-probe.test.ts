import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-readiness-probe";

describe(POLICY, () => {
  it("passes a Deployment whose containers have readiness probes (socle defaults included)", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Deployment", "full-front"))).toEqual([]);
  });

  it("fails when the readiness probe is missing", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-front");
    delete deployment.spec.template.spec.containers[0].readinessProbe;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-front (container "front") has no readiness probe, so a rolling update would route traffic to pods that are not ready; declare probes.readiness (or keep the socle\'s default).',
    ]);
  });

  it("does not apply to CronJobs, whose pods take no traffic", async () => {
    const cron = pick(rendered("prod"), "CronJob", "full-nightly");
    expect(await validateResource(POLICY, "prod", cron)).toEqual([]);
  });
});
