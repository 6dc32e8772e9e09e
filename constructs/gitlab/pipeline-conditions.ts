import { type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT } from "../model";
import { type Condition, all, defined, equals, notMatches } from "./condition";
import type { Rule } from "./pipeline-model";

/**
 * The named conditions every generated pipeline is built from, and its `workflow:rules`.
 * @see https://docs.gitlab.com/ci/yaml/workflow/#switch-between-branch-pipelines-and-merge-request-pipelines
 */

/**
 * A merge request pipeline, or a child pipeline of one: a child's `CI_PIPELINE_SOURCE` is
 * `parent_pipeline`, but it keeps the MR's predefined variables, so the MR iid is what both share.
 * @see https://docs.gitlab.com/ci/pipelines/downstream_pipelines/#run-child-pipelines-with-merge-request-pipelines
 */
export const onMergeRequest: Condition = defined("CI_MERGE_REQUEST_IID");
/** A push to the default branch. */
export const onDefaultBranch: Condition = equals("CI_COMMIT_BRANCH", { variable: "CI_DEFAULT_BRANCH" });
/**
 * A pipeline started by a pipeline schedule. A schedule runs on a branch (the default branch here), and
 * `rules:changes` always matches in it (there is no push to compare), so every job that runs on the
 * default branch when its paths change would run too: jobs that must not run there say so first.
 * @see https://docs.gitlab.com/ci/jobs/job_rules/#ruleschanges
 */
export const onSchedule: Condition = equals("CI_PIPELINE_SOURCE", "schedule");
/** A tag pipeline. */
export const onTag: Condition = defined("CI_COMMIT_TAG");
/** A branch push while an MR is open for it: the MR pipeline runs instead. */
export const branchWithOpenMergeRequest: Condition = all(defined("CI_COMMIT_BRANCH"), defined("CI_OPEN_MERGE_REQUESTS"));
/**
 * Inside a GitLab deploy freeze period (`CI_DEPLOY_FREEZE` is set by GitLab from the project's freeze
 * periods) and no well-formed change id given for this run: the instance's change variable unset or
 * not in its id format (`$BELUGA_CHANGE_ID !~ /^CHG-[0-9]{6}$/`), the same format the release-window
 * gate accepts and the release record records.
 * @default change DEFAULT_CHANGE_MANAGEMENT
 * @see https://docs.gitlab.com/ci/environments/deployment_safety/#prevent-deployments-during-deploy-freeze-windows
 */
export function frozenWithoutChange(change: ChangeManagement = DEFAULT_CHANGE_MANAGEMENT): Condition {
  return all(defined("CI_DEPLOY_FREEZE"), notMatches(change.variable, change.idPattern));
}

/**
 * Merge requests, the default branch and tags run; a branch with an open MR runs only as the MR
 * pipeline (no duplicate branch + MR pipelines); other branches do not run (open an MR).
 */
export const WORKFLOW_RULES: readonly Rule[] = [
  { if: onMergeRequest },
  { if: branchWithOpenMergeRequest, when: "never" },
  { if: onDefaultBranch },
  { if: onTag },
];
