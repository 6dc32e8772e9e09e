import { readFileSync } from "node:fs";
import { join } from "node:path";
import { apps } from "../../apps/catalog";
import { souscription } from "../../apps/souscription/app";
import { Beluga } from "../../constructs/beluga";
import { appPipeline, pipelinePath } from "../../constructs/gitlab/app-pipeline";
import { validateCiSchema } from "../../constructs/gitlab/ci-schema";
import { buildUnitsOf } from "../../constructs/gitlab/build-unit";
import { renderMrNote } from "../../constructs/gitlab/mr-note";
import { frozenWithoutChange } from "../../constructs/gitlab/pipeline-conditions";
import type { Job, Pipeline } from "../../constructs/gitlab/pipeline-model";
import { activeJobs, scheduleVariants, standardVariants } from "../../constructs/gitlab/pipeline-variants";
import { toGitlabCi } from "../../constructs/gitlab/pipeline-yaml";
import { checkPipeline } from "../../constructs/gitlab/semantic-checks";
import { defineInstance } from "../../constructs/instance";
import type { EnvironmentDeclaration } from "../../constructs/model";
import { formatProblem } from "../../constructs/resolve";
import { dev, environmentList, int, prod, re7 } from "../../environments";
import { catalog } from "../../platform/catalog";
import { REPO_ROOT } from "../../platform/repo-root";

/**
 * Adding an environment is data only: a training environment "form" (Formation) between RE7 and Prod,
 * built by spreading the repository's declarations, gives a five-stage promotion chain without any
 * change to the pipeline generator.
 */
const form: EnvironmentDeclaration = {
  ...re7,
  name: "form",
  displayName: "Formation",
  promotesFrom: "re7",
  cluster: { context: "beluga-form" },
  routes: { ...re7.routes, domain: "apps.form.beluga.internal" },
  pipeline: { ...re7.pipeline, deploymentTier: "other", deploy: "manual", releaseRecord: false, honoursFreeze: false },
};
const fiveEnvironments = defineInstance({
  name: "five-environments",
  catalog,
  environments: [dev, int, re7, form, { ...prod, promotesFrom: "form" }],
});
const five = new Beluga(fiveEnvironments, apps);

const pipeline = appPipeline(souscription, { environments: five.environments, catalog: fiveEnvironments.catalog });
const job = (name: string): Job => {
  const found = pipeline.jobs.find((j) => j.name === `souscription:${name}`);
  if (!found) throw new Error(`no job souscription:${name} in ${pipeline.jobs.map((j) => j.name).join(", ")}`);
  return found;
};
const sources = buildUnitsOf(souscription, []).map((u) => u.sourceDir);
const jobsIn = (p: Pipeline, variant: string) => {
  const found = standardVariants("souscription", sources).find((v) => v.name === variant)!;
  return activeJobs(p, found)?.map(
    (a) => `${a.job.name.replace("souscription:", "")}${a.when === "manual" ? ` (manual${a.allowFailure ? "" : ", blocking"})` : ""}`,
  );
};

describe("a five-environment instance (Dev, Int, RE7, Formation, Prod), data only", () => {
  it("is a valid instance whose promotion chain runs through form", () => {
    expect(five.environments.names).toEqual(["dev", "int", "re7", "form", "prod"]);
    expect(five.environments.previous("prod")?.name).toBe("form");
    expect(five.environments.previous("form")?.name).toBe("re7");
  });

  it("derives the stages from the environments: deploy-form between deploy-re7 and deploy-prod", () => {
    expect(pipeline.stages).toEqual([
      "build",
      "image",
      "preview",
      "deploy-dev",
      "deploy-int",
      "deploy-re7",
      "deploy-form",
      "deploy-prod",
      "release",
    ]);
    expect(pipeline.header[0]).toBe("souscription: build, image, preview and deploy through Dev, Int, RE7, Formation, Prod");
  });

  it("chains the deploys by promotesFrom: prod needs form, form needs re7", () => {
    expect(job("deploy:prod").needs?.[0]).toEqual({ job: "souscription:deploy:form", artifacts: false });
    expect(job("deploy:form").needs?.[0]).toEqual({ job: "souscription:deploy:re7", artifacts: false });
    expect(pipeline.jobs.filter((j) => j.environment).map((j) => j.name)).toEqual([
      "souscription:deploy:dev",
      "souscription:deploy:int",
      "souscription:deploy:re7",
      "souscription:deploy:form",
      "souscription:deploy:prod",
    ]);
  });

  it("makes form a blocking manual deploy, gated and previewed, without freeze rule or release record", () => {
    const deploy = job("deploy:form");
    expect(deploy.stage).toBe("deploy-form");
    expect(deploy.resourceGroup).toBe("souscription-form");
    expect(deploy.environment).toMatchObject({ name: "form", deploymentTier: "other" });
    expect(deploy.environment?.url).toContain("apps.form.beluga.internal");
    expect(deploy.rules.map((r) => [r.when, r.allowFailure])).toEqual([["manual", false]]);
    expect(deploy.script).toEqual([
      "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
      "npm run gate -- check --app souscription --env form",
      "npm run preview -- --app souscription --env form --out .beluga/preview/form.json",
      "npm run deploy -- --app souscription --env form",
    ]);
    expect(deploy.artifacts).toBeUndefined();
  });

  it("keeps prod as declared: freeze rule first, then a blocking manual gate and the release record", () => {
    const deploy = job("deploy:prod");
    expect(deploy.rules[0]).toEqual({ if: frozenWithoutChange(), when: "never" });
    expect(deploy.rules.slice(1).map((r) => [r.when, r.allowFailure])).toEqual([["manual", false]]);
    expect(deploy.script.at(-1)).toBe(
      "npm run gitlab -- release-record --app souscription --env prod --preview .beluga/preview/prod.json --out releases",
    );
  });

  it("previews the five environments on merge requests and the note needs and posts all five", () => {
    expect(pipeline.jobs.filter((j) => j.stage === "preview" && j.name.includes(":preview:")).map((j) => j.name)).toEqual([
      "souscription:preview:dev",
      "souscription:preview:int",
      "souscription:preview:re7",
      "souscription:preview:form",
      "souscription:preview:prod",
    ]);
    const note = job("mr-note");
    expect(note.needs).toEqual(["dev", "int", "re7", "form", "prod"].map((env) => ({ job: `souscription:preview:${env}` })));
    expect(note.script.at(-1)).toBe(
      "npm run gitlab -- mr-note --app souscription --post .beluga/preview/dev.json .beluga/preview/int.json .beluga/preview/re7.json .beluga/preview/form.json .beluga/preview/prod.json",
    );
    expect(renderMrNote("souscription", [{ env: "form", preview: { steps: [] } }], five.environments)).toContain(
      "#### Formation — no change",
    );
  });

  it("runs form in the default-branch pipeline and during a freeze, which drops prod only", () => {
    expect(jobsIn(pipeline, "default-branch")?.filter((j) => j.startsWith("deploy:"))).toEqual([
      "deploy:dev",
      "deploy:int",
      "deploy:re7 (manual, blocking)",
      "deploy:form (manual, blocking)",
      "deploy:prod (manual, blocking)",
    ]);
    expect(jobsIn(pipeline, "freeze")?.filter((j) => j.startsWith("deploy:"))).toEqual([
      "deploy:dev",
      "deploy:int",
      "deploy:re7 (manual, blocking)",
      "deploy:form (manual, blocking)",
    ]);
  });

  it("passes GitLab's CI schema and the semantic checks, for every app", () => {
    expect(validateCiSchema(toGitlabCi(pipeline))).toEqual([]);
    expect(
      checkPipeline("souscription", pipeline, standardVariants("souscription", sources), five.environments).map(formatProblem),
    ).toEqual([]);
    const all = five.pipelines();
    expect(all.messages).toEqual([]);
    expect([...all.files.keys()]).toEqual([...apps.map((a) => pipelinePath(a.name)), ".gitlab-ci.yml"]);
    // The root pipeline deploys the platform layer through the same five environments, Formation included.
    expect(all.pipelines.get("root")?.stages).toEqual([
      "review",
      "platform-dev",
      "platform-int",
      "platform-re7",
      "platform-form",
      "platform-prod",
      "apps",
      "drift",
    ]);
    // And checks the five for drift in the drift schedule, Formation with its own kubeconfig.
    const root = all.pipelines.get("root")!;
    expect(activeJobs(root, scheduleVariants({ CI_DEFAULT_BRANCH: "main", CI_COMMIT_BRANCH: "main" })[0])?.map((a) => a.job.name)).toEqual([
      "drift:dev",
      "drift:int",
      "drift:re7",
      "drift:form",
      "drift:prod",
    ]);
    expect(root.jobs.find((j) => j.name === "drift:form")?.variables).toEqual({ KUBECONFIG: "$BELUGA_KUBECONFIG_FORM" });
  });
});

describe("the same process on the repository's four environments", () => {
  it("still generates the committed pipelines unchanged", () => {
    const four = new Beluga(defineInstance({ catalog, environments: environmentList }), apps);
    const generated = four.pipelines();
    expect(generated.messages).toEqual([]);
    const path = pipelinePath("souscription");
    expect(generated.files.get(path)).toBe(readFileSync(join(REPO_ROOT, path), "utf8"));
    for (const [file, content] of generated.files) expect([file, content]).toEqual([file, readFileSync(join(REPO_ROOT, file), "utf8")]);
  });
});
