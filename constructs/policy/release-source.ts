import type { AppDeclaration, EnvName, EnvironmentSpec } from "../model";
import { type PromotionLedger, ledgerFromStackOutputs } from "./promotion-ledger";

/**
 * What one app stack runs, as its state in the shared backend says: the stack's outputs (`digests` and
 * `versions` by workload, exported by `deployApp`) and the result of its last update. Read by the
 * tooling (`platform/deploy/stack-record.ts`); this module only decides from it.
 */
export interface StackRecord {
  readonly env: EnvName;
  readonly digests: Readonly<Record<string, string>>;
  /** Empty for stacks deployed before `versions` was exported: their digests are then not reused. */
  readonly versions: Readonly<Record<string, string>>;
  /** The last update: `succeeded`, `failed`, `in-progress`… @default - the stack never ran an update */
  readonly lastUpdate?: {
    readonly result: string;
    readonly endTime?: string;
    /** Who: the commit author Pulumi recorded with the update (`git.author`). @default - not recorded */
    readonly by?: string;
  };
}

/** Where each workload's digest comes from in one deploy. */
export type DigestSource = "built" | "promoted" | "kept" | "declared";

/** The images one deploy uses and the promotion record its gate checks them against. */
export interface ReleasePlan {
  /** Digest by workload, to pass as `digests` to render/deploy; workloads absent keep the declaration's. */
  readonly digests: Readonly<Record<string, string>>;
  readonly sources: Readonly<Record<string, DigestSource>>;
  /** What the previous environment verifiably runs (empty when it has no successful update). */
  readonly ledger: PromotionLedger;
  /** One line per workload and per distrusted record, for the job log. */
  readonly notes: readonly string[];
}

/** What a deploy knows besides the declaration: the stacks' records and the digests this pipeline built. */
export interface ReleaseCircumstances {
  /** The stack being deployed, as it runs now. @default - never deployed */
  readonly current?: StackRecord;
  /** The stack of `env.promotesFrom`. @default - none (first environment, or never deployed) */
  readonly previous?: StackRecord;
  /** Digests this pipeline's image jobs built (`BELUGA_DIGEST_<WORKLOAD>`), by workload. */
  readonly built?: Readonly<Record<string, string>>;
}

/**
 * The version of record, decided once for every deploy path (pipeline job, `beluga deploy`, gate):
 * the declaration names each workload's version; the digest of that version is, in order,
 * 1. in an environment that promotes from another, the one the previous environment runs for the same
 *    version, if its last update succeeded (Int receives what Dev runs, RE7 what Int runs…), unless
 *    this pipeline built another digest for it;
 * 2. the one this pipeline's image job built;
 * 3. in the first environment, the one it already runs for the same version (a pipeline that rebuilt
 *    only another component keeps this one: no silent rollback to an older digest in `app.ts`);
 * 4. the declaration's own digest (a laptop, a first deploy).
 * The promotion gate then checks every digest against what the previous environment runs, so a
 * digest passed by hand that the previous environment never ran is refused.
 */
export function releasePlan(declaration: AppDeclaration, env: EnvironmentSpec, circumstances: ReleaseCircumstances): ReleasePlan {
  const { current, previous, built = {} } = circumstances;
  const notes: string[] = [];
  const trusted = (record: StackRecord | undefined, role: string): StackRecord | undefined => {
    if (!record) return undefined;
    if (record.lastUpdate?.result === "succeeded") return record;
    notes.push(
      `${declaration.name}: the ${role} stack (${record.env}) ${record.lastUpdate ? `last update ${record.lastUpdate.result}${record.lastUpdate.endTime ? ` at ${record.lastUpdate.endTime}` : ""}` : "has no update"}; what it reports running is not used.`,
    );
    return undefined;
  };
  const promoting = env.promotesFrom !== undefined;
  const from = promoting ? trusted(previous, "previous environment's") : undefined;
  const own = promoting ? undefined : trusted(current, "current");
  const digests: Record<string, string> = {};
  const sources: Record<string, DigestSource> = {};
  const workloads = [...Object.entries(declaration.components), ...Object.entries(declaration.batches ?? {})];
  for (const [name, spec] of workloads) {
    const version = spec.image.version;
    const pick = (digest: string | undefined, source: DigestSource, how: string): boolean => {
      if (!digest) return false;
      digests[name] = digest;
      sources[name] = source;
      notes.push(`${declaration.name}: ${name} ${version} ${how} (${digest})`);
      return true;
    };
    const running = from?.versions[name] === version ? from.digests[name] : undefined;
    // A digest the pipeline built that the previous environment does not run is kept as asked: the
    // promotion gate then refuses it, naming what that environment runs.
    if ((!built[name] || built[name] === running) && pick(running, "promoted", `received from ${from?.env}`)) continue;
    if (pick(built[name], "built", "built by this pipeline")) continue;
    if (own?.versions[name] === version && pick(own.digests[name], "kept", `kept: ${own.env} already runs it`)) continue;
    sources[name] = "declared";
    notes.push(`${declaration.name}: ${name} ${version} as declared${spec.image.digest ? ` (${spec.image.digest})` : " (no digest)"}`);
  }
  const ledger: PromotionLedger = from
    ? ledgerFromStackOutputs(declaration.name, from.env, from, new Date(from.lastUpdate?.endTime ?? 0))
    : { entries: [] };
  return { digests, sources, ledger, notes };
}
