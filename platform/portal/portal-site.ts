import { renderStatusPage } from "../deploy/status-page";
import { renderLineagePage } from "../estate/socles/lineage-page";
import { calendarBody, promotionsBody, windowState } from "./portal-calendar";
import { escapeHtml, page, shortDigest, withFavicon } from "./portal-layout";
import type { PortalApp, PortalDeployment, PortalModel } from "./portal-model";
import { monthDay } from "../../constructs/policy/release-window";

/** The filter of the matrix (and of any page with `tr[data-app]` rows): text on app or team, and a team list; `?team=` preselects. */
const FILTER_SCRIPT = `
(function(){
  var q=document.getElementById("filter"),t=document.getElementById("team"),n=document.getElementById("shown");
  var rows=Array.prototype.slice.call(document.querySelectorAll("tr[data-app]"));
  function apply(){
    var v=q.value.trim().toLowerCase(),team=t.value,shown=0;
    rows.forEach(function(r){
      var ok=(!team||r.dataset.team===team)&&(!v||r.dataset.app.indexOf(v)>=0||r.dataset.team.indexOf(v)>=0);
      r.hidden=!ok; if(ok) shown++;
    });
    n.textContent=String(shown);
  }
  var initial=new URLSearchParams(location.search).get("team");
  if(initial) t.value=initial;
  q.addEventListener("input",apply); t.addEventListener("change",apply); apply();
})();
`;

/**
 * The estate portal as static files, by path from the site root: the apps × environments matrix
 * (`index.html`, filterable by team and app), promotions waiting, the release calendar, the image lineage
 * and the pods (the deploy command's pages, reused), and one page per app (`apps/<app>.html`).
 * Pure: the model carries everything read; the same model gives the same bytes.
 */
export function portalSite(model: PortalModel): Map<string, string> {
  const site = new Map<string, string>();
  const at = model.generatedAt;
  site.set(
    "index.html",
    page({ title: "Apps × environments", current: "index.html", body: matrixBody(model), script: FILTER_SCRIPT, generatedAt: at }),
  );
  site.set(
    "promotions.html",
    page({ title: "Promotions waiting", current: "promotions.html", body: promotionsBody(model), generatedAt: at }),
  );
  site.set("calendar.html", page({ title: "Release calendar", current: "calendar.html", body: calendarBody(model), generatedAt: at }));
  site.set("lineage.html", withFavicon(renderLineagePage(model.socles, model.instance, { generatedAt: at })));
  site.set(
    "pods.html",
    model.workloads
      ? withFavicon(renderStatusPage(model.workloads, model.instance.environments, at))
      : page({
          title: "Pods",
          current: "pods.html",
          body: "<p>The cluster was not read (no kube context): pods unknown.</p>",
          generatedAt: at,
        }),
  );
  for (const app of model.apps)
    site.set(`apps/${app.name}.html`, page({ title: app.name, depth: 1, body: appBody(model, app), generatedAt: at }));
  return site;
}

function matrixBody(model: PortalModel): string {
  const envs = model.instance.environments.list;
  const teams = [...new Set(model.apps.map((a) => a.team))].sort();
  const today = monthDay(new Date(model.generatedAt));
  const rows = model.apps.map((app) => {
    const release =
      app.release.policy === "continuous"
        ? "continuous"
        : (({ open, until, next }) => (open ? `train, open until ${until}` : `train, next window ${next}`))(
            windowState(app.release, today),
          );
    const cells = envs.map((env) => cell(app, env.name, app.deployments[env.name])).join("");
    return `<tr data-app="${escapeHtml(app.name)}" data-team="${escapeHtml(app.team)}"><th><a href="apps/${escapeHtml(app.name)}.html">${escapeHtml(app.name)}</a><br><span class="tag">${escapeHtml(app.team)}</span><span class="tag">${escapeHtml(release)}</span></th>${cells}</tr>`;
  });
  return `<p>${model.apps.length} apps, ${envs.length} environments; ${model.promotions.length} <a href="promotions.html">promotion(s) waiting</a>. Each cell: version, digest, ready/desired pods, last deploy and who.</p>
<div class="filters"><label>Filter <input id="filter" type="search" placeholder="app or team" autocomplete="off"></label>
<label>Team <select id="team"><option value="">all teams</option>${teams.map((t) => `<option>${escapeHtml(t)}</option>`).join("")}</select></label>
<span class="muted"><span id="shown">${model.apps.length}</span> shown</span></div>
<table id="matrix"><thead><tr><th>App</th>${envs.map((e) => `<th>${escapeHtml(e.displayName)}</th>`).join("")}</tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** One app × environment cell: "not deployed", or versions, digest, pods and the last deploy, coloured by health. */
function cell(app: PortalApp, env: string, d: PortalDeployment | undefined): string {
  if (app.refused[env]) return `<td class="failed" title="${escapeHtml(app.refused[env].join("\n"))}">refused by the declaration</td>`;
  if (!d?.deployed) return `<td class="absent">not deployed</td>`;
  const versions = [...new Set(Object.values(d.versions))];
  const digests = [...new Set(Object.values(d.digests))];
  const pods = d.pods
    ? Object.values(d.pods).reduce((s, p) => ({ ready: s.ready + p.ready, desired: s.desired + p.desired }), { ready: 0, desired: 0 })
    : undefined;
  const state =
    d.lastUpdate?.result === "failed"
      ? "failed"
      : !pods
        ? "unknown"
        : pods.desired > 0 && pods.ready >= pods.desired
          ? "ready"
          : pods.ready > 0
            ? "progressing"
            : "down";
  const when = d.lastUpdate?.endTime ? d.lastUpdate.endTime.replace("T", " ").slice(0, 16) : "never updated";
  return `<td class="${state}"><b>${escapeHtml(versions.join(", ") || "?")}</b> <code>${escapeHtml(digests.length === 1 ? shortDigest(digests[0]) : `${digests.length} digests`)}</code><br>${
    pods ? `${pods.ready}/${pods.desired} pods` : `<span class="muted">pods unknown</span>`
  }<br><span class="muted">${escapeHtml(when)}${d.lastUpdate?.by ? ` by ${escapeHtml(d.lastUpdate.by)}` : ""}${d.lastUpdate && d.lastUpdate.result !== "succeeded" ? ` (${escapeHtml(d.lastUpdate.result)})` : ""}</span></td>`;
}

function appBody(model: PortalModel, app: PortalApp): string {
  const envs = model.instance.environments.list;
  const today = monthDay(new Date(model.generatedAt));
  const state = windowState(app.release, today);
  const release =
    app.release.policy === "continuous"
      ? "continuous delivery"
      : `release train, windows ${app.release.windows.map((w) => `${w.from} → ${w.to}`).join(", ")}; ${state.open ? `open until ${state.until}` : `next window ${state.next}`}`;
  const components = app.workloads
    .map(
      (w) =>
        `<tr><td>${escapeHtml(w.name)}</td><td>${w.kind}</td><td>${escapeHtml(w.socle)}</td><td><code>${escapeHtml(w.artifact)}:${escapeHtml(w.declaredVersion)}</code></td><td>${escapeHtml(w.dependsOn.join(", ") || "—")}</td></tr>`,
    )
    .join("\n");
  const running = app.workloads
    .map(
      (w) =>
        `<tr><th>${escapeHtml(w.name)}</th>${envs
          .map((env) => {
            const d = app.deployments[env.name];
            if (!d.deployed) return `<td class="absent">not deployed</td>`;
            const pods = d.pods?.[w.name];
            return `<td><b>${escapeHtml(d.versions[w.name] ?? "?")}</b> <code>${escapeHtml(shortDigest(d.digests[w.name]))}</code>${pods ? `<br>${pods.ready}/${pods.desired} pods` : ""}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  const routes = app.workloads
    .filter((w) => Object.values(w.routes).some((r) => r.length > 0))
    .map(
      (w) =>
        `<tr><th>${escapeHtml(w.name)}</th>${envs.map((env) => `<td>${(w.routes[env.name] ?? []).map((u) => `<a href="${escapeHtml(u)}">${escapeHtml(u)}</a>`).join("<br>") || "—"}</td>`).join("")}</tr>`,
    )
    .join("\n");
  const refused = Object.entries(app.refused)
    .map(([env, messages]) => `<li>${escapeHtml(env)}: ${messages.map(escapeHtml).join("; ")}</li>`)
    .join("");
  const envHead = `<tr><th></th>${envs.map((e) => `<th>${escapeHtml(e.displayName)}</th>`).join("")}</tr>`;
  return `<p><a href="../index.html">← all apps</a> · team <b>${escapeHtml(app.team)}</b> · ${app.criticality} · ${escapeHtml(release)}</p>
${refused ? `<h2>Refused by the declaration</h2><ul>${refused}</ul>` : ""}
<h2>Components</h2>
<table><thead><tr><th>Name</th><th>Kind</th><th>Socle</th><th>Image (declared)</th><th>Depends on</th></tr></thead><tbody>
${components}
</tbody></table>
<h2>Running</h2>
<table><thead>${envHead}</thead><tbody>
${running}
</tbody></table>
<h2>Routes</h2>
${routes ? `<table><thead>${envHead}</thead><tbody>\n${routes}\n</tbody></table>` : "<p>No route: internal only.</p>"}
<h2>Pipeline</h2>
<p><code>${escapeHtml(app.pipeline.file)}</code> (generated): ${app.pipeline.jobs.map((j) => `<code>${escapeHtml(j)}</code>`).join(" → ")}</p>`;
}
