import {
  CONSTRUCTS_PATHS,
  FLEET_NOTE_FILE,
  NODE_CACHE,
  PIPELINE_IMAGES,
  type Pipeline,
  WORKFLOW_RULES,
  fleetDiffJob,
  renderPipelineYaml,
  toGitlabCi,
  validateCiSchema,
} from "../../../constructs/gitlab";

/** Where the constructs' own merge-request pipeline is written (the platform project's CI configuration file). */
export const CONSTRUCTS_PIPELINE_PATH = ".gitlab/constructs-ci.yml";
export { CONSTRUCTS_PATHS, FLEET_NOTE_FILE };

/**
 * The merge-request pipeline of the constructs themselves: one `estate:diff` job (`fleetDiffJob`, the
 * same job the root pipeline runs) that posts the fleet-impact note on the MR. Built through the typed
 * pipeline model, like every app pipeline.
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
    defaultImage: PIPELINE_IMAGES.tools,
    defaultCache: NODE_CACHE,
    jobs: [fleetDiffJob("review")],
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
