import { readFileSync } from "node:fs";
import { join } from "node:path";
import { toGitlabCi, validateCiSchema } from "../../../constructs/gitlab";
import { CONSTRUCTS_PIPELINE_PATH, constructsPipeline, constructsPipelineFile } from "../../../platform/estate/diff/constructs-pipeline";
import { REPO_ROOT } from "../../../platform/repo-root";

describe("constructsPipeline", () => {
  it("is valid against GitLab's CI schema and runs estate diff against the MR's merge base", () => {
    const pipeline = constructsPipeline();
    expect(validateCiSchema(toGitlabCi(pipeline))).toEqual([]);
    const job = pipeline.jobs.find((j) => j.name === "estate:diff")!;
    expect(job.script).toContain(
      'npm run estate -- diff --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format markdown --out .beluga/estate-diff.md --post',
    );
    expect(job.rules[0].changes?.paths).toEqual(["constructs/**/*", "platform/**/*", "environments/**/*", "package-lock.json"]);
    expect(job.variables).toEqual({ GIT_DEPTH: "0" });
  });

  it("matches the committed file, which carries the generated marker", () => {
    const committed = readFileSync(join(REPO_ROOT, CONSTRUCTS_PIPELINE_PATH), "utf8");
    expect(committed).toBe(constructsPipelineFile().content);
    expect(committed).toContain("# generated — edit platform/estate/diff/constructs-pipeline.ts, run npm run estate -- pipeline");
  });
});
