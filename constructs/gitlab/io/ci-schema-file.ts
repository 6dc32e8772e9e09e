import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";

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
