import { validateCiSchema } from "../../constructs/gitlab/ci-schema";
import { loadGitlabCiSchema } from "../../constructs/gitlab/io/ci-schema-file";
import { appPipeline } from "../../constructs/gitlab/app-pipeline";
import { toGitlabCi } from "../../constructs/gitlab/pipeline-yaml";
import { apps } from "../../apps/catalog";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";

describe("GitLab CI schema (ajv, GitLab's ci.json as shipped by gitlab-ci-local 4.65.1)", () => {
  it("is GitLab's schema: draft-07, the .gitlab-ci.yml id, job keywords defined", () => {
    const schema = loadGitlabCiSchema() as {
      $id: string;
      $schema: string;
      definitions: Record<string, unknown>;
      properties: Record<string, unknown>;
    };
    expect(schema.$id).toBe("https://gitlab.com/.gitlab-ci.yml");
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(Object.keys(schema.definitions)).toEqual(expect.arrayContaining(["rules", "image", "artifacts"]));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["workflow", "stages", "variables", "default"]));
  });

  it.each(apps.map((a) => [a.name, a] as const))("accepts the generated pipeline of %s", (_name, app) => {
    expect(validateCiSchema(toGitlabCi(appPipeline(app, { environments, catalog })))).toEqual([]);
  });

  it("fails when a rule carries an unknown keyword, naming the path", () => {
    const errors = validateCiSchema({ stages: ["build"], job: { stage: "build", script: ["true"], rules: [{ iff: "$CI" }] } });
    expect(errors).toContain("/job/rules/0: must NOT have additional properties (iff)");
  });

  it("fails when a job's when is not a GitLab value", () => {
    const errors = validateCiSchema({ job: { script: ["true"], when: "sometimes" } });
    expect(errors).toContain("/job/when: must be equal to one of the allowed values");
  });

  it("fails when needs entries are malformed", () => {
    const errors = validateCiSchema({ job: { script: ["true"], needs: [{ jobb: "x" }] } });
    expect(errors.some((e) => e.startsWith("/job/needs/0"))).toBe(true);
  });
});
