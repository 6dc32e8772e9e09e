import { ENV_DISPLAY } from "../model";
import type { ReleaseRecord } from "./release-record";

/**
 * Release notes of one app per month, from its release records: every prod release (newest first)
 * with versions, who, change id and what changed; re7 deploys listed separately as the candidates.
 * Returns markdown by month (`yyyy-mm`).
 */
export function releaseNotes(app: string, records: readonly ReleaseRecord[]): Map<string, string> {
  const mine = records.filter((r) => r.app === app).sort((a, b) => b.deployedAt.localeCompare(a.deployedAt));
  const months = new Map<string, ReleaseRecord[]>();
  for (const r of mine) months.set(r.deployedAt.slice(0, 7), [...(months.get(r.deployedAt.slice(0, 7)) ?? []), r]);
  const out = new Map<string, string>();
  for (const [month, list] of [...months.entries()].sort(([a], [b]) => b.localeCompare(a))) {
    const prod = list.filter((r) => r.env === "prod");
    const re7 = list.filter((r) => r.env === "re7");
    const entry = (r: ReleaseRecord) => [
      `### ${r.deployedAt.slice(0, 10)} — ${r.components.map((c) => `${c.name} ${c.version}`).join(", ")}`,
      `${ENV_DISPLAY[r.env]}, by ${r.deployedBy}${r.changeId ? `, change ${r.changeId}` : ""} — ${r.pipeline}`,
      "",
      ...(r.summary.length ? r.summary.map((s) => `- ${s}`) : ["- redeploy, no resource change"]),
      "",
    ];
    out.set(month, [
      `# ${app} — release notes ${month}`,
      "",
      `${prod.length} production release(s), ${re7.length} RE7 deploy(s).`,
      "",
      "## Production",
      "",
      ...(prod.length ? prod.flatMap(entry) : ["No production release this month.", ""]),
      "## RE7 candidates",
      "",
      ...(re7.length ? re7.flatMap(entry) : ["None.", ""]),
    ].join("\n"));
  }
  return out;
}
