import type { K8sObject } from "../../../constructs/k8s";
import { readManifestDocument } from "./manifest-reader";

/** One leaf that differs between two versions of an object. `undefined` means absent on that side. */
export interface FieldChange {
  /** Dotted path with indexes, e.g. `spec.template.spec.containers[0].readinessProbe.timeoutSeconds`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A rendered object paired with the text it was rendered as. */
export interface ParsedObject {
  /** `<kind>/<name>`: unique within one app's render (one namespace per app and environment). */
  readonly key: string;
  readonly object: K8sObject;
}

/**
 * Every leaf that differs between `before` and `after`, depth first in key order. Arrays are
 * compared index by index (the renderers emit them in a stable order), so a new list entry shows as
 * one added index rather than a rewrite of the list.
 */
export function fieldChanges(before: unknown, after: unknown, path = ""): FieldChange[] {
  const out: FieldChange[] = [];
  collectChanges(before, after, path, out);
  return out;
}

/** `fieldChanges` into one array: a whole estate's objects are walked, so no array per level. */
function collectChanges(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++)
      if (before[i] !== after[i]) collectChanges(before[i], after[i], `${path}[${i}]`, out);
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) if (before[key] !== after[key]) collectChanges(before[key], after[key], join(path, key), out);
    return;
  }
  out.push({ path, before, after });
}

/**
 * The objects of one app's multi-document YAML that are not byte-identical to a document of `other`,
 * parsed and keyed. Identical documents are skipped without parsing: the renderer is deterministic,
 * so equal text is an equal object, and most of an estate does not change between two renders.
 */
export function changedDocuments(yaml: string, other: string | undefined): Map<string, ParsedObject> {
  const otherDocs = new Set(other === undefined ? [] : splitDocuments(other));
  const out = new Map<string, ParsedObject>();
  for (const text of splitDocuments(yaml)) {
    if (otherDocs.has(text)) continue;
    const object = readManifestDocument(text) as K8sObject | null;
    if (!object || typeof object !== "object") continue;
    const key = `${object.kind}/${object.metadata?.name ?? "?"}`;
    out.set(key, { key, object });
  }
  return out;
}

/** The documents of a multi-document YAML stream, as text. */
export function splitDocuments(yaml: string): string[] {
  return yaml
    .split(/^---\s*$/m)
    .map((d) => d.trim())
    .filter((d) => d.length > 0);
}

/** `a.b`, or `a["x/y"]` for keys that are not plain identifiers (label names). */
function join(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a reviewer reads it in one line: strings bare, absent as ∅, long values cut. */
export function showValue(value: unknown): string {
  if (value === undefined) return "∅";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
