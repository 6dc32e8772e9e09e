import type { EngineEvent } from "@pulumi/pulumi/automation";
import { type StackTarget, targetLabel } from "./stack-target";

/** A field a drift check does not count: another manager owns it in the cluster. */
export interface IgnoredField {
  /** Resource type (`kubernetes:apps/v1:Deployment`), as a pattern. */
  readonly type: RegExp;
  /** Field path as the engine's detailedDiff names it (`spec.replicas`), as a pattern. */
  readonly path: RegExp;
  /** The fields in words, for the report (`spec.replicas of a Deployment or StatefulSet`). */
  readonly label: string;
  readonly why: string;
}

/**
 * Fields other managers own. We never set `replicas` on a Deployment or StatefulSet (an HPA owns it,
 * under its own field manager): with server-side apply the provider's refresh reads back only the
 * fields our manager owns, so it should not appear; it is listed so that a provider version that
 * shows it anyway does not turn every autoscaled app into "drift".
 */
export const IGNORED_FIELDS: readonly IgnoredField[] = [
  {
    type: /^kubernetes:apps\/v1:(Deployment|StatefulSet)$/,
    path: /^spec\.replicas$/,
    label: "spec.replicas of a Deployment or StatefulSet",
    why: "the HorizontalPodAutoscaler owns it",
  },
  {
    type: /^kubernetes:/,
    path: /^(status(\.|\[|$)|metadata\.(managedFields|resourceVersion|generation|uid|creationTimestamp)\b)/,
    label: "status and the metadata the server sets",
    why: "the API server owns it",
  },
];

/** One resource whose cluster state differs from the code. */
export interface DriftedResource {
  /** `update`, `replace`, `create` (gone from the cluster), `delete` (in the state, no longer declared). */
  readonly op: string;
  readonly type: string;
  /** Logical name (last URN segment). */
  readonly name: string;
  /** Fields that differ, as detailedDiff paths (or the engine's top-level `diffs` when it gives no detail). */
  readonly fields: readonly string[];
}

/** The drift of one stack. */
export interface StackDrift {
  readonly target: StackTarget;
  readonly resources: readonly DriftedResource[];
  /** The preview failed (the message), so drift is unknown. */
  readonly error?: string;
}

const CHANGE_OPS = new Set([
  "create",
  "update",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "import",
  "import-replacement",
]);

/**
 * The drift a refreshed preview shows, from its engine events (`onEvent`): every `resourcePreEvent`
 * step that changes something, with the fields of its `detailedDiff`, minus `ignored` fields. A
 * replacement counts once. A resource whose only differences are ignored fields is not drift.
 */
export function driftFromEvents(
  target: StackTarget,
  events: readonly EngineEvent[],
  ignored: readonly IgnoredField[] = IGNORED_FIELDS,
): StackDrift {
  const byUrn = new Map<string, DriftedResource>();
  for (const event of events) {
    const step = event.resourcePreEvent?.metadata;
    if (!step || !CHANGE_OPS.has(step.op) || step.type.startsWith("pulumi:providers:")) continue;
    const op = step.op.includes("replace") ? "replace" : step.op;
    const all = step.detailedDiff ? Object.keys(step.detailedDiff) : (step.diffs ?? []);
    const fields = all.filter((path) => !ignored.some((i) => i.type.test(step.type) && i.path.test(path))).sort();
    if (op === "update" && all.length > 0 && fields.length === 0) continue;
    const previous = byUrn.get(step.urn);
    byUrn.set(step.urn, {
      op: previous && previous.op !== op ? "replace" : op,
      type: step.type,
      name: step.urn.split("::").pop() ?? step.urn,
      fields: [...new Set([...(previous?.fields ?? []), ...fields])].sort(),
    });
  }
  return { target, resources: [...byUrn.values()] };
}

/** The sign of a drifted resource's operation, as `pulumi preview` shows it. */
export const SIGN: Readonly<Record<string, string>> = { update: "~", replace: "+-", create: "+", delete: "-", import: "=" };
/** What a `create` or `delete` step means in a drift report. */
export const NOTE: Readonly<Record<string, string>> = {
  create: "missing from the cluster (deleted by hand?); a deploy creates it again",
  delete: "in the state but no longer declared; a deploy deletes it",
};

/** The report of a drift run, one block per stack, then a summary line. */
export function formatDriftReport(drifts: readonly StackDrift[]): string {
  const lines: string[] = [];
  for (const d of drifts) {
    const label = targetLabel(d.target);
    if (d.error) {
      lines.push(`${label}: drift unknown, the preview failed: ${d.error}`);
      continue;
    }
    if (d.resources.length === 0) {
      lines.push(`${label}: no drift`);
      continue;
    }
    lines.push(`${label}: ${d.resources.length} resource(s) differ from the code`);
    for (const r of d.resources) {
      const detail = r.fields.length > 0 ? `: ${r.fields.join(", ")}` : "";
      lines.push(`  ${SIGN[r.op] ?? r.op} ${r.type} ${r.name}${detail}${NOTE[r.op] ? ` (${NOTE[r.op]})` : ""}`);
    }
  }
  const drifted = drifts.filter((d) => d.resources.length > 0).map((d) => targetLabel(d.target));
  const failed = drifts.filter((d) => d.error).map((d) => targetLabel(d.target));
  lines.push(
    `drift: ${drifted.length} of ${drifts.length} stack(s) drifted${drifted.length > 0 ? ` (${drifted.join(", ")})` : ""}` +
      (failed.length > 0 ? `; ${failed.length} could not be checked (${failed.join(", ")})` : ""),
  );
  return lines.join("\n");
}
