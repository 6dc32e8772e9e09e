import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import { onMergeRequest } from "./pipeline-conditions";
import type { Job } from "./pipeline-model";

/** The fleet note the job keeps as an artifact and prints in its log. */
export const FLEET_NOTE_FILE = ".beluga/estate-diff.md";

/** Paths whose change can change what any app renders: the constructs, the platform layer, environments, the lockfile. */
export const CONSTRUCTS_PATHS: readonly string[] = ["constructs/**/*", "platform/**/*", "environments/**/*", "package-lock.json"];

/** `estate:diff`: the name is a contract (the MR note, the root pipeline's tests). */
export const FLEET_DIFF_JOB = "estate:diff";

/**
 * The fleet impact of a merge request that touches the constructs, the platform (its catalog among
 * it) or the environments: `estate diff` renders the synthetic estate at the MR's merge base and at
 * its head, posts the fleet-impact note on the MR (edited in place on every push, with the MR-note
 * bot's token), keeps it as an artifact and prints it in the log. Full clone (`GIT_DEPTH: 0`) so the
 * merge base exists. Read-only: it deploys nothing and needs no state backend.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (CI_MERGE_REQUEST_DIFF_BASE_SHA)
 */
export function fleetDiffJob(stage: string): Job {
  return {
    name: FLEET_DIFF_JOB,
    stage,
    variables: { GIT_DEPTH: "0" },
    interruptible: true,
    timeout: "30 minutes",
    rules: [{ if: onMergeRequest, changes: { paths: CONSTRUCTS_PATHS } }],
    needs: [],
    script: [
      INSTALL_DEPENDENCIES,
      `npm run estate -- diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown --out ${FLEET_NOTE_FILE} --post`,
      `cat ${FLEET_NOTE_FILE}`,
    ],
    artifacts: { paths: [FLEET_NOTE_FILE], expireIn: "1 week", when: "always" },
  };
}
