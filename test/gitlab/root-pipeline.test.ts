import { readFileSync } from "node:fs";
import { join } from "node:path";
import { appPaths } from "../../constructs/gitlab/app-pipeline";
import { validateCiSchema } from "../../constructs/gitlab/ci-schema";
import { activeJobs, rootVariants } from "../../constructs/gitlab/pipeline-variants";
import { toGitlabCi } from "../../constructs/gitlab/pipeline-yaml";
import { ROOT_PIPELINE_PATH, rootPipeline } from "../../constructs/gitlab/root-pipeline";
import { checkPipeline } from "../../constructs/gitlab/semantic-checks";
import { formatProblem } from "../../constructs/resolve";
import { beluga } from "../../platform/instance";
import { REPO_ROOT } from "../../platform/repo-root";

const change = beluga.instance.changeManagement;
const pipeline = rootPipeline({ apps: beluga.apps, environments: beluga.environments, changeManagement: change });
const names = beluga.appNames;
const variants = rootVariants(names, "main", change);
const job = (name: string) => {
  const found = pipeline.jobs.find((j) => j.name === name);
  if (!found) throw new Error(`no job ${name} in ${pipeline.jobs.map((j) => j.name).join(", ")}`);
  return found;
};
/** The jobs a variant creates, `(manual, blocking)` marked, as a reviewer reads them. */
const jobsIn = (variant: string, changedFiles?: string[]) => {
  const found = variants.find((v) => v.name === variant);
  if (!found) throw new Error(`no variant ${variant} in ${variants.map((v) => v.name).join(", ")}`);
  return activeJobs(pipeline, changedFiles ? { ...found, changedFiles } : found)?.map(
    (a) => `${a.job.name}${a.when === "manual" ? ` (manual${a.allowFailure ? "" : ", blocking"})` : ""}`,
  );
};

describe("the root pipeline", () => {
  it("is valid against GitLab's CI schema and passes the semantic checks in every variant", () => {
    expect(validateCiSchema(toGitlabCi(pipeline))).toEqual([]);
    expect(
      checkPipeline("root", pipeline, variants, beluga.environments, { changeManagement: change, requireUrl: false }).map(formatProblem),
    ).toEqual([]);
  });

  it("starts each app's pipeline as a child pipeline that the root waits on, when that app's paths change", () => {
    for (const app of names) {
      const yaml = toGitlabCi(pipeline)[`${app}:pipeline`];
      expect(yaml).toEqual({
        stage: "apps",
        needs: [{ job: "platform:deploy:dev", optional: true }],
        rules: [
          { if: '$CI_PIPELINE_SOURCE == "schedule"', when: "never" },
          { if: "$CI_MERGE_REQUEST_IID", changes: { paths: appPaths(app), compare_to: "refs/heads/main" } },
          { if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", changes: { paths: appPaths(app) } },
          { if: `$CI_COMMIT_TAG =~ /^${app}-/` },
        ],
        trigger: { include: `apps/${app}/.gitlab-ci.yml`, strategy: "depend", forward: { pipeline_variables: true } },
      });
    }
  });

  it("runs only the changed app's child when only its sources change", () => {
    expect(jobsIn(`merge-request, only ${names[0]}'s sources changed`)).toEqual([`${names[0]}:pipeline`]);
    expect(jobsIn(`default-branch, only ${names[0]}'s sources changed`)).toEqual([`${names[0]}:pipeline`]);
    expect(jobsIn("tag")).toEqual([`${names[0]}:pipeline`]);
    expect(jobsIn("merge-request, nothing deployed changed")).toEqual([]);
  });

  it("previews the platform layer on a merge request that changes it, and runs the fleet diff when the catalog changes", () => {
    expect(jobsIn(`merge-request, ${names[0]}'s declaration changed`)).toEqual([
      "platform:preview:dev",
      "platform:preview:int",
      "platform:preview:re7",
      "platform:preview:prod",
      `${names[0]}:pipeline`,
    ]);
    expect(jobsIn("merge-request, the catalog changed")).toEqual([
      "estate:diff",
      "platform:preview:dev",
      "platform:preview:int",
      "platform:preview:re7",
      "platform:preview:prod",
      ...names.map((a) => `${a}:pipeline`),
    ]);
    expect(jobsIn("merge-request, the catalog changed", ["constructs/k8s/app-chart.ts"])).toContain("estate:diff");
    expect(job("estate:diff").script).toContain(
      'npm run estate -- diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown --out .beluga/estate-diff.md --post',
    );
    expect(job("platform:preview:prod").script).toContain(
      "npm run preview -- --platform --env prod --out .beluga/preview/platform-prod.json",
    );
  });

  it("deploys the platform layer on the default branch in promotion order, RE7 and Prod by a person, one deploy per stack at a time", () => {
    expect(jobsIn("default-branch, the catalog changed")).toEqual([
      "platform:deploy:dev",
      "platform:deploy:int",
      "platform:deploy:re7 (manual, blocking)",
      "platform:deploy:prod (manual, blocking)",
      ...names.map((a) => `${a}:pipeline`),
    ]);
    expect(["dev", "int", "re7", "prod"].map((env) => [job(`platform:deploy:${env}`).stage, job(`platform:deploy:${env}`).needs])).toEqual([
      ["platform-dev", []],
      ["platform-int", [{ job: "platform:deploy:dev", artifacts: false }]],
      ["platform-re7", [{ job: "platform:deploy:int", artifacts: false }]],
      ["platform-prod", [{ job: "platform:deploy:re7", artifacts: false }]],
    ]);
    const prod = job("platform:deploy:prod");
    expect(prod.resourceGroup).toBe("platform-prod");
    expect(prod.environment).toEqual({ name: "prod", deploymentTier: "production" });
    expect(prod.variables).toEqual({ KUBECONFIG: "$BELUGA_KUBECONFIG_PROD" });
    expect(prod.script).toEqual([
      "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
      "npm run preview -- --platform --env prod --out .beluga/preview/platform-prod.json",
      "npm run deploy -- --platform-only --env prod",
    ]);
    expect(job("platform:deploy:dev").script).toEqual([
      "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
      "npm run deploy -- --platform-only --env dev",
    ]);
  });

  it("fails to start the platform's Prod deploy during a freeze unless the run carries a well-formed change id", () => {
    expect(jobsIn("freeze")).not.toContain("platform:deploy:prod (manual, blocking)");
    expect(jobsIn("freeze with a malformed change id")).not.toContain("platform:deploy:prod (manual, blocking)");
    expect(jobsIn("freeze with emergency change")).toContain("platform:deploy:prod (manual, blocking)");
    expect(jobsIn("branch with an open merge request")).toBeUndefined();
  });

  it("checks every environment of the instance for drift, with its kubeconfig, keeping the report whatever the outcome", () => {
    const driftJobs = pipeline.jobs.filter((j) => j.stage === "drift").map((j) => j.name);
    expect(driftJobs).toEqual(beluga.environments.names.map((env) => `drift:${env}`));
    expect(driftJobs).toEqual(["drift:dev", "drift:int", "drift:re7", "drift:prod"]);
    expect(toGitlabCi(pipeline)["drift:prod"]).toEqual({
      stage: "drift",
      variables: { KUBECONFIG: "$BELUGA_KUBECONFIG_PROD" },
      needs: [],
      // verify: the prod-scoped kubeconfig without recording a deployment; no resource_group: a preview takes no stack lock.
      environment: { name: "prod", deployment_tier: "production", action: "verify" },
      interruptible: false,
      timeout: "1h",
      rules: [{ if: '$CI_PIPELINE_SOURCE == "schedule" && $BELUGA_SCHEDULE == "drift"' }],
      script: [
        "test -d node_modules || { npm ci && bash platform/local/node-modules-state.sh record; }",
        "npm run drift -- --env prod --out .beluga/drift/prod.md",
      ],
      artifacts: { paths: [".beluga/drift/prod.md"], expire_in: "30 days", when: "always" },
    });
    expect(job("drift:dev").variables).toEqual({ KUBECONFIG: "$BELUGA_KUBECONFIG_DEV" });
    expect(job("drift:re7").script.at(-1)).toBe("npm run drift -- --env re7 --out .beluga/drift/re7.md");
  });

  it("runs only the drift jobs in the drift schedule's pipeline: no platform deploy, no child pipeline", () => {
    expect(jobsIn("drift schedule")).toEqual(["drift:dev", "drift:int", "drift:re7", "drift:prod"]);
    expect(jobsIn("drift schedule", ["platform/catalog/socles.ts", `apps/${names[0]}/app.ts`])).toEqual([
      "drift:dev",
      "drift:int",
      "drift:re7",
      "drift:prod",
    ]);
    expect(jobsIn("another schedule")).toEqual([]);
  });

  it("runs no drift job on a push, a merge request, a tag or a freeze, nor in a pipeline run by hand with BELUGA_SCHEDULE=drift", () => {
    const pushes = variants.filter((v) => !v.name.includes("schedule"));
    expect(pushes.length).toBeGreaterThan(10);
    for (const variant of pushes) {
      const active = (activeJobs(pipeline, variant) ?? []).map((a) => a.job.name);
      expect([variant.name, active.filter((name) => name.startsWith("drift:"))]).toEqual([variant.name, []]);
    }
    const byHand = { CI_DEFAULT_BRANCH: "main", CI_COMMIT_BRANCH: "main", CI_PIPELINE_SOURCE: "web", BELUGA_SCHEDULE: "drift" };
    expect(activeJobs(pipeline, { name: "run by hand", variables: byHand, changedFiles: ["README.md"] })).toEqual([]);
  });

  it("matches the committed .gitlab-ci.yml, which carries the generated marker", () => {
    const generated = beluga.pipelines();
    expect(generated.messages).toEqual([]);
    const committed = readFileSync(join(REPO_ROOT, ROOT_PIPELINE_PATH), "utf8");
    expect(generated.files.get(ROOT_PIPELINE_PATH)).toBe(committed);
    expect(committed).toContain("# generated — edit constructs/gitlab/root-pipeline.ts or apps/catalog.ts, run npm run gitlab -- generate");
  });
});
