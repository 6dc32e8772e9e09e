import type { EnvironmentSet } from "../instance";
import type { EnvName } from "../model";
import type { ImageLineage } from "../resolve";
import type { ChangeSummary } from "./change-summary";

/**
 * What one deploy to an environment with `pipeline.releaseRecord` (RE7, Prod here) shipped: written by the deploy job as JSON (for tools) and markdown
 * (for people), kept as a job artifact and aggregated into monthly release notes.
 */
export interface ReleaseRecord {
  readonly app: string;
  readonly env: EnvName;
  /** ISO time of the deploy. */
  readonly deployedAt: string;
  /** GitLab user who started the job (`GITLAB_USER_LOGIN`). */
  readonly deployedBy: string;
  /** Pipeline URL (`CI_PIPELINE_URL`). */
  readonly pipeline: string;
  readonly commit: string;
  /** Emergency or standard change id (`BELUGA_CHANGE_ID`). @default - none */
  readonly changeId?: string;
  readonly components: ReadonlyArray<{
    readonly name: string;
    readonly version: string;
    readonly digest?: string;
    readonly lineage: ImageLineage;
  }>;
  /** Plain-words summary lines (from the preview taken just before the deploy). */
  readonly summary: readonly string[];
  readonly risks: readonly string[];
}

/** Summary lines of a `ChangeSummary`, `component: line; line`. */
export function summaryLines(summary: ChangeSummary): { summary: string[]; risks: string[] } {
  const network = [...summary.network.opened.map((f) => `opened ${f}`), ...summary.network.closed.map((f) => `closed ${f}`)];
  return {
    summary: [
      ...summary.components.map((c) => `${c.component}: ${c.lines.join("; ")}`),
      ...(network.length > 0 ? [`network: ${network.join("; ")}`] : []),
    ],
    risks: summary.risks.map((r) => r.sentence),
  };
}

/** File name (without extension) of a record: `<yyyy-mm>/<app>-<env>-<timestamp>`, sortable. */
export function recordBaseName(record: ReleaseRecord): string {
  return `${record.deployedAt.slice(0, 7)}/${record.app}-${record.env}-${record.deployedAt.replace(/[:.]/g, "-")}`;
}

/** The record as markdown; the environment is shown by its display name. */
export function renderReleaseRecord(record: ReleaseRecord, environments: Pick<EnvironmentSet, "display">): string {
  const lines = [
    `## ${record.app} → ${environments.display(record.env)}, ${record.deployedAt}`,
    "",
    `- by **${record.deployedBy}**, pipeline ${record.pipeline}, commit \`${record.commit.slice(0, 12)}\`${record.changeId ? `, change **${record.changeId}**` : ""}`,
    "",
    "| component | version | digest | socle | base |",
    "|---|---|---|---|---|",
    ...record.components.map(
      (c) =>
        `| ${c.name} | ${c.version} | \`${c.digest ?? "—"}\` | ${c.lineage.socle.name} ${c.lineage.socle.version} | ${c.lineage.base.name} |`,
    ),
    "",
    ...(record.risks.length ? ["**Risky changes**", "", ...record.risks.map((r) => `- ${r}`), ""] : []),
    "**What changed**",
    "",
    ...(record.summary.length ? record.summary.map((s) => `- ${s}`) : ["- no resource change (redeploy)"]),
    "",
  ];
  return lines.join("\n");
}

/** The notification text: one paragraph a chat channel shows well. */
export function notificationText(record: ReleaseRecord, environments: Pick<EnvironmentSet, "display">): string {
  const versions = record.components.map((c) => `${c.name} ${c.version}`).join(", ");
  const change = record.changeId ? ` (change ${record.changeId})` : "";
  const what = record.summary.length ? `\n${record.summary.map((s) => `• ${s}`).join("\n")}` : "";
  return `${record.app} deployed to ${environments.display(record.env)} by ${record.deployedBy}${change}: ${versions}. ${record.pipeline}${what}`;
}
