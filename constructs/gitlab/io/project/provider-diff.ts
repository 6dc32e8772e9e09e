import type * as pulumi from "@pulumi/pulumi";

/** Which inputs of a dynamic resource GitLab can edit in place, and which force a new resource. */
export interface DiffRule {
  /** Changing any of these replaces the resource (GitLab cannot edit them, or they are its identity). */
  readonly replace: readonly string[];
  /** Changing any of these updates the resource in place. */
  readonly update: readonly string[];
  /**
   * Delete the old resource before creating the new one on replace: GitLab refuses two resources with
   * the same natural key (a branch protection, a variable key, an environment name).
   * @default false
   */
  readonly deleteBeforeReplace?: boolean;
}

/**
 * The `diff` of a dynamic provider: compares the previous state with the new inputs field by field
 * (deep, key order ignored, array order kept; an input left unset keeps GitLab's value, so it never
 * differs), and reports `replaces` for identity fields and `changes` for any
 * difference. The connection counts as an in-place change: a rotated token re-applies, never replaces.
 */
export function diffInputs(olds: Record<string, unknown>, news: Record<string, unknown>, rule: DiffRule): pulumi.dynamic.DiffResult {
  // Keys sorted: state comes back from the engine as a protobuf Struct, whose key order is not ours.
  const canonical = (value: unknown): string =>
    JSON.stringify(value ?? null, (_, v) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
    );
  const differs = (key: string) => news[key] !== undefined && canonical(olds[key]) !== canonical(news[key]);
  const replaces = rule.replace.filter(differs);
  const updates = [...rule.update, "connection"].filter(differs);
  const changes = replaces.length > 0 || updates.length > 0;
  return {
    changes,
    replaces,
    stables: rule.replace.filter((key) => !differs(key)),
    deleteBeforeReplace: replaces.length > 0 && (rule.deleteBeforeReplace ?? false),
  };
}
