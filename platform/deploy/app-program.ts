import type { AppDeclaration } from "../../constructs/model";
import { type AppStackOutputs, deployApp } from "../../constructs/pulumi";
import { ledgerDir, readLedger } from "../../constructs/policy/io";
import { beluga } from "../instance";
import { REPO_ROOT } from "../repo-root";

/**
 * The Pulumi program of one of this repository's apps (`export = appProgram(sinistre)` in
 * `apps/<app>/index.ts`). The one place the deploy reads its circumstances from the job's environment:
 * - `BELUGA_DIGEST_<WORKLOAD>`: digests the pipeline's image jobs built (dotenv artifacts);
 * - `BELUGA_LEDGER=1`: check promotion against the ledger in `$BELUGA_LEDGER_DIR` (or `.beluga/ledger`);
 * - the instance's change variable (`BELUGA_CHANGE_ID`, `changeManagement.variable`): a change id,
 *   which must be well-formed and opens a closed release window.
 */
export function appProgram(declaration: AppDeclaration, processEnv: NodeJS.ProcessEnv = process.env): AppStackOutputs {
  return deployApp(beluga, declaration, {
    digests: pipelineDigests(declaration, processEnv),
    ledger: processEnv.BELUGA_LEDGER ? readLedger(ledgerDir(REPO_ROOT, processEnv), declaration.name) : undefined,
    emergencyChange: processEnv[beluga.instance.changeManagement.variable] || undefined,
    now: new Date(),
  });
}

/** The CI variable that carries a workload's digest: `BELUGA_DIGEST_<WORKLOAD>` (upper case, `_` for others). */
export function digestVariable(workload: string): string {
  return `BELUGA_DIGEST_${workload.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * Digests a GitLab pipeline's image jobs hand to its deploy jobs, as `BELUGA_DIGEST_<WORKLOAD>`
 * (dotenv artifacts; see constructs/gitlab). Stack config `beluga:digests` overrides them.
 */
export function pipelineDigests(declaration: AppDeclaration, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const workloads = [...Object.keys(declaration.components), ...Object.keys(declaration.batches ?? {})];
  return Object.fromEntries(
    workloads.flatMap((w) => {
      const value = processEnv[digestVariable(w)];
      return value ? [[w, value]] : [];
    }),
  );
}
