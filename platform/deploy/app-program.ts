import type { AppDeclaration } from "../../constructs/model";
import { type AppStackOutputs, deployApp } from "../../constructs/pulumi";
import type { ReleasePlan } from "../../constructs/policy";
import { beluga } from "../instance";

/**
 * The Pulumi program of one of this repository's apps (`export = appProgram(sinistre)` in
 * `apps/<app>/index.ts`). The one place the deploy reads its circumstances from the job's environment:
 * - `BELUGA_DIGEST_<WORKLOAD>`: digests the pipeline's image jobs built (dotenv artifacts);
 * - the instance's change variable (`BELUGA_CHANGE_ID`, `changeManagement.variable`): a change id,
 *   which must be well-formed and opens a closed release window.
 * `beluga deploy` passes the release plan it read from the stacks (`planRelease`: digests built, kept
 * or promoted, and what the previous environment runs, for the promotion gate); a bare `pulumi up` of
 * `index.ts` has none, so its gate log says promotion was not checked.
 */
export function appProgram(declaration: AppDeclaration, processEnv: NodeJS.ProcessEnv = process.env, plan?: ReleasePlan): AppStackOutputs {
  return deployApp(beluga, declaration, {
    digests: plan?.digests ?? pipelineDigests(declaration, processEnv),
    ledger: plan?.ledger,
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
