/**
 * The document `pulumi preview --json` prints (Pulumi's `display.PreviewDigest`): the steps the engine
 * would take, each with the old and new state, the keys that differ and a per-property diff.
 * Only the fields the MR note reads are typed; everything else is carried through untouched.
 * @see https://github.com/pulumi/pulumi/blob/master/pkg/display/json.go
 */
export interface PreviewDigest {
  readonly steps?: readonly PreviewStep[];
  readonly changeSummary?: Readonly<Record<string, number>>;
  readonly diagnostics?: ReadonlyArray<{ readonly urn?: string; readonly message: string; readonly severity: string }>;
  readonly duration?: number;
}

/** `same`, `create`, `update`, `delete`, `replace`, `create-replacement`, `delete-replaced`, `read`, … */
export type StepOp = string;

/** One resource step. */
export interface PreviewStep {
  readonly op: StepOp;
  readonly urn: string;
  readonly provider?: string;
  readonly oldState?: ResourceState;
  readonly newState?: ResourceState;
  readonly diffReasons?: readonly string[];
  readonly replaceReasons?: readonly string[];
  /** Property path → `{ kind: add|add-replace|delete|delete-replace|update|update-replace, inputDiff }`. */
  readonly detailedDiff?: Readonly<Record<string, { readonly kind: string; readonly inputDiff?: boolean }>> | null;
}

/** `apitype.ResourceV3`, the fields read here. */
export interface ResourceState {
  readonly urn?: string;
  readonly type: string;
  readonly inputs?: Readonly<Record<string, unknown>>;
  readonly outputs?: Readonly<Record<string, unknown>>;
  readonly parent?: string;
}

/**
 * Parses a preview file; a file that is not a preview says so, naming the file and what to run.
 * Accepts the CLI's output as is (a leading non-JSON line, such as a warning, is skipped).
 */
export function parsePreviewDigest(text: string, source: string): PreviewDigest {
  const start = text.indexOf("{");
  let parsed: unknown;
  try {
    parsed = JSON.parse(start >= 0 ? text.slice(start) : text);
  } catch (error) {
    throw new PreviewFileError(
      `${source}: is not JSON (${(error as Error).message}); produce it with pulumi preview --json --stack <env> > ${source}`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || ("steps" in parsed && !Array.isArray((parsed as { steps: unknown }).steps))) {
    throw new PreviewFileError(
      `${source}: is not a pulumi preview --json document (expected an object with a steps array); produce it with pulumi preview --json --stack <env> > ${source}`,
    );
  }
  return parsed as PreviewDigest;
}

/** A preview file the note cannot read: a user-facing message, no stack trace. */
export class PreviewFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewFileError";
  }
}

/** `urn:pulumi:<stack>::<project>::<type chain>::<name>` → the resource name and its own type. */
export function urnParts(urn: string): { readonly stack: string; readonly project: string; readonly type: string; readonly name: string } {
  const [, stack = "", project = "", typeChain = "", ...rest] = urn.replace(/^urn:pulumi:/, "::").split("::");
  const types = typeChain.split("$");
  return { stack, project, type: types[types.length - 1], name: rest.join("::") };
}

/**
 * Reads a detailedDiff property path (`spec.template.spec.containers[0].image`,
 * `metadata.labels["app.kubernetes.io/version"]`) in a state's inputs.
 */
export function valueAt(object: unknown, path: string): unknown {
  const keys: Array<string | number> = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) keys.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
  let current: unknown = object;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
