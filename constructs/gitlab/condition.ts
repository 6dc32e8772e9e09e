/**
 * A typed `rules:if` expression. The generator builds conditions from these constructors instead of
 * writing strings, so the same value renders to GitLab's syntax and is evaluated in-process for the
 * semantic checks (which jobs exist in which pipeline variant).
 *
 * Only the subset of GitLab's expression language the generator needs: equality with a string, with
 * `null` or with another variable, "defined and non-empty", regex match and non-match, `&&` and `||`.
 * @see https://docs.gitlab.com/ci/jobs/job_rules/#cicd-variable-expressions
 */
export type Condition =
  | { readonly kind: "equals"; readonly variable: string; readonly value: string | null | { readonly variable: string } }
  | { readonly kind: "notEquals"; readonly variable: string; readonly value: string | null | { readonly variable: string } }
  | { readonly kind: "defined"; readonly variable: string }
  | { readonly kind: "matches"; readonly variable: string; readonly pattern: string }
  | { readonly kind: "notMatches"; readonly variable: string; readonly pattern: string }
  | { readonly kind: "all"; readonly of: readonly Condition[] }
  | { readonly kind: "any"; readonly of: readonly Condition[] };

/** Variables of one pipeline run, as GitLab predefines them (absent = undefined). */
export type PipelineVariables = Readonly<Record<string, string | undefined>>;

/** `$VAR == "value"`, `$VAR == null` or `$VAR == $OTHER`. */
export const equals = (variable: string, value: string | null | { variable: string }): Condition => ({ kind: "equals", variable, value });
/** `$VAR != …`. */
export const notEquals = (variable: string, value: string | null | { variable: string }): Condition => ({
  kind: "notEquals",
  variable,
  value,
});
/** `$VAR`: defined and not empty. */
export const defined = (variable: string): Condition => ({ kind: "defined", variable });
/** `$VAR =~ /pattern/`. */
export const matches = (variable: string, pattern: string): Condition => ({ kind: "matches", variable, pattern });
/** `$VAR !~ /pattern/`: also true when the variable is unset (GitLab matches nothing against null). */
export const notMatches = (variable: string, pattern: string): Condition => ({ kind: "notMatches", variable, pattern });
/** `a && b && …`. */
export const all = (...of: Condition[]): Condition => ({ kind: "all", of });
/** `a || b || …`. */
export const any = (...of: Condition[]): Condition => ({ kind: "any", of });

function operand(value: string | null | { variable: string }): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  return `$${value.variable}`;
}

/** GitLab's syntax for a condition; `||` groups are parenthesised inside `&&`. */
export function renderCondition(condition: Condition): string {
  switch (condition.kind) {
    case "equals":
      return `$${condition.variable} == ${operand(condition.value)}`;
    case "notEquals":
      return `$${condition.variable} != ${operand(condition.value)}`;
    case "defined":
      return `$${condition.variable}`;
    case "matches":
      return `$${condition.variable} =~ /${condition.pattern}/`;
    case "notMatches":
      return `$${condition.variable} !~ /${condition.pattern}/`;
    case "all":
      return condition.of.map((c) => (c.kind === "any" ? `(${renderCondition(c)})` : renderCondition(c))).join(" && ");
    case "any":
      return condition.of.map(renderCondition).join(" || ");
  }
}

function valueOf(value: string | null | { variable: string }, variables: PipelineVariables): string | null {
  if (value === null || typeof value === "string") return value;
  return variables[value.variable] ?? null;
}

/** Evaluates a condition the way GitLab does for the subset above (an unset variable is `null`). */
export function evaluateCondition(condition: Condition, variables: PipelineVariables): boolean {
  switch (condition.kind) {
    case "equals":
      return (variables[condition.variable] ?? null) === valueOf(condition.value, variables);
    case "notEquals":
      return (variables[condition.variable] ?? null) !== valueOf(condition.value, variables);
    case "defined":
      return (variables[condition.variable] ?? "") !== "";
    case "matches": {
      const value = variables[condition.variable];
      return value !== undefined && new RegExp(condition.pattern).test(value);
    }
    case "notMatches": {
      const value = variables[condition.variable];
      return value === undefined || !new RegExp(condition.pattern).test(value);
    }
    case "all":
      return condition.of.every((c) => evaluateCondition(c, variables));
    case "any":
      return condition.of.some((c) => evaluateCondition(c, variables));
  }
}
