import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GateDecision } from "../gate-decision";
import type { PromotionLedger } from "../promotion-ledger";

/**
 * Where promotion ledgers live: `$BELUGA_LEDGER_DIR`, else `<repo>/.beluga/ledger`. One file per app
 * (`<app>.json`) and one decision log (`decisions.jsonl`), so a pipeline can cache or publish them
 * next to the stacks' state. The only I/O of constructs/policy.
 */
export function ledgerDir(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.BELUGA_LEDGER_DIR ?? join(repoRoot, ".beluga", "ledger");
}

/** The ledger of an app; empty when none was recorded yet. */
export function readLedger(dir: string, app: string): PromotionLedger {
  const file = join(dir, `${app}.json`);
  if (!existsSync(file)) return { entries: [] };
  const parsed = JSON.parse(readFileSync(file, "utf8")) as PromotionLedger;
  if (!Array.isArray(parsed.entries)) throw new Error(`${file} is not a promotion ledger (no "entries" list)`);
  return parsed;
}

/** Writes an app's ledger atomically (write then rename), so a killed job never leaves half a file. */
export function writeLedger(dir: string, app: string, ledger: PromotionLedger): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${app}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(ledger, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Appends gate decisions to the decision log, one JSON object per line. */
export function logDecisions(
  dir: string,
  record: {
    readonly app: string;
    readonly env: string;
    readonly at: string;
    readonly by?: string;
    readonly decisions: readonly GateDecision[];
  },
): string {
  const file = join(dir, "decisions.jsonl");
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(record)}\n`);
  return file;
}
