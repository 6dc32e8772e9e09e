import type { EnvironmentSet } from "../../constructs/instance";
import { shortImage, type WorkloadStatus } from "./workload-status";

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Health of one cell: every desired pod ready, some, or none. */
export function cellState(row: WorkloadStatus): "ready" | "progressing" | "down" {
  if (row.desired > 0 && row.ready >= row.desired) return "ready";
  return row.ready > 0 ? "progressing" : "down";
}

/**
 * A self-contained HTML page: the apps × environments matrix (one row per component, one column per
 * environment of the instance in promotion order, ready/desired pods and the image running), for
 * people who would rather look than read.
 */
export function renderStatusPage(rows: readonly WorkloadStatus[], environments: EnvironmentSet, generatedAt: string): string {
  const keys = [...new Set(rows.map((r) => `${r.app}/${r.component}`))].sort();
  const cell = (key: string, env: string) => {
    const row = rows.find((r) => `${r.app}/${r.component}` === key && r.env === env);
    if (!row) return `<td class="absent">—</td>`;
    const links = row.urls.map((u) => `<a href="${escape(u)}">${escape(new URL(u).host)}</a>`).join("<br>");
    return `<td class="${cellState(row)}"><b>${row.ready}/${row.desired}</b><br><code>${escape(shortImage(row.image))}</code>${links ? `<br>${links}` : ""}</td>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Beluga — apps × environments</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b2733}
table{border-collapse:collapse}th,td{border:1px solid #c9d3dd;padding:.5rem .8rem;vertical-align:top;font-size:.9rem}
th{background:#eef2f6;text-align:left}td.ready{background:#e3f6e8}td.progressing{background:#fff4d6}td.down{background:#fde2e1}td.absent{color:#9aa7b4;text-align:center}
code{font-size:.8rem}
</style></head><body>
<h1>Apps × environments</h1>
<p>Ready pods / desired, image running, routes. Generated ${escape(generatedAt)}.</p>
<table>
<thead><tr><th>App / component</th>${environments.list.map((e) => `<th>${escape(e.displayName)}</th>`).join("")}</tr></thead>
<tbody>
${keys.map((k) => `<tr><th>${escape(k)}</th>${environments.names.map((e) => cell(k, e)).join("")}</tr>`).join("\n")}
</tbody></table></body></html>
`;
}
