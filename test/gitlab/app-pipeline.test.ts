import { appPipeline, generatedMarker } from "../../constructs/gitlab/app-pipeline";
import { frozenWithoutChange } from "../../constructs/gitlab/pipeline-conditions";
import type { Job } from "../../constructs/gitlab/pipeline-model";
import { DeclarationError } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { souscription } from "../../apps/souscription/app";
import { fullApp, minimalApp } from "../fixtures/declarations";

const props = { environments, catalog };
const job = (jobs: readonly Job[], name: string): Job => {
  const found = jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name} in ${jobs.map((j) => j.name).join(", ")}`);
  return found;
};

describe("appPipeline", () => {
  describe("given souscription (three components)", () => {
    const pipeline = appPipeline(souscription, props);

    it("pins job names: build and image per artifact, preview per environment, one note, deploy per environment", () => {
      expect(pipeline.jobs.map((j) => j.name)).toEqual([
        "souscription:build:web",
        "souscription:build:api",
        "souscription:build:worker",
        "souscription:image:web",
        "souscription:image:api",
        "souscription:image:worker",
        "souscription:preview:dev",
        "souscription:preview:int",
        "souscription:preview:re7",
        "souscription:preview:prod",
        "souscription:mr-note",
        "souscription:deploy:dev",
        "souscription:deploy:int",
        "souscription:deploy:re7",
        "souscription:deploy:prod",
        "souscription:release-notes",
      ]);
    });

    it("carries the generated marker naming the file to edit and the command", () => {
      expect(pipeline.header).toContain(generatedMarker("souscription"));
      expect(generatedMarker("souscription")).toBe("generated — edit apps/souscription/app.ts, run npm run gitlab -- generate");
    });

    it("serializes every deploy per app and environment, with the environment's tier and route URL", () => {
      const deploys = pipeline.jobs.filter((j) => j.environment);
      expect(deploys.map((j) => [j.name, j.resourceGroup, j.environment])).toEqual([
        [
          "souscription:deploy:dev",
          "souscription-dev",
          { name: "dev", url: "https://souscription.apps.dev.beluga.internal", deploymentTier: "development" },
        ],
        [
          "souscription:deploy:int",
          "souscription-int",
          { name: "int", url: "https://souscription.apps.int.beluga.internal", deploymentTier: "testing" },
        ],
        [
          "souscription:deploy:re7",
          "souscription-re7",
          { name: "re7", url: "https://souscription.apps.re7.beluga.internal", deploymentTier: "staging" },
        ],
        [
          "souscription:deploy:prod",
          "souscription-prod",
          { name: "prod", url: "https://souscription.apps.beluga.internal", deploymentTier: "production" },
        ],
      ]);
    });

    it("puts the freeze rule first on prod, then a blocking manual gate; re7 is manual too, dev and int automatic", () => {
      const prod = job(pipeline.jobs, "souscription:deploy:prod");
      expect(prod.rules[0]).toEqual({ if: frozenWithoutChange(), when: "never" });
      expect(prod.rules.slice(1).map((r) => [r.when, r.allowFailure])).toEqual([["manual", false]]);
      expect(job(pipeline.jobs, "souscription:deploy:re7").rules.map((r) => [r.when, r.allowFailure])).toEqual([["manual", false]]);
      expect(job(pipeline.jobs, "souscription:deploy:dev").rules.map((r) => r.when)).toEqual([undefined]);
      expect(job(pipeline.jobs, "souscription:deploy:int").rules.map((r) => r.when)).toEqual([undefined]);
    });

    it("gates re7 and prod, writes the release record after the deploy, and calls the project's deploy script", () => {
      expect(job(pipeline.jobs, "souscription:deploy:prod").script).toEqual([
        "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
        "npm run gate -- check --app souscription --env prod",
        "npm run preview -- --app souscription --env prod --out .beluga/preview/prod.json",
        "npm run deploy -- --app souscription --env prod",
        "npm run gitlab -- release-record --app souscription --env prod --preview .beluga/preview/prod.json --out releases",
      ]);
      expect(job(pipeline.jobs, "souscription:deploy:dev").script).toEqual([
        "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
        "npm run deploy -- --app souscription --env dev",
      ]);
    });

    it("chains environments with required needs and takes digests from image jobs that may be dropped", () => {
      expect(job(pipeline.jobs, "souscription:deploy:int").needs).toEqual([
        { job: "souscription:deploy:dev", artifacts: false },
        { job: "souscription:image:web", optional: true },
        { job: "souscription:image:api", optional: true },
        { job: "souscription:image:worker", optional: true },
      ]);
    });

    it("builds images FROM the synthesized Containerfile with buildah and exports each digest as dotenv", () => {
      const image = job(pipeline.jobs, "souscription:image:api");
      expect(image.image).toMatch(/^quay\.io\/buildah\/stable:v\d/);
      expect(image.script).toContain(
        "buildah build --layers --file dist/images/apps/souscription/souscription-api/Containerfile --tag registry.beluga.internal/dev/subscription/souscription-api:4.12.0-$CI_COMMIT_SHORT_SHA apps/souscription/src/souscription-api",
      );
      expect(image.script).toContain('echo "BELUGA_DIGEST_API=$(cat image.digest)" >> image.env');
      expect(image.artifacts?.dotenv).toBe("image.env");
    });

    it("compares merge-request changes to the default branch (monorepo) and limits them to the app's paths", () => {
      const preview = job(pipeline.jobs, "souscription:preview:prod");
      expect(preview.rules[0].changes).toEqual({
        paths: ["apps/souscription/**/*", "environments/**/*", "platform/catalog/**/*", "constructs/**/*", "package-lock.json"],
        compareTo: "refs/heads/main",
      });
    });

    it("never writes a secret value: registry credentials and tokens are CI/CD variable references", () => {
      const text = JSON.stringify(pipeline);
      expect(text).toContain("$BELUGA_REGISTRY_PASSWORD");
      expect(text).not.toMatch(/password\s*[:=]\s*[^$"\s]/i);
    });
  });

  it("leaves the URL out for an app without routes", () => {
    const pipeline = appPipeline(minimalApp(), props);
    expect(pipeline.jobs.find((j) => j.name === "mini:deploy:dev")?.environment).toEqual({ name: "dev", deploymentTier: "development" });
  });

  it("accepts a declaration without digests: the pipeline's image jobs supply them", () => {
    const app = fullApp();
    app.components.api.image.digest = undefined;
    expect(() => appPipeline(app, props)).not.toThrow();
  });

  it("fails when the declaration does not resolve, with every environment's message at once", () => {
    const app = fullApp();
    app.components.api.image.socle = "java11-tomcat";
    let messages: string[] = [];
    try {
      appPipeline(app, props);
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      messages = error.messages;
    }
    expect(messages).toEqual([
      'full: components.api.image.socle ("java11-tomcat") is retired and Dev accepts only supported or deprecated socles; rebuild the image on java21-spring',
      'full: components.api.image.socle ("java11-tomcat") is retired and Int accepts only supported or deprecated socles; rebuild the image on java21-spring',
      'full: components.api.image.socle ("java11-tomcat") is retired and RE7 accepts only supported or deprecated socles; rebuild the image on java21-spring',
      'full: components.api.image.socle ("java11-tomcat") is retired and Prod accepts only supported socles; rebuild the image on java21-spring',
    ]);
  });
});
