import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-image-no-latest";

describe(POLICY, () => {
  it("passes an image with an immutable version tag", async () => {
    expect(await validateResource(POLICY, "dev", pick(rendered("dev"), "Deployment", "full-api"))).toEqual([]);
  });

  it("fails when the tag is latest", async () => {
    const deployment = pick(rendered("dev"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].image = "registry.beluga.internal/dev/core/full-api:latest";
    expect(await validateResource(POLICY, "dev", deployment)).toEqual([
      'Deployment full-dev/full-api (container "api") runs image "registry.beluga.internal/dev/core/full-api:latest" tagged latest, which moves; use the version the build produced, e.g. :1.4.2.',
    ]);
  });

  it("fails when the tag is missing (a registry port is not a tag)", async () => {
    const deployment = pick(rendered("dev"), "Deployment", "full-api");
    deployment.spec.template.spec.containers[0].image = "registry.beluga.internal:5000/dev/core/full-api";
    expect(await validateResource(POLICY, "dev", deployment)).toEqual([
      'Deployment full-dev/full-api (container "api") runs image "registry.beluga.internal:5000/dev/core/full-api" without a version tag, which means latest; tag it with the version the build produced, e.g. :1.4.2.',
    ]);
  });
});
