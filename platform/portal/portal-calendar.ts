import { freezePeriodsOf } from "../../constructs/gitlab/io/project/freeze-periods";
import type { ReleasePolicy } from "../../constructs/model";
import { monthDay } from "../../constructs/policy/release-window";
import { type PortalModel } from "./portal-model";
import { escapeHtml } from "./portal-layout";

/** Where an app stands in its release calendar on a day: open (until when) or closed (next opening). */
export interface WindowState {
  readonly open: boolean;
  /** `MM-DD`: when the open window closes, or when the next one opens. */
  readonly until?: string;
  readonly next?: string;
}

/** The release-window state of a policy on `today` (`MM-DD`, Europe/Paris): continuous apps are always open. */
export function windowState(release: ReleasePolicy, today: string): WindowState {
  if (release.policy === "continuous") return { open: true };
  const windows = [...release.windows].sort((a, b) => a.from.localeCompare(b.from));
  const open = windows.find((w) => w.from <= today && today <= w.to);
  if (open) return { open: true, until: open.to };
  return { open: false, next: (windows.find((w) => w.from > today) ?? windows[0]).from };
}

/** The release calendar page: per environment honouring release windows, each train's windows, freezes and next window. */
export function calendarBody(model: PortalModel): string {
  const today = monthDay(new Date(model.generatedAt));
  const envs = model.instance.environments.list.filter((e) => e.releaseWindows);
  const trains = model.apps.filter((a) => a.release.policy === "release-train");
  const continuous = model.apps.length - trains.length;
  if (envs.length === 0) return `<p>No environment of this instance honours release windows: every app deploys at any time.</p>`;
  const rows = trains
    .map((a) => ({ app: a, state: windowState(a.release, today) }))
    .sort(
      (x, y) =>
        Number(y.state.open) - Number(x.state.open) ||
        (x.state.next ?? "").localeCompare(y.state.next ?? "") ||
        x.app.name.localeCompare(y.app.name),
    )
    .map(({ app, state }) => {
      const windows = app.release.policy === "release-train" ? app.release.windows.map((w) => `${w.from} → ${w.to}`).join(", ") : "";
      let freezes = "";
      try {
        freezes = freezePeriodsOf(app.name, app.release)
          .map((f) => `${f.from} → ${f.to}`)
          .join(", ");
      } catch {
        freezes = "invalid windows";
      }
      const status = state.open
        ? `<span class="open">open until ${state.until}</span>`
        : `<span class="closed">closed</span>, next window ${state.next}`;
      return `<tr data-app="${escapeHtml(app.name)}" data-team="${escapeHtml(app.team)}"><td><a href="apps/${escapeHtml(app.name)}.html">${escapeHtml(app.name)}</a></td><td>${escapeHtml(app.team)}</td><td>${escapeHtml(windows)}</td><td>${escapeHtml(freezes)}</td><td>${status}</td></tr>`;
    });
  return `<p>Today (${today}, Europe/Paris). Release windows apply in ${envs.map((e) => escapeHtml(e.displayName)).join(", ")}; outside them a deploy needs an emergency change id. GitLab deploy freezes cover the days between windows. ${continuous} app(s) deliver continuously.</p>
<table><thead><tr><th>App</th><th>Team</th><th>Windows</th><th>Freezes</th><th>Today</th></tr></thead><tbody>
${rows.join("\n") || `<tr><td colspan="5" class="muted">no app on a release train</td></tr>`}
</tbody></table>`;
}

/** The promotions page: where an environment runs other versions than the one it promotes from. */
export function promotionsBody(model: PortalModel): string {
  const name = (env: string) => escapeHtml(model.instance.environments.get(env).displayName);
  if (model.promotions.length === 0)
    return `<p>No promotion waiting: every environment runs what the one before it runs (or nothing yet).</p>`;
  const rows = model.promotions.map(
    (p) =>
      `<tr data-app="${escapeHtml(p.app)}" data-team="${escapeHtml(p.team)}"><td><a href="apps/${escapeHtml(p.app)}.html">${escapeHtml(p.app)}</a></td><td>${escapeHtml(p.team)}</td><td>${name(p.from)} → ${name(p.to)}</td><td>${p.workloads
        .map((w) => `${escapeHtml(w.name)}: <code>${escapeHtml(w.to)}</code> → <code>${escapeHtml(w.from)}</code>`)
        .join("<br>")}</td></tr>`,
  );
  return `<p>${model.promotions.length} promotion(s) waiting: the environment on the left runs a version or digest the one on the right does not yet.</p>
<table><thead><tr><th>App</th><th>Team</th><th>Promotion</th><th>Workloads (now → next)</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}
