import { IGNORED_FIELDS, type IgnoredField, NOTE, SIGN, type StackDrift } from "./drift-report";
import { targetLabel } from "./stack-target";

/**
 * The drift report as the file `beluga drift --out <file>` writes: JSON when the file name ends in
 * `.json` (the stacks with their drifted resources and fields, and the totals), markdown otherwise
 * (what the scheduled drift job keeps as its artifact, for people to read).
 */
export function driftReportFile(file: string, drifts: readonly StackDrift[], ignored: readonly IgnoredField[] = IGNORED_FIELDS): string {
  return file.endsWith(".json") ? `${JSON.stringify(driftReportJson(drifts, ignored), null, 2)}\n` : driftReportMarkdown(drifts, ignored);
}

/** The JSON document of a drift run: totals, the fields not counted, then one entry per stack. */
export interface DriftReportJson {
  readonly stacks: number;
  readonly drifted: readonly string[];
  readonly unknown: readonly string[];
  /** Fields other managers own, not counted as drift. */
  readonly ignored: readonly { readonly fields: string; readonly why: string }[];
  readonly results: readonly {
    readonly project: string;
    readonly env: string;
    readonly verdict: "drift" | "no drift" | "unknown";
    readonly resources: StackDrift["resources"];
    readonly error?: string;
  }[];
}

/** `driftReportFile`'s JSON. */
export function driftReportJson(drifts: readonly StackDrift[], ignored: readonly IgnoredField[] = IGNORED_FIELDS): DriftReportJson {
  return {
    stacks: drifts.length,
    drifted: drifts.filter((d) => !d.error && d.resources.length > 0).map((d) => targetLabel(d.target)),
    unknown: drifts.filter((d) => d.error).map((d) => targetLabel(d.target)),
    ignored: ignored.map((i) => ({ fields: i.label, why: i.why })),
    results: drifts.map((d) => ({
      project: d.target.project,
      env: d.target.env,
      verdict: d.error ? "unknown" : d.resources.length > 0 ? "drift" : "no drift",
      resources: d.resources,
      ...(d.error ? { error: d.error } : {}),
    })),
  };
}

/**
 * `driftReportFile`'s markdown: a title with the totals, the fields not counted, a table of every stack
 * and its verdict, then one section per drifted or unchecked stack with its resources and fields.
 */
export function driftReportMarkdown(drifts: readonly StackDrift[], ignored: readonly IgnoredField[] = IGNORED_FIELDS): string {
  const json = driftReportJson(drifts, ignored);
  const title =
    `# Drift: ${json.drifted.length} of ${json.stacks} stack(s) drifted` +
    (json.unknown.length > 0 ? `, ${json.unknown.length} could not be checked` : "");
  const lines = [
    title,
    "",
    "A refreshed preview of every deployed stack (`beluga drift`): what the cluster runs that differs from the code. " +
      `Not counted, as another manager owns them: ${ignored.map((i) => `${i.label} (${i.why})`).join("; ")}.`,
    "",
    "| Stack | Verdict |",
    "|---|---|",
    ...drifts.map((d) => `| ${targetLabel(d.target)} | ${verdictOf(d)} |`),
  ];
  for (const d of drifts.filter((d) => d.error || d.resources.length > 0)) {
    lines.push("", `## ${targetLabel(d.target)}`, "");
    if (d.error) {
      lines.push(`Drift unknown, the preview failed: ${cell(d.error)}`);
      continue;
    }
    lines.push("| | Resource | Fields that differ |", "|---|---|---|");
    for (const r of d.resources) {
      const fields = r.fields.map((f) => `\`${cell(f)}\``).join(", ");
      const note = NOTE[r.op] ? `${fields ? " — " : ""}${NOTE[r.op]}` : "";
      lines.push(`| \`${SIGN[r.op] ?? r.op}\` | \`${r.type}\` ${cell(r.name)} | ${fields}${note} |`);
    }
  }
  if (drifts.some((d) => d.resources.length > 0))
    lines.push(
      "",
      "`~` changed in the cluster (a deploy puts the code's values back), `+-` a deploy replaces it, `+` missing from the cluster, `-` no longer declared.",
    );
  return `${lines.join("\n")}\n`;
}

function verdictOf(d: StackDrift): string {
  if (d.error) return "**unknown**: the preview failed";
  return d.resources.length > 0 ? `**${d.resources.length} resource(s) differ**` : "no drift";
}

/** Text safe inside a markdown table cell: no pipe, no line break. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}
