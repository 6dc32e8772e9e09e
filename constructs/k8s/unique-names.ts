/** What the uniqueness check needs of a rendered object. */
interface Named {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/**
 * `<kind> <namespace>/<name>` of every object whose kind, namespace and name another object of the
 * list already has. Two such objects would overwrite each other on the cluster (the last applied
 * wins), so a renderer that produces any is broken.
 */
export function duplicateObjects(objects: readonly Named[]): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const o of objects) {
    const key = `${o.apiVersion.split("/")[0]}/${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    if (seen.has(key)) duplicates.push(`${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`);
    seen.add(key);
  }
  return duplicates;
}

/**
 * Throws when two rendered objects share kind, namespace and name. Declarations that would lead there
 * are refused by `resolve`; reaching this is a renderer bug, reported as one.
 */
export function assertUniqueObjects(objects: readonly Named[], what: string): void {
  const duplicates = duplicateObjects(objects);
  if (duplicates.length > 0) throw new Error(`${what} renders the same object twice: ${duplicates.join(", ")}`);
}
