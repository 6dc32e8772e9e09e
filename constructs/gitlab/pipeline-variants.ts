import { type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT } from "../model";
import { type PipelineVariables, evaluateCondition } from "./condition";
import { DRIFT_SCHEDULE, SCHEDULE_VARIABLE } from "./drift-jobs";
import type { Changes, Job, Pipeline, Rule } from "./pipeline-model";

/**
 * One way a pipeline can be created: its predefined variables and, for push and MR pipelines, the
 * files the push or MR changed. The semantic checks evaluate every job's rules in every variant.
 */
export interface PipelineVariant {
  readonly name: string;
  readonly variables: PipelineVariables;
  /**
   * Changed files, relative to the repository root.
   * @default - unknown: `rules:changes` matches, as GitLab does for tag pipelines
   */
  readonly changedFiles?: readonly string[];
}

/** A job that runs in a variant, with the `when` and `allow_failure` its first matching rule gave. */
export interface ActiveJob {
  readonly job: Job;
  readonly when: "on_success" | "manual" | "always" | "delayed";
  readonly allowFailure: boolean;
}

/**
 * The jobs a variant creates, in file order, or `undefined` when `workflow:rules` create no pipeline.
 * First matching rule wins; a job no rule matches is not added (GitLab's `rules` semantics).
 * @see https://docs.gitlab.com/ci/jobs/job_rules/
 */
export function activeJobs(pipeline: Pipeline, variant: PipelineVariant): ActiveJob[] | undefined {
  const workflow = firstMatch(pipeline.workflow.rules, variant);
  if (!workflow || workflow.when === "never") return undefined;
  const out: ActiveJob[] = [];
  for (const job of pipeline.jobs) {
    const rule = firstMatch(job.rules, variant);
    if (!rule || rule.when === "never") continue;
    const when = rule.when ?? "on_success";
    // Manual jobs default to allow_failure: true unless the rule or the job says otherwise.
    const allowFailure = rule.allowFailure ?? job.allowFailure ?? when === "manual";
    out.push({ job, when, allowFailure });
  }
  return out;
}

function firstMatch(rules: readonly Rule[], variant: PipelineVariant): Rule | undefined {
  return rules.find(
    (r) => (!r.if || evaluateCondition(r.if, variant.variables)) && (!r.changes || changesMatch(r.changes, variant.changedFiles)),
  );
}

function changesMatch(changes: Changes, files: readonly string[] | undefined): boolean {
  if (files === undefined) return true;
  const patterns = changes.paths.map(globToRegExp);
  return files.some((f) => patterns.some((p) => p.test(f)));
}

/**
 * GitLab `rules:changes` globs (Ruby fnmatch with FNM_PATHNAME | FNM_DOTMATCH): `**` spans folders,
 * `*` stays within one.
 */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*" && glob[i + 2] === "/") {
      out += "(?:.*/)?";
      i += 2;
    } else if (c === "*" && glob[i + 1] === "*") {
      out += ".*";
      i += 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/**
 * A default-branch pipeline during a deploy freeze: without a change id, with the instance's example
 * id (`CHG-123456`: frozen environments deploy) and with a malformed one (they do not).
 */
export function freezeVariants(main: PipelineVariables, change: ChangeManagement): PipelineVariant[] {
  const frozen = { ...main, CI_DEPLOY_FREEZE: "true" };
  return [
    { name: "freeze", variables: frozen },
    { name: "freeze with emergency change", variables: { ...frozen, [change.variable]: change.example } },
    { name: "freeze with a malformed change id", variables: { ...frozen, [change.variable]: `${change.example}-X` } },
  ];
}

/**
 * The variants the root pipeline is checked in: merge requests that change one app's sources, one
 * app's declaration, the catalog, or nothing of ours; the default branch likewise; an app's tag; the
 * freeze variants; a branch whose MR is open; the drift schedule and another schedule of the default
 * branch (no changed files: `rules:changes` matches in a scheduled pipeline).
 */
export function rootVariants(
  apps: readonly string[],
  defaultBranch = "main",
  change: ChangeManagement = DEFAULT_CHANGE_MANAGEMENT,
): PipelineVariant[] {
  const base = { ...BASE, CI_DEFAULT_BRANCH: defaultBranch };
  const mr = { ...base, CI_PIPELINE_SOURCE: "merge_request_event", CI_MERGE_REQUEST_IID: "42", CI_COMMIT_REF_NAME: "feature/change" };
  const main = { ...base, CI_COMMIT_BRANCH: defaultBranch, CI_COMMIT_REF_NAME: defaultBranch };
  const app = apps[0] ?? "app";
  const cases: Array<[string, string[]]> = [
    [`only ${app}'s sources changed`, [`apps/${app}/src/${app}/main.txt`]],
    [`${app}'s declaration changed`, [`apps/${app}/app.ts`]],
    ["the catalog changed", ["platform/catalog/socles.ts"]],
    ["nothing deployed changed", ["README.md"]],
  ];
  return [
    ...cases.map(([what, changedFiles]) => ({ name: `merge-request, ${what}`, variables: mr, changedFiles })),
    ...cases.map(([what, changedFiles]) => ({ name: `default-branch, ${what}`, variables: main, changedFiles })),
    { name: "tag", variables: { ...base, CI_COMMIT_TAG: `${app}-1.0.0`, CI_COMMIT_REF_NAME: `${app}-1.0.0` } },
    ...freezeVariants(main, change).map((v) => ({ ...v, changedFiles: ["platform/catalog/socles.ts"] })),
    {
      name: "branch with an open merge request",
      variables: {
        ...base,
        CI_COMMIT_BRANCH: "feature/change",
        CI_COMMIT_REF_NAME: "feature/change",
        CI_OPEN_MERGE_REQUESTS: "beluga/apps!42",
      },
      changedFiles: ["platform/catalog/socles.ts"],
    },
    ...scheduleVariants(main),
  ];
}

/** Scheduled pipelines of the default branch: the drift schedule (`BELUGA_SCHEDULE=drift`) and a schedule without it. */
export function scheduleVariants(main: PipelineVariables): PipelineVariant[] {
  const scheduled = { ...main, CI_PIPELINE_SOURCE: "schedule" };
  return [
    { name: "drift schedule", variables: { ...scheduled, [SCHEDULE_VARIABLE]: DRIFT_SCHEDULE } },
    { name: "another schedule", variables: scheduled },
  ];
}

/** Variables every variant shares. */
const BASE: PipelineVariables = { CI_DEFAULT_BRANCH: "main", CI_PIPELINE_SOURCE: "push" };

/**
 * The variants every generated pipeline is checked in: merge request, default branch, tag, deploy
 * freeze (without a change id, with the instance's example id, with a malformed one), a branch whose
 * MR is open, and for MR and default branch: the declaration changed, each artifact's sources alone
 * changed, and only another app changed.
 * @default change DEFAULT_CHANGE_MANAGEMENT
 */
export function standardVariants(
  app: string,
  artifactSourceDirs: readonly string[],
  defaultBranch = "main",
  change: ChangeManagement = DEFAULT_CHANGE_MANAGEMENT,
): PipelineVariant[] {
  const base = { ...BASE, CI_DEFAULT_BRANCH: defaultBranch };
  const mr = {
    ...base,
    CI_PIPELINE_SOURCE: "merge_request_event",
    CI_MERGE_REQUEST_IID: "42",
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: defaultBranch,
    CI_COMMIT_REF_NAME: "feature/change",
  };
  const main = { ...base, CI_COMMIT_BRANCH: defaultBranch, CI_COMMIT_REF_NAME: defaultBranch };
  const declaration = [`apps/${app}/app.ts`];
  const elsewhere = ["apps/another-app/app.ts"];
  const perArtifact = (name: string, variables: PipelineVariables) =>
    artifactSourceDirs.map((dir) => ({ name: `${name}, only ${dir} changed`, variables, changedFiles: [`${dir}/src/main.txt`] }));
  return [
    { name: "merge-request", variables: mr, changedFiles: declaration },
    ...perArtifact("merge-request", mr),
    { name: "merge-request, another app changed", variables: mr, changedFiles: elsewhere },
    { name: "default-branch", variables: main, changedFiles: declaration },
    ...perArtifact("default-branch", main),
    { name: "default-branch, another app changed", variables: main, changedFiles: elsewhere },
    { name: "tag", variables: { ...base, CI_COMMIT_TAG: `${app}-1.0.0`, CI_COMMIT_REF_NAME: `${app}-1.0.0` } },
    ...freezeVariants(main, change).map((v) => ({ ...v, changedFiles: declaration })),
    {
      name: "branch with an open merge request",
      variables: {
        ...base,
        CI_COMMIT_BRANCH: "feature/change",
        CI_COMMIT_REF_NAME: "feature/change",
        CI_OPEN_MERGE_REQUESTS: "beluga/apps!42",
      },
      changedFiles: declaration,
    },
  ];
}
