import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * GitLab's own CI JSON schema (gitlab-org/gitlab `app/assets/javascripts/editor/schema/ci.json`, MIT
 * licence), as the pinned gitlab-ci-local package ships it (`src/schema/schema.js`), so the schema moves
 * only with a reviewed dependency bump. The file is an ES module holding one object literal; it is
 * evaluated in an empty context rather than imported because Jest runs this repository as CommonJS.
 * @see https://gitlab.com/gitlab-org/gitlab/-/blob/master/app/assets/javascripts/editor/schema/ci.json
 */
export function loadGitlabCiSchema(): Record<string, unknown> {
  const file = require.resolve("gitlab-ci-local/src/schema/schema.js");
  const text = readFileSync(file, "utf8").replace(/\/\/# sourceMappingURL=.*$/m, "");
  const body = text.replace(/^\s*export const schema\s*=\s*/, "").replace(/;\s*$/, "");
  if (body === text) throw new Error(`${file}: expected "export const schema = {…}"; the gitlab-ci-local layout changed`);
  return runInNewContext(`(${body})`, Object.create(null)) as Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

/**
 * The schema compiled with the options GitLab's schema needs: it is not strict-mode clean
 * (`strictTypes`, `strictTuples`), repeats properties in `patternProperties`, carries a
 * `markdownDescription` keyword, and uses `format`s (ajv-formats).
 */
export function gitlabCiValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strictTypes: false, strictTuples: false, allowMatchingProperties: true, allowUnionTypes: true });
    ajv.addKeyword("markdownDescription");
    addFormats(ajv);
    compiled = ajv.compile(loadGitlabCiSchema());
  }
  return compiled;
}

/**
 * Validates a `.gitlab-ci.yml` document (as a plain object) against GitLab's schema. Returns one line
 * per error (`/path: message`), empty when valid. GitLab's schema is a union of many shapes, so
 * ajv reports every branch that failed; the lines are deduplicated, not interpreted.
 */
export function validateCiSchema(document: unknown): string[] {
  const validate = gitlabCiValidator();
  if (validate(document)) return [];
  return [...new Set((validate.errors ?? []).map(formatError))];
}

function formatError(error: ErrorObject): string {
  const params = error.keyword === "additionalProperties" ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : "";
  return `${error.instancePath || "/"}: ${error.message ?? error.keyword}${params}`;
}
