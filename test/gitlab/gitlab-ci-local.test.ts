import { appPipeline, pipelinePath } from "../../constructs/gitlab/app-pipeline";
import { buildUnitsOf } from "../../constructs/gitlab/build-unit";
import { type PipelineVariant, activeJobs } from "../../constructs/gitlab/pipeline-variants";
import { renderPipelineYaml } from "../../constructs/gitlab/pipeline-yaml";
import type { Pipeline } from "../../constructs/gitlab/pipeline-model";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { apps } from "../../apps/catalog";
import { ScratchRepository, type ListedJob, unavailableReason } from "./gitlab-ci-local-runner";

/**
 * The generated pipelines run through the real gitlab-ci-local 4.65.1 (`--list-json`,
 * `--validate-dependency-chain`) in a scratch git repository, per variant: merge request, default
 * branch, tag, deploy freeze. Its job lists must equal our in-process evaluation, and for souscription
 * they are pinned.
 */
const reason = unavailableReason();
const describeIfRunnable = reason ? describe.skip : describe;
if (reason) console.warn(`gitlab-ci-local suite skipped: ${reason}`);

const MR = { CI_PIPELINE_SOURCE: "merge_request_event", CI_MERGE_REQUEST_IID: "42", CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main" };
const running = (jobs: ListedJob[]) =>
  jobs
    .filter((j) => j.when !== "never")
    .map((j) => `${j.name}${j.when === "manual" ? ` (manual${j.allow_failure ? "" : ", blocking"})` : ""}`);
const ours = (pipeline: Pipeline, variant: PipelineVariant) =>
  (activeJobs(pipeline, variant) ?? []).map(
    (a) => `${a.job.name}${a.when === "manual" ? ` (manual${a.allowFailure ? "" : ", blocking"})` : ""}`,
  );

describeIfRunnable.each(apps.map((a) => [a.name, a] as const))("gitlab-ci-local on the %s pipeline", (name, app) => {
  const pipeline = appPipeline(app, { environments, catalog });
  const file = pipelinePath(name);
  const declaration = `apps/${name}/app.ts`;
  let repo: ScratchRepository;
  const lists: Record<string, string[]> = {};

  beforeAll(() => {
    repo = new ScratchRepository({ [file]: renderPipelineYaml(pipeline), "README.md": "scratch\n" });
    repo.checkout("feature/change", true);
    repo.commit({ [declaration]: "// changed\n" }, "change the declaration");
    lists.mr = running(repo.listJobs(file, MR, ["CI_COMMIT_BRANCH"]));
    repo.checkout("main");
    repo.commit({ [declaration]: "// changed\n" }, "merge");
    lists.main = running(repo.listJobs(file));
    lists.tag = running(repo.listJobs(file, { CI_COMMIT_TAG: `${name}-1.0.0` }, ["CI_COMMIT_BRANCH"]));
    lists.freeze = running(repo.listJobs(file, { CI_DEPLOY_FREEZE: "true" }));
  }, 120_000);
  afterAll(() => repo?.remove());

  const main = { CI_DEFAULT_BRANCH: "main", CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main" };
  it("merge request: gitlab-ci-local runs exactly the jobs our evaluation predicts, and no deploy", () => {
    expect(lists.mr).toEqual(ours(pipeline, { name: "mr", variables: { ...MR, CI_DEFAULT_BRANCH: "main" }, changedFiles: [declaration] }));
    expect(lists.mr.some((j) => j.includes(":deploy:"))).toBe(false);
    expect(lists.mr).toContain(`${name}:mr-note`);
  });

  it("default branch: same list as ours, dev/int automatic, re7/prod manual and blocking", () => {
    expect(lists.main).toEqual(ours(pipeline, { name: "main", variables: main, changedFiles: [declaration] }));
    expect(lists.main.filter((j) => j.includes(":deploy:"))).toEqual([
      `${name}:deploy:dev`,
      `${name}:deploy:int`,
      `${name}:deploy:re7 (manual, blocking)`,
      `${name}:deploy:prod (manual, blocking)`,
    ]);
  });

  it("tag: release notes only", () => {
    expect(lists.tag).toEqual([`${name}:release-notes`]);
  });

  it("freeze: the default-branch list without prod", () => {
    expect(lists.freeze).toEqual(lists.main.filter((j) => !j.startsWith(`${name}:deploy:prod`)));
  });

  // gitlab-ci-local 4.65.1's --validate-dependency-chain ignores --manual and rejects any manual job
  // another job needs (re7 → prod); the freeze variant drops prod, so it checks every other chain.
  it("every needs chain is valid in gitlab-ci-local for the merge-request and default-branch (freeze) variants", () => {
    repo.checkout("main");
    const mainChain = repo.validateDependencyChain(file, { CI_DEPLOY_FREEZE: "true" });
    expect(mainChain.output).toContain("All job dependencies are valid");
    repo.checkout("feature/change");
    const mrChain = repo.validateDependencyChain(file, MR, ["CI_COMMIT_BRANCH"]);
    expect(mrChain.output).toContain("All job dependencies are valid");
    repo.checkout("main");
  });

  it("a push touching one artifact's sources rebuilds only that artifact (rules:changes evaluated by gitlab-ci-local)", () => {
    const unit = buildUnitsOf(app, [])[0];
    const only = new ScratchRepository({ [file]: renderPipelineYaml(pipeline), "README.md": "scratch\n" });
    try {
      only.commit({ [`${unit.sourceDir}/src/main.txt`]: "changed\n" }, "touch one artifact");
      const listed = running(only.listJobs(file));
      expect(listed.filter((j) => j.includes(":image:"))).toEqual([`${name}:image:${unit.key}`]);
      expect(listed).toEqual(ours(pipeline, { name: "one", variables: main, changedFiles: [`${unit.sourceDir}/src/main.txt`] }));
    } finally {
      only.remove();
    }
  });
});

describeIfRunnable("gitlab-ci-local on a broken pipeline", () => {
  it("refuses a required need the rules drop — the failure our semantic check reports", () => {
    const app = apps.find((a) => a.name === "sinistre")!;
    const good = appPipeline(app, { environments, catalog });
    const broken: Pipeline = {
      ...good,
      jobs: good.jobs.map((j) => (j.name === "sinistre:deploy:dev" ? { ...j, needs: [{ job: "sinistre:image:api" }] } : j)),
    };
    const file = pipelinePath("sinistre");
    const repo = new ScratchRepository({ [file]: renderPipelineYaml(broken) });
    try {
      repo.commit({ "apps/sinistre/src/sinistre-batch/src/main.txt": "changed\n" }, "touch the batch only");
      const result = repo.validateDependencyChain(file, { CI_DEPLOY_FREEZE: "true" });
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/sinistre:image:api.*sinistre:deploy:dev|sinistre:deploy:dev.*sinistre:image:api/);
      expect(result.output).not.toContain("All job dependencies are valid");
    } finally {
      repo.remove();
    }
  }, 60_000);
});
