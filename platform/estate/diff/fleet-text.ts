import { CHANGE_CLASSES, CHANGE_CLASS_LABELS } from "./change-class";
import { type EnvironmentSummary, type FleetSummary, describeChange } from "./fleet-summary";

/** What the reports say about where the two renders come from. */
export interface DiffOrigin {
  /** e.g. `origin/main (1a2b3c4)`. */
  readonly base: string;
  /** e.g. `working tree`. */
  readonly head: string;
  /** Which estate was rendered (`synthetic`, `repo`). */
  readonly estate: string;
  /** Declaration problems the head constructs report and the base ones did not: the change breaks these apps. @default none */
  readonly newlyRefused?: readonly string[];
}

/**
 * The headline of one environment, in the order a reviewer weighs it:
 * `Prod: 37 apps will restart (264 pods), 2 change the network`. Undefined when nothing changes there.
 */
export function environmentHeadline(env: EnvironmentSummary): string | undefined {
  const parts: string[] = [];
  for (const cls of CHANGE_CLASSES) {
    const t = env.classes[cls];
    if (t.apps === 0) continue;
    const { verb } = CHANGE_CLASS_LABELS[cls];
    const pods = cls === "rolling-restart" || cls === "replace-delete" ? ` (${t.pods} pod${t.pods === 1 ? "" : "s"})` : "";
    parts.push(parts.length === 0 ? `${t.apps} app${t.apps === 1 ? "" : "s"} will ${verb}${pods}` : `${t.apps} ${verb}${pods}`);
  }
  return parts.length === 0 ? undefined : `${env.display}: ${parts.join(", ")}`;
}

/** The headline of the whole change: the last environment of the promotion order with a change (Prod first). */
export function fleetHeadline(summary: FleetSummary): string {
  for (const env of [...summary.environments].reverse()) {
    const line = environmentHeadline(env);
    if (line) return line;
  }
  return "No rendered object changes in any environment";
}

/**
 * The traffic the change opens and closes, one line per app and flow, environment by environment:
 * `Prod souscription: closed souscription api → sinistre/api :http`. At most `limit` lines, then how
 * many more.
 */
export function networkLines(summary: FleetSummary, limit = 50): string[] {
  const lines = summary.environments.flatMap((env) =>
    summary.diffs
      .filter((d) => d.env === env.env && d.network)
      .flatMap((d) => [
        ...d.network!.opened.map((f) => `${env.display} ${d.app}: opened ${f}`),
        ...d.network!.closed.map((f) => `${env.display} ${d.app}: closed ${f}`),
      ]),
  );
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more flows`] : lines;
}

/**
 * The terminal report: headline, then one aligned table of apps, components and pods per
 * environment and class, each class followed by its top examples.
 */
export function renderFleetText(summary: FleetSummary, origin: DiffOrigin): string {
  const out = [
    `estate diff: ${origin.base} → ${origin.head}, ${summary.appsCompared} apps × ${summary.environments.length} environments compared (${origin.estate})`,
    "",
    fleetHeadline(summary),
    "",
  ];
  if (origin.newlyRefused?.length)
    out.push(
      `✗ ${origin.newlyRefused.length} app × environment problem(s) only after the change (those apps no longer render):`,
      ...origin.newlyRefused.map((m) => `  ✗ ${m}`),
      "",
    );
  const rows: string[][] = [["env", "class", "apps", "components", "pods"]];
  const notes = new Map<number, string[]>();
  for (const env of summary.environments) {
    let first = true;
    for (const cls of CHANGE_CLASSES) {
      const t = env.classes[cls];
      if (t.apps === 0) continue;
      rows.push([first ? env.display : "", CHANGE_CLASS_LABELS[cls].title, String(t.apps), String(t.components), String(t.pods)]);
      first = false;
      notes.set(
        rows.length - 1,
        t.examples.map((e) => `      ${describeChange(e.app, e.component, e.change)}${e.others > 0 ? ` (+${e.others} more)` : ""}`),
      );
    }
    if (first) rows.push([env.display, "no change", "0", "0", "0"]);
    const moves = [...env.added.map((a) => `+${a}`), ...env.removed.map((a) => `-${a}`)];
    if (moves.length > 0) notes.set(rows.length - 1, [...(notes.get(rows.length - 1) ?? []), `      apps new/gone: ${moves.join(" ")}`]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  rows.forEach((row, index) => {
    out.push(
      row
        .map((cell, i) => (i >= 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join("  ")
        .trimEnd(),
    );
    out.push(...(notes.get(index) ?? []));
  });
  const network = networkLines(summary);
  if (network.length > 0) out.push("", "network:", ...network.map((l) => `  ${l}`));
  return `${out.join("\n")}\n`;
}
