import type { EnvironmentSet } from "../instance";
import type { ReleaseRecord } from "./release-record";

/**
 * Release notes of one app per month, from its release records. The environments that record
 * releases (`pipeline.releaseRecord`: RE7 and Prod here) are read in promotion order: the last one is
 * production, and each of its records is a release (newest first) with versions, who, change id and
 * what changed; the deploys to the earlier ones are listed after it as the candidates, the
 * environment closest to production first. Returns markdown by month (`yyyy-mm`).
 */
export function releaseNotes(app: string, records: readonly ReleaseRecord[], environments: EnvironmentSet): Map<string, string> {
  const out = new Map<string, string>();
  const [production, ...candidates] = environments.list.filter((e) => e.pipeline.releaseRecord).reverse();
  if (!production) return out;
  const mine = records.filter((r) => r.app === app).sort((a, b) => b.deployedAt.localeCompare(a.deployedAt));
  const months = new Map<string, ReleaseRecord[]>();
  for (const r of mine) months.set(r.deployedAt.slice(0, 7), [...(months.get(r.deployedAt.slice(0, 7)) ?? []), r]);
  for (const [month, list] of [...months.entries()].sort(([a], [b]) => b.localeCompare(a))) {
    const releases = list.filter((r) => r.env === production.name);
    const deploys = candidates.map((env) => ({ env, records: list.filter((r) => r.env === env.name) }));
    const entry = (r: ReleaseRecord) => [
      `### ${r.deployedAt.slice(0, 10)} — ${r.components.map((c) => `${c.name} ${c.version}`).join(", ")}`,
      `${environments.display(r.env)}, by ${r.deployedBy}${r.changeId ? `, change ${r.changeId}` : ""} — ${r.pipeline}`,
      "",
      ...(r.summary.length ? r.summary.map((s) => `- ${s}`) : ["- redeploy, no resource change"]),
      "",
    ];
    out.set(
      month,
      [
        `# ${app} — release notes ${month}`,
        "",
        `${releases.length} production release(s)${deploys.map((d) => `, ${d.records.length} ${d.env.displayName} deploy(s)`).join("")}.`,
        "",
        "## Production",
        "",
        ...(releases.length ? releases.flatMap(entry) : ["No production release this month.", ""]),
        ...deploys.flatMap((d) => [
          `## ${d.env.displayName} candidates`,
          "",
          ...(d.records.length ? d.records.flatMap(entry) : ["None.", ""]),
        ]),
      ].join("\n"),
    );
  }
  return out;
}
