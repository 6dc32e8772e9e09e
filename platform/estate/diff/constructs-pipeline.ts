import {
  INSTALL_DEPENDENCIES,
  NODE_CACHE,
  PIPELINE_IMAGES,
  type Pipeline,
  WORKFLOW_RULES,
  onMergeRequest,
  renderPipelineYaml,
  toGitlabCi,
  validateCiSchema,
} from "../../../constructs/gitlab";

/** Where the constructs' own merge-request pipeline is written (the platform project's CI configuration file). */
export const CONSTRUCTS_PIPELINE_PATH = ".gitlab/constructs-ci.yml";
/** The fleet note the job keeps as an artifact and prints in its log. */
export const FLEET_NOTE_FILE = ".beluga/estate-diff.md";

/** Paths whose change can change what any app renders: the constructs, the platform layer, environments, the lockfile. */
export const CONSTRUCTS_PATHS = ["constructs/**/*", "platform/**/*", "environments/**/*", "package-lock.json"];

/**
 * The merge-request pipeline of the constructs themselves: one `estate:diff` job that renders the
 * synthetic estate at the MR's merge base and at its head, posts the fleet-impact note on the MR
 * (edited in place on every push; BELUGA_MR_BOT_TOKEN is a project variable, as for the apps), keeps
 * it as an artifact and prints it in the log. Full clone (`GIT_DEPTH: 0`) so the merge base exists.
 * Built through the typed pipeline model, like every app pipeline.
 * @see https://docs.gitlab.com/ci/variables/predefined_variables/ (CI_MERGE_REQUEST_DIFF_BASE_SHA)
 */
export function constructsPipeline(): Pipeline {
  return {
    header: [
      "constructs: fleet impact of a construct change on every merge request",
      "generated — edit platform/estate/diff/constructs-pipeline.ts, run npm run estate -- pipeline",
    ],
    workflow: { rules: WORKFLOW_RULES },
    stages: ["review"],
    variables: { GIT_DEPTH: "0" },
    defaultImage: PIPELINE_IMAGES.tools,
    defaultCache: NODE_CACHE,
    jobs: [
      {
        name: "estate:diff",
        stage: "review",
        interruptible: true,
        timeout: "30 minutes",
        rules: [{ if: onMergeRequest, changes: { paths: CONSTRUCTS_PATHS } }],
        needs: [],
        script: [
          INSTALL_DEPENDENCIES,
          'npm run estate -- diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown --out ' + FLEET_NOTE_FILE + " --post",
          `cat ${FLEET_NOTE_FILE}`,
        ],
        artifacts: { paths: [FLEET_NOTE_FILE], expireIn: "1 week", when: "always" },
      },
    ],
  };
}

/** The pipeline file's text, or the GitLab schema errors that prevent writing it. */
export function constructsPipelineFile(): { readonly content?: string; readonly errors: readonly string[] } {
  const pipeline = constructsPipeline();
  const errors = validateCiSchema(toGitlabCi(pipeline)).map(
    (e) => `${CONSTRUCTS_PIPELINE_PATH} ${e} (GitLab CI schema); fix constructsPipeline`,
  );
  return errors.length > 0 ? { errors } : { content: renderPipelineYaml(pipeline), errors };
}
