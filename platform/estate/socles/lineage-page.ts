import type { BelugaInstance } from "../../../constructs/instance";
import type { SocleLifecycle } from "../../../constructs/model";
import type { RebuildPlan } from "./rebuild-plan";
import type { SocleUsage } from "./socle-usage";

/** One box of the lineage graph: a base image, a socle or an app. */
export interface LineageNode {
  /** `base:<name>`, `socle:<name>` or `app:<name>`. */
  readonly id: string;
  readonly column: 0 | 1 | 2;
  readonly label: string;
  readonly detail: string;
  /** `supported`, `deprecated`, `retired`, `unknown` (socles; apps take their worst socle's). */
  readonly state: string;
  readonly y: number;
  /** Part of the rebuild plan shown on the page. */
  readonly rebuild: boolean;
}

/** One edge: a socle built FROM a base image, an app image built FROM a socle. */
export interface LineageEdge {
  readonly from: string;
  readonly to: string;
  readonly rebuild: boolean;
}

/** The laid-out graph: columns base → socle → app, ordered to keep edges short. */
export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  readonly edges: readonly LineageEdge[];
  readonly height: number;
}

/** Per column (base, socle, app): x, box width, box height; boxes of a column stand GAP apart. */
const COLUMN_X = [20, 300, 640] as const;
const NODE_WIDTH = [240, 290, 260] as const;
const NODE_HEIGHT = [38, 38, 22] as const;
const GAP = 8;
const STATE_RANK: Record<string, number> = { supported: 0, deprecated: 1, unknown: 2, retired: 3 };

/**
 * Lays out the image lineage of an estate: every catalog base image, every socle (with its
 * lifecycle, apps, workloads and the instance's environments refusing it) and every app, linked by
 * FROM.
 * Apps are grouped under their first socle; a socle sits at the mean height of its apps and a base
 * at the mean of its socles, pushed down just enough that no two boxes of a column overlap.
 * With a rebuild plan, the rebuilt base/socles, their app images and the edges between are marked.
 */
export function lineageGraph(usage: readonly SocleUsage[], instance: BelugaInstance, plan?: RebuildPlan): LineageGraph {
  const { catalog, environments } = instance;
  const rebuiltSocles = new Set(plan?.socles.map((s) => s.socle) ?? []);
  const rebuiltApps = new Set(plan?.apps.map((a) => a.app) ?? []);
  const rebuiltBase = plan ? plan.target.split("@")[0] : undefined;

  // Apps in socle order, then by name: an app appears under the first socle it uses.
  const appOrder: string[] = [];
  for (const u of usage) for (const app of u.apps) if (!appOrder.includes(app)) appOrder.push(app);
  const worst = (app: string) =>
    usage
      .filter((u) => u.apps.includes(app))
      .map((u) => u.lifecycle)
      .reduce<string>((a, b) => (STATE_RANK[b] > STATE_RANK[a] ? b : a), "supported");
  const appY = new Map(appOrder.map((app, i) => [app, i * (NODE_HEIGHT[2] + GAP)]));
  const workloadsOf = (app: string) => usage.flatMap((u) => u.workloads.filter((w) => w.app === app).map((w) => `${w.path} ← ${u.socle}`));

  // Centre lines: a socle's centre at the mean centre of its apps, a base's at the mean of its socles.
  const centre = (column: 0 | 1 | 2, y: number) => y + NODE_HEIGHT[column] / 2;
  const socleY = spread(
    usage.map((u) => [u.socle, mean(u.apps.map((a) => centre(2, appY.get(a)!))) - NODE_HEIGHT[1] / 2] as const),
    NODE_HEIGHT[1] + GAP,
  );
  const bases = Object.keys(catalog.baseImages);
  const baseY = spread(
    bases.map(
      (b) =>
        [
          b,
          mean(usage.filter((u) => catalog.socles[u.socle]?.base === b).map((u) => centre(1, socleY.get(u.socle)!))) - NODE_HEIGHT[0] / 2,
        ] as const,
    ),
    NODE_HEIGHT[0] + GAP,
  );

  const nodes: LineageNode[] = [
    ...bases.map((b): LineageNode => ({
      id: `base:${b}`,
      column: 0,
      label: b,
      detail: `${catalog.baseImages[b].image.replace(/^[^/]+\//, "")}:${catalog.baseImages[b].version}`,
      state: "supported",
      y: baseY.get(b)!,
      rebuild: b === rebuiltBase,
    })),
    ...usage.map((u): LineageNode => {
      const refusing = environments.list.filter((env) => u.environments[env.name].refused.length > 0).map((env) => env.displayName);
      const refused = refusing.length > 0 ? ` · refused in ${refusing.join(", ")}` : "";
      return {
        id: `socle:${u.socle}`,
        column: 1,
        label: `${u.socle} ${u.version ?? "?"} · ${u.lifecycle}`,
        detail: `${u.apps.length} apps · ${u.workloads.length} workloads${refused}`,
        state: u.lifecycle,
        y: socleY.get(u.socle)!,
        rebuild: rebuiltSocles.has(u.socle),
      };
    }),
    ...appOrder.map((app): LineageNode => ({
      id: `app:${app}`,
      column: 2,
      label: app,
      detail: workloadsOf(app).join("\n"),
      state: worst(app),
      y: appY.get(app)!,
      rebuild: rebuiltApps.has(app),
    })),
  ];
  const edges: LineageEdge[] = [
    ...usage
      .filter((u) => catalog.socles[u.socle])
      .map((u) => ({
        from: `base:${catalog.socles[u.socle].base}`,
        to: `socle:${u.socle}`,
        rebuild: catalog.socles[u.socle].base === rebuiltBase,
      })),
    ...usage.flatMap((u) =>
      u.apps.map((app) => ({ from: `socle:${u.socle}`, to: `app:${app}`, rebuild: rebuiltSocles.has(u.socle) && rebuiltApps.has(app) })),
    ),
  ];
  const height = Math.max(0, ...nodes.map((n) => n.y + NODE_HEIGHT[n.column]));
  return { nodes, edges, height };
}

/** Mean of the values, or +∞ for none (an unused node sorts after the used ones). */
function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.POSITIVE_INFINITY : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Sorts wanted tops and pushes each node down until it clears the one above (`pitch` apart). */
function spread(wanted: ReadonlyArray<readonly [string, number]>, pitch: number): Map<string, number> {
  const sorted = [...wanted].sort((a, b) => a[1] - b[1]);
  const out = new Map<string, number>();
  let next = 0;
  for (const [name, y] of sorted) {
    const placed = Number.isFinite(y) ? Math.max(next, Math.round(y)) : next;
    out.set(name, placed);
    next = placed + pitch;
  }
  return out;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** Box of a node on the page (below the column titles). */
export function nodeBox(node: LineageNode): { x: number; y: number; width: number; height: number } {
  return { x: COLUMN_X[node.column], y: node.y + 40, width: NODE_WIDTH[node.column], height: NODE_HEIGHT[node.column] };
}

/**
 * `estate socles --format html`: the image lineage (RedHat base → socle → app) as one self-contained
 * page with an SVG graph, lifecycle colours, and the rebuild plan highlighted when one is given.
 */
export function renderLineagePage(
  usage: readonly SocleUsage[],
  instance: BelugaInstance,
  options: { plan?: RebuildPlan; generatedAt: string },
): string {
  const graph = lineageGraph(usage, instance, options.plan);
  const refusing = (state: SocleLifecycle) =>
    instance.environments.list.filter((env) => !env.allowedSocleStates.includes(state)).map((env) => env.displayName);
  const deprecatedLegend =
    refusing("deprecated").length > 0 ? `deprecated (refused in ${refusing("deprecated").join(", ")})` : "deprecated";
  const retiredLegend =
    refusing("retired").length === instance.environments.list.length
      ? "retired or unknown (refused everywhere)"
      : `retired (refused in ${refusing("retired").join(", ") || "none"}) or unknown (refused everywhere)`;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const edge = (e: LineageEdge) => {
    const a = nodeBox(byId.get(e.from)!);
    const b = nodeBox(byId.get(e.to)!);
    const [x1, y1, x2, y2] = [a.x + a.width, a.y + a.height / 2, b.x, b.y + b.height / 2];
    const mid = (x1 + x2) / 2;
    return `<path class="edge${e.rebuild ? " rebuild" : ""}" data-from="${escape(e.from)}" data-to="${escape(e.to)}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`;
  };
  const node = (n: LineageNode) => {
    const box = nodeBox(n);
    const second = n.column === 2 ? "" : `<text class="detail" x="${box.x + 8}" y="${box.y + 31}">${escape(n.detail)}</text>`;
    return `<g class="node ${n.state}${n.rebuild ? " rebuild" : ""}" data-id="${escape(n.id)}"><title>${escape(`${n.label}\n${n.detail}`)}</title><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="4"/><text x="${box.x + 8}" y="${box.y + 15}">${escape(n.label)}</text>${second}</g>`;
  };
  const plan = options.plan;
  const heading = plan
    ? `<p class="plan">Rebuild plan for <code>${escape(plan.target)}</code>: ${plan.socles.length} socle(s), ${plan.apps.reduce((n, a) => n + a.artifacts.length, 0)} app image(s) of ${plan.apps.length} app(s), outlined in blue.</p>`
    : "";
  const width = COLUMN_X[2] + NODE_WIDTH[2] + 20;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Beluga — image lineage</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1b2733}
.legend span{display:inline-block;padding:.1rem .5rem;margin-right:.5rem;border:1px solid}
</style></head><body>
<h1>Image lineage: RedHat base → socle → app</h1>
<p>${graph.nodes.filter((n) => n.column === 2).length} apps, ${usage.reduce((n, u) => n + u.workloads.length, 0)} workloads. Generated ${escape(options.generatedAt)}. Hover a box for its details.</p>
<p class="legend"><span style="background:#e3f6e8;border-color:#5f9f6e">supported</span><span style="background:#fff4d6;border-color:#c99a2e">${escape(deprecatedLegend)}</span><span style="background:#fde2e1;border-color:#c0504d">${escape(retiredLegend)}</span></p>
${heading}
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${graph.height + 50}" viewBox="0 0 ${width} ${graph.height + 50}">
<style>
text{font-family:system-ui,sans-serif}
.node rect{fill:#e3f6e8;stroke:#5f9f6e}.node.deprecated rect{fill:#fff4d6;stroke:#c99a2e}.node.retired rect,.node.unknown rect{fill:#fde2e1;stroke:#c0504d}
.node.rebuild rect{stroke:#1f5fbf;stroke-width:3}
.node text{font-size:12px;fill:#1b2733}.node text.detail{font-size:11px;fill:#4a5a6a}
.edge{fill:none;stroke:#9aa7b4;stroke-width:1}.edge.rebuild{stroke:#1f5fbf;stroke-width:2}
.columns text{font-weight:600;font-size:13px}
</style>
<g class="columns"><text x="${COLUMN_X[0]}" y="20">RedHat base image</text><text x="${COLUMN_X[1]}" y="20">Socle (version · lifecycle)</text><text x="${COLUMN_X[2]}" y="20">App (worst socle lifecycle)</text></g>
${graph.edges.map(edge).join("\n")}
${graph.nodes.map(node).join("\n")}
</svg></body></html>
`;
}
