import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-image-registry-digest";

describe(POLICY, () => {
  it("passes a Deployment pulling from Prod's registry by digest", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Deployment", "full-api"))).toEqual([]);
  });

  it("fails when an image comes from outside the platform registry, naming the resource, the registry and the fix", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].image = `docker.io/library/nginx:1.27@sha256:${"a".repeat(64)}`;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      `Deployment full-prod/full-api (container "api") runs image "docker.io/library/nginx:1.27@sha256:${"a".repeat(64)}" from outside the platform registry: Prod pulls app images only from registry.beluga.internal/release/; build and push the image through the pipeline.`,
    ]);
  });

  it("fails when the digest is missing in Int, but not in Dev where tags are allowed", async () => {
    const strip = (objects: any[]) => {
      const cron = pick(objects, "CronJob", "full-nightly");
      const container = cron.spec.jobTemplate.spec.template.spec.containers[0];
      container.image = container.image.replace(/@sha256:.*/, "");
      return cron;
    };
    expect(await validateResource(POLICY, "int", strip(rendered("int")))).toEqual([
      'CronJob full-int/full-nightly (container "nightly") runs image "registry.beluga.internal/release/core/full-batch:2.0.0" without a sha256 digest: Int deploys by digest only; deploy the digest the pipeline built and promoted (stack config beluga:digests).',
    ]);
    expect(await validateResource(POLICY, "dev", strip(rendered("dev")))).toEqual([]);
  });

  it("fails when the container has no image at all", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-front");
    delete deployment.spec.template.spec.containers[0].image;
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-front (container "front") has no image; set the image the pipeline built in the platform registry registry.beluga.internal/release.',
    ]);
  });

  it("ignores objects without pods", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Service", "full-api"))).toEqual([]);
  });
});
