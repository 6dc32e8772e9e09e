import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-container-resources";

describe(POLICY, () => {
  it("passes containers with CPU and memory requests and limits", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Deployment", "full-api"))).toEqual([]);
  });

  it("fails when a limit is missing, naming exactly which", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    delete deployment.spec.template.spec.containers[0].resources.limits.memory;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api (container "api") sets no limits.memory; declare resources (a profile S, M, L or XL, or explicit cpu/memory) so the container has both requests and limits.',
    ]);
  });

  it("fails when resources are missing altogether on a CronJob", async () => {
    const cron = pick(rendered("prod"), "CronJob", "full-nightly");
    delete cron.spec.jobTemplate.spec.template.spec.containers[0].resources;
    expect(await validateResource(POLICY, "prod", cron)).toEqual([
      'CronJob full-prod/full-nightly (container "nightly") sets no requests.cpu, requests.memory, limits.cpu, limits.memory; declare resources (a profile S, M, L or XL, or explicit cpu/memory) so the container has both requests and limits.',
    ]);
  });
});
