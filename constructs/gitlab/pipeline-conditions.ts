import { type Condition, all, defined, equals } from "./condition";
import type { Rule } from "./pipeline-model";

/**
 * The named conditions every generated pipeline is built from, and its `workflow:rules`.
 * @see https://docs.gitlab.com/ci/yaml/workflow/#switch-between-branch-pipelines-and-merge-request-pipelines
 */

/** A merge request pipeline. */
export const onMergeRequest: Condition = equals("CI_PIPELINE_SOURCE", "merge_request_event");
/** A push to the default branch. */
export const onDefaultBranch: Condition = equals("CI_COMMIT_BRANCH", { variable: "CI_DEFAULT_BRANCH" });
/** A tag pipeline. */
export const onTag: Condition = defined("CI_COMMIT_TAG");
/** A branch push while an MR is open for it: the MR pipeline runs instead. */
export const branchWithOpenMergeRequest: Condition = all(defined("CI_COMMIT_BRANCH"), defined("CI_OPEN_MERGE_REQUESTS"));
/**
 * Inside a GitLab deploy freeze period (`CI_DEPLOY_FREEZE` is set by GitLab from the project's freeze
 * periods) and no emergency change id given for this run.
 * @see https://docs.gitlab.com/ci/environments/deployment_safety/#prevent-deployments-during-deploy-freeze-windows
 */
export const frozenWithoutChange: Condition = all(defined("CI_DEPLOY_FREEZE"), equals("BELUGA_CHANGE_ID", null));

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
