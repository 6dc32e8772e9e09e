/**
 * How the company's change-management tool names a change, and the one CI/CD variable that carries a
 * change id through a deploy. One name and one format for the three places that read it: the deploy
 * freeze rule of the generated pipelines (a frozen environment deploys only with a well-formed id),
 * the release-window gate (an id opens a closed window) and the release record (the id is recorded).
 * Instance data: `defineInstance({ changeManagement })`.
 */
export interface ChangeManagement {
  /** The CI/CD variable a person sets when running a pipeline under a change, e.g. `BELUGA_CHANGE_ID`. */
  readonly variable: string;
  /**
   * The id format, anchored (`^…$`). Evaluated by GitLab (RE2, in `rules:if`) and by Node.js, so keep
   * to what both read: character classes, counted repetitions, literal characters.
   */
  readonly idPattern: string;
  /** An id in that format, shown in messages and used by the pipeline's own checks. */
  readonly example: string;
}

/** The change management of the Beluga instance: `BELUGA_CHANGE_ID=CHG-123456`. */
export const DEFAULT_CHANGE_MANAGEMENT: ChangeManagement = {
  variable: "BELUGA_CHANGE_ID",
  idPattern: "^CHG-[0-9]{6}$",
  example: "CHG-123456",
};

const CI_VARIABLE = /^[A-Z][A-Z0-9_]*$/;

/** Whether `id` is a change id in the instance's format. */
export function isChangeId(change: ChangeManagement, id: string): boolean {
  return new RegExp(change.idPattern).test(id);
}

/**
 * The sentence refusing a malformed change id, or `undefined` when `id` is well-formed.
 * @example malformedChangeId(DEFAULT_CHANGE_MANAGEMENT, "CHG0042001")
 *   // 'change id "CHG0042001" (BELUGA_CHANGE_ID) is malformed: ids look like CHG-123456 (^CHG-[0-9]{6}$); …'
 */
export function malformedChangeId(change: ChangeManagement, id: string): string | undefined {
  if (isChangeId(change, id)) return undefined;
  return `change id "${id}" (${change.variable}) is malformed: ids look like ${change.example} (${change.idPattern}); give the id as the change-management tool issued it`;
}

/** Every problem of a change-management declaration, as `changeManagement.<field>: …; fix …` lines. */
export function changeManagementProblems(change: ChangeManagement): string[] {
  const problems: string[] = [];
  if (!CI_VARIABLE.test(change.variable))
    problems.push(
      `changeManagement.variable (${JSON.stringify(change.variable)}) is not a CI/CD variable name; use upper-case letters, digits and underscores, e.g. BELUGA_CHANGE_ID`,
    );
  let compiles = true;
  try {
    new RegExp(change.idPattern);
  } catch {
    compiles = false;
  }
  // A "/" would end GitLab's `/…/` regex literal in rules:if; unanchored, "XCHG-1234567" would pass.
  if (!compiles || !change.idPattern.startsWith("^") || !change.idPattern.endsWith("$") || change.idPattern.includes("/"))
    problems.push(
      `changeManagement.idPattern (${JSON.stringify(change.idPattern)}) must be a regular expression anchored with ^ and $, without "/"; e.g. ^CHG-[0-9]{6}$`,
    );
  else if (!isChangeId(change, change.example))
    problems.push(
      `changeManagement.example (${JSON.stringify(change.example)}) does not match idPattern ${change.idPattern}; give an id in that format`,
    );
  return problems;
}
