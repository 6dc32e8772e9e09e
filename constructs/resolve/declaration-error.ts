/**
 * One problem in a declaration, phrased for the app team: which app, where, what was found, what is
 * allowed, and how to fix it.
 */
export interface Problem {
  readonly app: string;
  /** Dotted path in the declaration, e.g. `components.api.scaling.max`. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** `sinistre: components.api.scaling.max (1) must be ≥ scaling.min (2); raise max or lower min`. */
export function formatProblem(problem: Problem): string {
  const where = problem.path ? `${problem.app}: ${problem.path}` : problem.app;
  return `${where} ${problem.message}; ${problem.fix}`;
}

/**
 * Thrown when a declaration is invalid. Carries every problem found, so a team fixes them in one go.
 * Command-line entry points print `messages` and exit non-zero without a stack trace.
 */
export class DeclarationError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "DeclarationError";
    this.problems = problems;
  }
  /** One line per problem. */
  get messages(): string[] {
    return this.problems.map(formatProblem);
  }
}

/** Renders a value for a message: short, quoted strings, JSON otherwise. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
