import type { z } from "zod";
import { type Problem, show } from "./declaration-error";

type Issue = z.core.$ZodIssue;

/** Friendly names for the regular expressions of the model, so messages say what is allowed. */
const PATTERN_HINTS: ReadonlyArray<[RegExp, string, string]> = [
  [/sha256/, "a digest sha256:<64 hex characters>", "copy the digest printed by the image build"],
  [/Ki\|Mi\|Gi\|Ti/, "a memory quantity in binary units such as 256Mi or 2Gi", "use Mi or Gi (1GB → 1Gi, 512M → 512Mi)"],
  [/\[1-9\]\[0-9\]\*m/, "a CPU quantity such as 250m, 1 or 1.5", "write millicores with m (0.25 → 250m) or whole cores"],
  [
    /\^\[a-z\]\(\[-a-z0-9\]/,
    "a DNS-1123 label: lowercase letters, digits and '-', starting with a letter",
    "rename it in lowercase kebab-case",
  ],
  [/0\[1-9\]\|1\[0-2\]/, "a month-day like 04-01", "write the window bound as MM-DD"],
  [/A-Za-z0-9_\]\[A-Za-z0-9_\.-\]/, "an image tag of letters, digits, '.', '_' and '-'", "use the version the build produced, e.g. 1.4.2"],
  [/\[a-z0-9\]\+\(\?:/, "an image repository name in lowercase", "use lowercase letters, digits, '.', '_' or '-'"],
  [/A-Za-z0-9\._-\]\+\$/, "a file name of letters, digits, '.', '_' and '-'", "rename the file"],
];

/**
 * Fields people write from habit (Kubernetes, other platforms) and where they belong here, by the
 * path of the object they were written in.
 */
const MISPLACED_KEYS: ReadonlyArray<{ key: RegExp; under: RegExp; fix: string }> = [
  {
    key: /^replicas?$/,
    under: /^(components\.[^.]+|environments\.[^.]+\.components\.[^.]+)$/,
    fix: "replica counts go under scaling: scaling: { min, max } to autoscale, or scaling: { replicas: <n> } for a fixed count",
  },
  { key: /^replica$/, under: /\.scaling$/, fix: "write replicas (a fixed count), or min and max to autoscale" },
];

/**
 * `environments.<name>` keys of a declaration that are not environments of the instance, each
 * reported with the instance's environments. Works on unparsed input too, so the message comes
 * first even when the override's content is malformed.
 */
export function unknownEnvironmentProblems(app: string, input: unknown, environmentNames: readonly string[] | undefined): Problem[] {
  const environments = (input as { environments?: unknown } | null | undefined)?.environments;
  if (!environmentNames || typeof environments !== "object" || environments === null || Array.isArray(environments)) return [];
  return Object.keys(environments)
    .filter((env) => !environmentNames.includes(env))
    .map((env) => ({
      app,
      path: `environments.${env}`,
      message: "is not an environment of this platform",
      fix: `use one of ${environmentNames.join(", ")}, or remove it`,
    }));
}

function pathOf(prefix: PropertyKey[], issue: { path: PropertyKey[] }): string {
  return [...prefix, ...issue.path].map(String).join(".");
}

/**
 * Translates zod issues into problems phrased for app teams. Unions report the branch that came
 * closest, so `{ secret: "db" }` reads as a wrong secret reference rather than "invalid input".
 */
export function zodProblems(app: string, issues: readonly Issue[], prefix: PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue) => issueProblems(app, issue, prefix));
}

function issueProblems(app: string, issue: Issue, prefix: PropertyKey[]): Problem[] {
  const path = pathOf(prefix, issue);
  const value = issue.input;
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        app,
        path: path ? `${path}.${key}` : key,
        message: "is not a known field",
        fix:
          MISPLACED_KEYS.find((m) => m.key.test(key) && m.under.test(path))?.fix ??
          `remove it or check its spelling against the documented fields of ${path || "the app"}`,
      }));
    case "invalid_type":
      if (value === undefined) {
        return [{ app, path, message: `is required (${issue.expected})`, fix: `add ${path.split(".").pop()}` }];
      }
      return [{ app, path, message: `(${show(value)}) must be ${article(issue.expected)}`, fix: `write it as ${article(issue.expected)}` }];
    case "too_small":
      if (issue.origin === "string") return [{ app, path, message: "must not be empty", fix: "give it a value" }];
      if (issue.origin === "array")
        return [{ app, path, message: `needs at least ${issue.minimum} item(s)`, fix: "add an item or remove the field" }];
      return [{ app, path, message: `(${show(value)}) must be ≥ ${issue.minimum}`, fix: `raise it to ${issue.minimum} or more` }];
    case "too_big":
      if (issue.origin === "string") {
        return [{ app, path, message: `(${show(value)}) must be at most ${issue.maximum} characters`, fix: "shorten it" }];
      }
      return [{ app, path, message: `(${show(value)}) must be ≤ ${issue.maximum}`, fix: `lower it to ${issue.maximum} or less` }];
    case "invalid_format": {
      if (issue.format === "starts_with") {
        const prefixText = (issue as { prefix?: string }).prefix ?? "/";
        return [{ app, path, message: `(${show(value)}) must start with "${prefixText}"`, fix: `prefix it with "${prefixText}"` }];
      }
      const hint = PATTERN_HINTS.find(([re]) => re.test(issue.pattern ?? ""));
      const allowed = hint ? hint[1] : `text matching ${issue.pattern}`;
      return [{ app, path, message: `(${show(value)}) must be ${allowed}`, fix: hint ? hint[2] : "correct the value" }];
    }
    case "invalid_value":
      if (value === undefined) {
        return [
          {
            app,
            path,
            message: `is required (one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")})`,
            fix: `add ${path.split(".").pop()}`,
          },
        ];
      }
      return [
        {
          app,
          path,
          message: `(${show(value)}) must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
          fix: "pick one of the allowed values",
        },
      ];
    case "invalid_union":
      return unionProblems(app, issue, prefix, path, value);
    case "invalid_key": {
      const pattern = issue.issues.map((i) => (i as { pattern?: string }).pattern ?? "").join(" ");
      const hint = PATTERN_HINTS.find(([re]) => re.test(pattern));
      return [
        { app, path, message: `is not a valid name: it must be ${hint ? hint[1] : "a valid key"}`, fix: hint ? hint[2] : "rename the key" },
      ];
    }
    default:
      return [{ app, path, message: `(${show(value)}) is invalid: ${issue.message}`, fix: "correct the value" }];
  }
}

function unionProblems(
  app: string,
  issue: Issue & { code: "invalid_union" },
  prefix: PropertyKey[],
  path: string,
  value: unknown,
): Problem[] {
  const options = (issue as { options?: readonly unknown[] }).options;
  if (issue.discriminator && options) {
    return [
      {
        app,
        path: path.split(".").pop() === issue.discriminator ? path : path ? `${path}.${issue.discriminator}` : issue.discriminator,
        message: `(${show((value as Record<string, unknown> | undefined)?.[issue.discriminator])}) must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}`,
        fix: `set ${issue.discriminator} to one of the allowed values`,
      },
    ];
  }
  const branches = issue.errors.filter((branch) => branch.length > 0);
  // A branch that failed only on the top-level type is not what the author meant.
  const meaningful = branches.filter((branch) => !branch.every((i) => i.code === "invalid_type" && i.path.length === 0));
  if (meaningful.length === 0) {
    const expected = [...new Set(branches.flat().map((i) => (i.code === "invalid_type" ? i.expected : "value")))];
    return [{ app, path, message: `(${show(value)}) must be ${expected.map(article).join(" or ")}`, fix: "change its form" }];
  }
  const best = meaningful.reduce((a, b) => (b.length < a.length ? b : a));
  return zodProblems(app, best, [...prefix, ...issue.path]);
}

/** Plain words for zod's expected types (`int` here is zod's integer format, not an environment). */
const EXPECTED_IN_WORDS: Readonly<Record<string, string>> = { int: "a whole number", array: "a list" };

function article(expected: string): string {
  if (EXPECTED_IN_WORDS[expected]) return EXPECTED_IN_WORDS[expected];
  if (expected === "object" || expected === "record") return "an object";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
