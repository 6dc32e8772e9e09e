import { ENV_DISPLAY, ENV_NAMES, type EnvName } from "../model";
import type { GateDecision } from "./gate-decision";

/** One verified deployment of a workload's image: it ran (the `up` succeeded) in an environment. */
export interface LedgerEntry {
  readonly app: string;
  readonly workload: string;
  readonly env: EnvName;
  readonly digest: string;
  /** ISO time the deployment completed. */
  readonly at: string;
  /** Who or what deployed it (pipeline user, job id). */
  readonly by?: string;
}

/**
 * What ran where, by digest: the promotion record the pipeline keeps with the stacks (a JSON file per
 * app, see `ledger-store.ts`, or rebuilt from each stack's `digests` output).
 */
export interface PromotionLedger {
  readonly entries: readonly LedgerEntry[];
}

/** The environment a digest must have passed before `env` (undefined for Dev). */
export function previousEnvironment(env: EnvName): EnvName | undefined {
  const index = ENV_NAMES.indexOf(env);
  return index > 0 ? ENV_NAMES[index - 1] : undefined;
}

/** The ledger with a successful deployment of `digests` (by workload) added. Pure: returns a new ledger. */
export function recordDeployment(ledger: PromotionLedger, app: string, env: EnvName, digests: Readonly<Record<string, string>>, at: Date, by?: string): PromotionLedger {
  const added = Object.entries(digests).map(([workload, digest]): LedgerEntry => ({ app, workload, env, digest, at: at.toISOString(), ...(by ? { by } : {}) }));
  return { entries: [...ledger.entries, ...added] };
}

/** Ledger entries from an app stack's outputs (`digests`, as `deployApp` exports them). */
export function ledgerFromStackOutputs(app: string, env: EnvName, outputs: { readonly digests?: Readonly<Record<string, string>> }, at: Date): PromotionLedger {
  return recordDeployment({ entries: [] }, app, env, outputs.digests ?? {}, at);
}

/**
 * Promotion by digest: a digest reaches Int only after Dev, RE7 only after Int, Prod only after RE7.
 * Every workload deployed to `env` must have run with the same digest in the previous environment;
 * a workload without a digest fails where digests are required.
 */
export function checkPromotion(ledger: PromotionLedger, app: string, env: EnvName, digests: Readonly<Record<string, string | undefined>>): GateDecision {
  const previous = previousEnvironment(env);
  if (!previous) return { gate: "promotion", passed: true, allowed: true, messages: [`${app}: Dev is the first environment; its deployments start the promotion record.`] };
  const messages: string[] = [];
  let passed = true;
  for (const [workload, digest] of Object.entries(digests)) {
    if (!digest) {
      passed = false;
      messages.push(`${app}: ${workload} has no digest, so its promotion to ${ENV_DISPLAY[env]} cannot be verified; deploy by digest (stack config beluga:digests or BELUGA_DIGEST_${workload.toUpperCase().replace(/[^A-Z0-9]/g, "_")}).`);
      continue;
    }
    const seen = ledger.entries.find((e) => e.app === app && e.workload === workload && e.env === previous && e.digest === digest);
    if (seen) {
      messages.push(`${app}: ${workload} ${digest} ran in ${ENV_DISPLAY[previous]} (${seen.at}); promotion to ${ENV_DISPLAY[env]} verified.`);
    } else {
      passed = false;
      const ran = ledger.entries.filter((e) => e.app === app && e.workload === workload && e.env === previous).map((e) => e.digest);
      const known = ran.length > 0 ? `${ENV_DISPLAY[previous]} ran ${[...new Set(ran)].slice(-3).join(", ")}` : `${ENV_DISPLAY[previous]} has no recorded deployment of it`;
      messages.push(`${app}: ${workload} ${digest} has not been verified in ${ENV_DISPLAY[previous]} (${known}); deploy this digest to ${ENV_DISPLAY[previous]} first, then promote it to ${ENV_DISPLAY[env]}.`);
    }
  }
  return { gate: "promotion", passed, allowed: passed, messages };
}
