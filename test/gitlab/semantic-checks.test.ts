import { appPipeline } from "../../constructs/gitlab/app-pipeline";
import type { Job, Pipeline } from "../../constructs/gitlab/pipeline-model";
import { standardVariants } from "../../constructs/gitlab/pipeline-variants";
import { checkPipeline } from "../../constructs/gitlab/semantic-checks";
import { formatProblem } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { apps } from "../../apps/catalog";
import { sinistre } from "../../apps/sinistre/app";

const sources = ["apps/sinistre/src/sinistre-api", "apps/sinistre/src/sinistre-batch"];
const base = appPipeline(sinistre, { environments, catalog });
const variants = standardVariants("sinistre", sources);
const withJob = (pipeline: Pipeline, name: string, change: (job: Job) => Job): Pipeline => ({
  ...pipeline,
  jobs: pipeline.jobs.map((j) => (j.name === name ? change(j) : j)),
});
const check = (pipeline: Pipeline) => checkPipeline("sinistre", pipeline, variants, environments).map(formatProblem);

describe("checkPipeline", () => {
  it.each(apps.map((a) => [a.name, a] as const))("passes the generated pipeline of %s in every variant", (name, app) => {
    const pipeline = appPipeline(app, { environments, catalog });
    expect(checkPipeline(name, pipeline, standardVariants(name, []), environments)).toEqual([]);
  });

  it("fails when a required need is dropped by rules in some variant", () => {
    const broken = withJob(base, "sinistre:deploy:dev", (j) => ({ ...j, needs: [{ job: "sinistre:image:api" }] }));
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:deploy:dev"].needs[0] names "sinistre:image:api", which the rules drop in the default-branch, only apps/sinistre/src/sinistre-batch changed pipeline while "sinistre:deploy:dev" runs; mark the need optional: true or give both jobs the same rules',
    ]);
  });

  it("fails when a need names a job that does not exist", () => {
    const broken = withJob(base, "sinistre:mr-note", (j) => ({ ...j, needs: [{ job: "sinistre:preview:staging" }] }));
    expect(check(broken)[0]).toMatch(
      /^sinistre: pipeline\.jobs\["sinistre:mr-note"\]\.needs\[0\] names "sinistre:preview:staging", which is not a job of the pipeline; use one of sinistre:build:api, /,
    );
  });

  it("fails when a need points to a later stage", () => {
    const broken = withJob(base, "sinistre:build:api", (j) => ({ ...j, needs: [{ job: "sinistre:deploy:dev", optional: true }] }));
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:build:api"].needs[0] names "sinistre:deploy:dev" of the later stage deploy-dev; need only jobs of the same or an earlier stage',
    ]);
  });

  it("fails when a deploy has no resource group", () => {
    const broken = withJob(base, "sinistre:deploy:int", (j) => ({ ...j, resourceGroup: undefined }));
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:deploy:int"].resourceGroup is missing: deploys to int must not overlap; set resourceGroup to <app>-<env>',
    ]);
  });

  it("fails when the prod freeze rule is not first", () => {
    const broken = withJob(base, "sinistre:deploy:prod", (j) => ({ ...j, rules: [j.rules[1], j.rules[0]] }));
    expect(check(broken)).toContain(
      'sinistre: pipeline.jobs["sinistre:deploy:prod"].rules[0] must be the deploy-freeze rule (when: never during a freeze without a change id); put the freeze rule first so no later rule can start prod during a freeze',
    );
  });

  it("fails when prod starts automatically or may fail without blocking", () => {
    const broken = withJob(base, "sinistre:deploy:prod", (j) => ({
      ...j,
      rules: [j.rules[0], { ...j.rules[1], when: undefined, allowFailure: undefined }],
    }));
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:deploy:prod"].rules[1].when ("on_success") must be "manual": prod starts only by a person; set when: manual',
    ]);
    const optional = withJob(base, "sinistre:deploy:prod", (j) => ({
      ...j,
      rules: [j.rules[0], { ...j.rules[1], allowFailure: undefined }],
    }));
    expect(check(optional)).toEqual([
      'sinistre: pipeline.jobs["sinistre:deploy:prod"].rules[1].allowFailure must be false: the pipeline waits blocked on prod instead of passing without it; set allowFailure: false',
    ]);
  });

  it("fails when prod is not the production tier or has no URL", () => {
    const broken = withJob(base, "sinistre:deploy:prod", (j) => ({ ...j, environment: { name: "prod", deploymentTier: "staging" } }));
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:deploy:prod"].environment.deploymentTier ("staging") must be "production"; set deploymentTier to production so GitLab protects and reports it as production',
      'sinistre: pipeline.jobs["sinistre:deploy:prod"].environment.url is missing; give the prod environment its route URL',
    ]);
  });

  it("asks no resource group of a job that only verifies an environment, and does not take it for the environment's deploy", () => {
    const verifyProd: Job = {
      name: "sinistre:verify:prod",
      stage: "release",
      environment: { name: "prod", deploymentTier: "production", action: "verify" },
      rules: [],
      script: ["true"],
    };
    expect(check({ ...base, jobs: [...base.jobs, verifyProd] })).toEqual([]);
    const withoutDeploy = { ...base, jobs: [verifyProd, ...base.jobs.filter((j) => j.name !== "sinistre:deploy:prod")] };
    expect(check(withoutDeploy)).toEqual(["sinistre: pipeline.jobs has no job deploying to the prod environment; add the prod deploy job"]);
  });

  it("fails when no job deploys to prod, or a stage is undeclared", () => {
    const broken: Pipeline = {
      ...base,
      jobs: base.jobs
        .filter((j) => j.environment?.name !== "prod")
        .map((j) => (j.name === "sinistre:release-notes" ? { ...j, stage: "publish" } : j)),
    };
    expect(check(broken)).toEqual([
      'sinistre: pipeline.jobs["sinistre:release-notes"].stage ("publish") is not one of the stages build, image, preview, deploy-dev, deploy-int, deploy-re7, deploy-prod, release; use a declared stage or add it to stages',
      "sinistre: pipeline.jobs has no job deploying to the prod environment; add the prod deploy job",
    ]);
  });
});
