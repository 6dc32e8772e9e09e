import type { EnvName, EnvironmentSpec } from "../model";
import type { EnvironmentSet } from "../instance";
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

/** The ledger with a successful deployment of `digests` (by workload) added. Pure: returns a new ledger. */
export function recordDeployment(
  ledger: PromotionLedger,
  app: string,
  env: EnvName,
  digests: Readonly<Record<string, string>>,
  at: Date,
  by?: string,
): PromotionLedger {
  const added = Object.entries(digests).map(([workload, digest]): LedgerEntry => ({
    app,
    workload,
    env,
    digest,
    at: at.toISOString(),
    ...(by ? { by } : {}),
  }));
  return { entries: [...ledger.entries, ...added] };
}

/** Ledger entries from an app stack's outputs (`digests`, as `deployApp` exports them). */
export function ledgerFromStackOutputs(
  app: string,
  env: EnvName,
  outputs: { readonly digests?: Readonly<Record<string, string>> },
  at: Date,
): PromotionLedger {
  return recordDeployment({ entries: [] }, app, env, outputs.digests ?? {}, at);
}

/**
 * Promotion by digest: a digest reaches an environment only after it ran in the one it `promotesFrom`
 * (Int after Dev, RE7 after Int, Prod after RE7 here).
 * Every workload deployed to `env` must have run with the same digest in the previous environment;
 * a workload without a digest fails where digests are required.
 */
export function checkPromotion(
  ledger: PromotionLedger,
  app: string,
  env: EnvironmentSpec,
  environments: EnvironmentSet,
  digests: Readonly<Record<string, string | undefined>>,
): GateDecision {
  const previousSpec = environments.previous(env.name);
  if (!previousSpec) {
    return {
      gate: "promotion",
      passed: true,
      allowed: true,
      messages: [`${app}: ${env.displayName} is the first environment; its deployments start the promotion record.`],
    };
  }
  const previous = previousSpec.name;
  const display = (name: string) => environments.display(name);
  const messages: string[] = [];
  const refusals: string[] = [];
  let passed = true;
  for (const [workload, digest] of Object.entries(digests)) {
    if (!digest) {
      passed = false;
      refusals.push(
        `${app}: ${workload} has no digest, so its promotion to ${env.displayName} cannot be verified; deploy by digest (stack config beluga:digests or BELUGA_DIGEST_${workload.toUpperCase().replace(/[^A-Z0-9]/g, "_")}).`,
      );
      continue;
    }
    const seen = ledger.entries.find((e) => e.app === app && e.workload === workload && e.env === previous && e.digest === digest);
    if (seen) {
      messages.push(`${app}: ${workload} ${digest} ran in ${display(previous)} (${seen.at}); promotion to ${env.displayName} verified.`);
    } else {
      passed = false;
      const ran = ledger.entries.filter((e) => e.app === app && e.workload === workload && e.env === previous).map((e) => e.digest);
      const known =
        ran.length > 0
          ? `${display(previous)} ran ${[...new Set(ran)].slice(-3).join(", ")}`
          : `${display(previous)} has no recorded deployment of it`;
      refusals.push(
        `${app}: ${workload} ${digest} has not been verified in ${display(previous)} (${known}); deploy this digest to ${display(previous)} first, then promote it to ${env.displayName}.`,
      );
    }
  }
  return { gate: "promotion", passed, allowed: passed, messages: [...messages, ...refusals], ...(passed ? {} : { refusals }) };
}
