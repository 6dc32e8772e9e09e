import { fullApp } from "../../fixtures/declarations";
import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-image-lineage";

describe(POLICY, () => {
  it("passes a workload built FROM a supported socle of the catalog", async () => {
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "Deployment", "full-api"))).toEqual([]);
    expect(await validateResource(POLICY, "prod", pick(rendered("prod"), "CronJob", "full-nightly"))).toEqual([]);
  });

  it("fails when the socle is deprecated in Prod, naming its successor; Dev still accepts it", async () => {
    const app = fullApp();
    (app.components.api.image as { socle: string }).socle = "java17-spring";
    const objects = rendered("dev", app);
    expect(await validateResource(POLICY, "dev", pick(objects, "Deployment", "full-api"))).toEqual([]);
    const deployment = pick(objects, "Deployment", "full-api");
    deployment.metadata.namespace = "full-prod";
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-api runs an image built FROM socle java17-spring 2.8.1, which is deprecated; Prod accepts only supported socles, so rebuild it FROM java21-spring.",
    ]);
  });

  it("fails when the socle label names no catalog socle version", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.metadata.labels["beluga.io/socle"] = "java21-spring-9.9.9";
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      'Deployment full-prod/full-api says its image is built FROM socle "java21-spring-9.9.9", which is not a socle version of the platform catalog; rebuild it FROM one of java21-spring, java17-spring, java11-tomcat, node22, nginx-static, python312 at its current version.',
    ]);
  });

  it("fails when the lineage annotation does not end with the catalog's pinned socle", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    deployment.spec.template.metadata.annotations["beluga.io/image-lineage"] = "somewhere/else:1";
    const [message] = await validateResource(POLICY, "prod", deployment);
    expect(message).toMatch(
      /^Deployment full-prod\/full-api records lineage "somewhere\/else:1", which does not end with the catalog's pinned socle registry\.beluga\.internal\/platform\/socles\/java21-spring:3\.2\.0@sha256:/,
    );
  });

  it("fails when the workload carries no socle label", async () => {
    const deployment = pick(rendered("prod"), "Deployment", "full-api");
    delete deployment.spec.template.metadata.labels["beluga.io/socle"];
    expect(await validateResource(POLICY, "prod", deployment)).toEqual([
      "Deployment full-prod/full-api has no beluga.io/socle pod label, so its image cannot be traced to a socle of the platform catalog; build the image FROM a catalog socle (java21-spring, java17-spring, java11-tomcat, node22, nginx-static, python312) and deploy it through Beluga.",
    ]);
  });
});
