import type { AppDeclaration, CatalogSpec, ChangeManagement, EnvName, EnvironmentSpec } from "../model";
import { isChangeId } from "../model";
import { DeclarationError, resolve } from "../resolve";
import { digestVariable } from "./build-unit";
import type { ChangeSummary } from "./change-summary";
import { type ReleaseRecord, summaryLines } from "./release-record";

/** Inputs of a record, as a deploy job has them. */
export interface ReleaseRecordInputs {
  readonly app: AppDeclaration;
  readonly env: EnvName;
  readonly environment: EnvironmentSpec;
  readonly catalog: CatalogSpec;
  /** The instance's change variable and id format: the record's change id is read from that variable. */
  readonly changeManagement: ChangeManagement;
  /** The job's environment: `GITLAB_USER_LOGIN`, `CI_PIPELINE_URL`, `CI_COMMIT_SHA`, the change variable (`BELUGA_CHANGE_ID`), `BELUGA_DIGEST_*`. */
  readonly variables: Readonly<Record<string, string | undefined>>;
  /** @default - no summary lines (no preview was taken) */
  readonly summary?: ChangeSummary;
  readonly now: Date;
}

/**
 * The release record of a deploy job: what ran (each workload's version, the digest the pipeline
 * passed or the declared one, and its socle lineage), who, when, the pipeline and the change id
 * (the instance's change variable). Throws `DeclarationError` when the app does not resolve or the
 * change id is malformed (in both cases the deploy's gates refused first).
 */
export function releaseRecordFromCi(inputs: ReleaseRecordInputs): ReleaseRecord {
  const v = inputs.variables;
  const changeId = v[inputs.changeManagement.variable] || undefined;
  const { variable, idPattern, example } = inputs.changeManagement;
  if (changeId !== undefined && !isChangeId(inputs.changeManagement, changeId))
    throw new DeclarationError([
      {
        app: inputs.app.name,
        path: variable,
        message: `(${JSON.stringify(changeId)}) is malformed: change ids look like ${example} (${idPattern})`,
        fix: "give the id as the change-management tool issued it",
      },
    ]);
  const workloads = [...Object.keys(inputs.app.components), ...Object.keys(inputs.app.batches ?? {})];
  const digests = Object.fromEntries(workloads.flatMap((w) => (v[digestVariable(w)] ? [[w, v[digestVariable(w)]!]] : [])));
  const resolved = resolve(inputs.app, inputs.environment, inputs.catalog, { digests });
  const lines = inputs.summary ? summaryLines(inputs.summary) : { summary: [], risks: [] };
  return {
    app: resolved.app,
    env: inputs.env,
    deployedAt: inputs.now.toISOString(),
    deployedBy: v.GITLAB_USER_LOGIN ?? "unknown",
    pipeline: v.CI_PIPELINE_URL ?? "local run",
    commit: v.CI_COMMIT_SHA ?? "unknown",
    ...(changeId ? { changeId } : {}),
    components: [...resolved.components, ...resolved.batches].map((w) => ({
      name: w.name,
      version: w.image.version,
      ...(w.image.digest ? { digest: w.image.digest } : {}),
      lineage: w.image.lineage,
    })),
    summary: lines.summary,
    risks: lines.risks,
  };
}
