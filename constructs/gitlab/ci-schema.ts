import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { loadGitlabCiSchema } from "./io/ci-schema-file";

let compiled: ValidateFunction | undefined;

/**
 * GitLab's CI schema (`loadGitlabCiSchema`, read once) compiled with the options it needs: it is not
 * strict-mode clean (`strictTypes`, `strictTuples`), repeats properties in `patternProperties`,
 * carries a `markdownDescription` keyword, and uses `format`s (ajv-formats).
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
  const params =
    error.keyword === "additionalProperties" ? ` (${(error.params as { additionalProperty: string }).additionalProperty})` : "";
  return `${error.instancePath || "/"}: ${error.message ?? error.keyword}${params}`;
}
