import type { EnvironmentSet } from "../../../constructs/instance";
import type { RebuildPlan } from "./rebuild-plan";
import type { SocleUsage } from "./socle-usage";

/** Report formats of `estate socles`. */
export type SoclesFormat = "text" | "markdown" | "json";

/** A finding about socle lifecycles, most severe first: retired users are errors, deprecated ones warnings. */
export interface LifecycleFinding {
  readonly level: "error" | "warning";
  readonly socle: string;
  readonly message: string;
}

/**
 * Apps still on a deprecated or retired socle (or one the catalog does not know). A retired socle is
 * an error: Prod (every environment, in fact) refuses it, so the app cannot ship anything until it
 * migrates. A deprecated one is a warning naming the environments (of `environments`, the estate's)
 * that already refuse it.
 */
export function lifecycleFindings(usage: readonly SocleUsage[], environments: EnvironmentSet): LifecycleFinding[] {
  const out: LifecycleFinding[] = [];
  for (const u of usage) {
    if (u.apps.length === 0 || u.lifecycle === "supported") continue;
    const refusing = environments.list.filter((env) => u.environments[env.name].refused.length > 0).map((env) => env.displayName);
    // The last environment of the promotion chain is production: say so when it refuses the socle.
    const production = environments.list[environments.list.length - 1].displayName;
    const apps = `${u.apps.length} app(s): ${u.apps.join(", ")}`;
    const migrate = u.successor ? `; migrate to ${u.successor}` : "";
    if (u.lifecycle === "unknown")
      out.push({
        level: "error",
        socle: u.socle,
        message: `${u.socle} is not in the catalog (platform/catalog/socles.ts) yet ${apps} declare it; fix the socle name`,
      });
    else if (u.lifecycle === "retired")
      out.push({
        level: "error",
        socle: u.socle,
        message: `${u.socle} is retired and refused in ${refusing.join(", ")}${refusing.includes(production) ? ` (${production} included)` : ""}, still used by ${apps}${migrate}`,
      });
    else
      out.push({
        level: "warning",
        socle: u.socle,
        message: `${u.socle} is deprecated${refusing.length ? ` (refused in ${refusing.join(", ")})` : ""}, still used by ${apps}${migrate}`,
      });
  }
  return out.sort((a, b) => (a.level === b.level ? 0 : a.level === "error" ? -1 : 1));
}

/** The usage report: one row per socle (lifecycle, version, digest, apps, workloads, apps per environment of `environments`), then the findings. */
export function renderUsage(usage: readonly SocleUsage[], format: SoclesFormat, environments: EnvironmentSet): string {
  const findings = lifecycleFindings(usage, environments);
  if (format === "json") return `${JSON.stringify({ socles: usage, findings }, null, 2)}\n`;
  const header = ["socle", "lifecycle", "version", "digest", "apps", "workloads", ...environments.list.map((e) => e.displayName)];
  const rows = usage.map((u) => [
    u.socle,
    u.lifecycle,
    u.version ?? "?",
    u.digest ? u.digest.slice(7, 19) : "?",
    String(u.apps.length),
    String(u.workloads.length),
    ...environments.names.map((env) =>
      u.environments[env].refused.length > 0 ? `✗ ${u.environments[env].refused.length}` : String(u.environments[env].apps.length),
    ),
  ]);
  const marks = { error: "✗", warning: "!" } as const;
  if (format === "markdown") {
    const out = [
      "### Socle usage",
      "",
      `| ${header.join(" | ")} |`,
      `|${header.map((_, i) => (i >= 4 ? "---:" : "---")).join("|")}|`,
      ...rows.map((r) => `| ${r.join(" | ")} |`),
      "",
    ];
    if (findings.length > 0) out.push(...findings.map((f) => `- ${f.level === "error" ? "❌ **error**" : "⚠️ warning"}: ${f.message}`), "");
    out.push("✗ n: apps the environment refuses (socle lifecycle not allowed there).");
    return `${out.join("\n")}\n`;
  }
  const out = [...table([header, ...rows], 4), ""];
  out.push(...findings.map((f) => `${marks[f.level]} ${f.level}: ${f.message}`));
  if (findings.length === 0) out.push("every app is on a supported socle");
  return `${out.join("\n")}\n`;
}

/** The rebuild plan: socle(s) rebuilt, app images per app, then the deploy waves in promotion order. */
export function renderPlan(plan: RebuildPlan, format: SoclesFormat): string {
  if (format === "json") return `${JSON.stringify(plan, null, 2)}\n`;
  const md = format === "markdown";
  const images = plan.apps.reduce((n, a) => n + a.artifacts.length, 0);
  const out = [md ? `### Rebuild plan: ${plan.target}` : `rebuild plan: ${plan.target}`, ""];
  for (const s of plan.socles)
    out.push(
      `${md ? "- " : "  "}socle ${s.socle} (${s.lifecycle}): ${s.fromDigest.slice(0, 19)} → ${s.toDigest ? s.toDigest.slice(0, 19) : "rebuilt"} (${s.containerfile})`,
    );
  out.push("", `${images} app image(s) of ${plan.apps.length} app(s) to rebuild FROM the new socle:`, "");
  for (const a of plan.apps) {
    out.push(md ? `- **${a.app}** (${a.team})` : `  ${a.app} (${a.team})`);
    for (const x of a.artifacts)
      out.push(`${md ? "  - " : "    "}${x.artifact} ← ${x.socle}  [${x.workloads.join(", ")}]  ${x.containerfile}`);
  }
  out.push("", "then deploy, in promotion order:", "");
  const width = Math.max(0, ...plan.waves.map((w) => w.displayName.length));
  for (const [i, wave] of plan.waves.entries()) {
    const by = (action: string) => wave.entries.filter((e) => e.action === action);
    out.push(
      `${md ? `${i + 1}. **${wave.displayName}**` : `  ${i + 1}. ${wave.displayName.padEnd(width)}`}: ${by("deploy").length} app(s) deploy${
        by("deploy").length
          ? ` (${by("deploy")
              .map((e) => e.app)
              .join(", ")})`
          : ""
      }`,
    );
    for (const e of [...by("wait"), ...by("blocked")])
      out.push(`${md ? "   - " : "       "}${e.action === "wait" ? "waits" : "✗ blocked"}: ${e.app} — ${e.note}`);
  }
  return `${out.join("\n")}\n`;
}

/** Rows as aligned columns, numbers (from column `numericFrom`) right-aligned. */
function table(rows: readonly string[][], numericFrom: number): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i >= numericFrom ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}
