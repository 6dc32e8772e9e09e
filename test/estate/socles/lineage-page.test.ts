import fc from "fast-check";
import { catalog } from "../../../platform/catalog";
import { loadEstate } from "../../../platform/estate/estate-source";
import { instance } from "../../../platform/instance";
import { type LineageGraph, lineageGraph, nodeBox, renderLineagePage } from "../../../platform/estate/socles/lineage-page";
import { rebuildPlan } from "../../../platform/estate/socles/rebuild-plan";
import { socleUsage } from "../../../platform/estate/socles/socle-usage";
import { SOCLE_APPS } from "../../fixtures/estate/socle-apps";

const estate = { apps: SOCLE_APPS, instance };
const usage = socleUsage(estate);
const june = new Date("2025-06-10T10:00:00+02:00");
const appEdges = (graph: LineageGraph) =>
  graph.edges
    .filter((e) => e.to.startsWith("app:"))
    .map((e) => `${e.from} → ${e.to}`)
    .sort();
const marked = (graph: LineageGraph) =>
  [
    ...graph.nodes.filter((n) => n.rebuild).map((n) => n.id),
    ...graph.edges.filter((e) => e.rebuild).map((e) => `${e.from} → ${e.to}`),
  ].sort();

/** Boxes of one column that overlap, as "a / b" pairs. */
function overlaps(graph: LineageGraph): string[] {
  const out: string[] = [];
  for (const a of graph.nodes)
    for (const b of graph.nodes) {
      if (a.id >= b.id || a.column !== b.column) continue;
      const [x, y] = [nodeBox(a), nodeBox(b)];
      if (x.y < y.y + y.height && y.y < x.y + x.height) out.push(`${a.id} / ${b.id}`);
    }
  return out;
}

describe("lineageGraph", () => {
  it("links every app to the socles it is built FROM and every socle to its base, as counted by hand", () => {
    const graph = lineageGraph(usage, instance);
    expect(appEdges(graph)).toEqual([
      "socle:java11-tomcat → app:legacy",
      "socle:java17-spring → app:portal",
      "socle:java21-spring → app:billing",
      "socle:java21-spring → app:legacy",
      "socle:node22 → app:billing",
    ]);
    for (const [socle, spec] of Object.entries(catalog.socles))
      expect(graph.edges).toContainEqual({ from: `base:${spec.base}`, to: `socle:${socle}`, rebuild: false });
    expect(
      graph.nodes
        .filter((n) => n.column === 0)
        .map((n) => n.id)
        .sort(),
    ).toEqual(
      Object.keys(catalog.baseImages)
        .map((b) => `base:${b}`)
        .sort(),
    );
  });

  it("colours an app by the worst lifecycle of its socles and says where a socle is refused", () => {
    const graph = lineageGraph(usage, instance);
    const state = (id: string) => graph.nodes.find((n) => n.id === id)!;
    expect([state("app:billing").state, state("app:portal").state, state("app:legacy").state]).toEqual([
      "supported",
      "deprecated",
      "retired",
    ]);
    expect(state("socle:java17-spring").detail).toBe("1 apps · 1 workloads · refused in Prod");
    expect(state("socle:java11-tomcat").detail).toBe("1 apps · 1 workloads · refused in Dev, Int, RE7, Prod");
    expect(state("socle:java21-spring").detail).toBe("2 apps · 3 workloads");
  });

  it("marks exactly the socle, the app images and the edges a socle rebuild touches", () => {
    expect(marked(lineageGraph(usage, instance, rebuildPlan(estate, "java17-spring", june)))).toEqual([
      "app:portal",
      "socle:java17-spring",
      "socle:java17-spring → app:portal",
    ]);
  });

  it("marks a base image rebuild down to the apps of every socle FROM it, not their other socles", () => {
    const graph = lineageGraph(usage, instance, rebuildPlan(estate, "ubi9-openjdk-21-runtime", june));
    expect(marked(graph)).toEqual([
      "app:billing",
      "app:legacy",
      "base:ubi9-openjdk-21-runtime",
      "base:ubi9-openjdk-21-runtime → socle:java21-spring",
      "socle:java21-spring",
      "socle:java21-spring → app:billing",
      "socle:java21-spring → app:legacy",
    ]);
  });

  it("never overlaps two boxes of a column, every edge joins drawn boxes, one box per app (synthetic estates)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 1000 }), (apps, seed) => {
        const synthetic = loadEstate("synthetic", { apps, seed });
        const graph = lineageGraph(socleUsage(synthetic), synthetic.instance);
        expect(overlaps(graph)).toEqual([]);
        const ids = new Set(graph.nodes.map((n) => n.id));
        for (const e of graph.edges) expect([ids.has(e.from), ids.has(e.to)]).toEqual([true, true]);
        expect(graph.nodes.filter((n) => n.column === 2)).toHaveLength(synthetic.apps.length);
      }),
      { numRuns: 15 },
    );
  });
});

describe("renderLineagePage", () => {
  it("draws one box per node and one path per edge, every path between drawn boxes, the plan named", () => {
    const plan = rebuildPlan(estate, "java21-spring", june);
    const page = renderLineagePage(usage, instance, { plan, generatedAt: "2025-06-10T08:00:00Z" });
    const graph = lineageGraph(usage, instance, plan);
    const drawn = [...page.matchAll(/<g class="node ([a-z ]+)" data-id="([^"]+)">/g)].map((m) => [m[2], m[1]]);
    expect(drawn).toEqual(graph.nodes.map((n) => [n.id, `${n.state}${n.rebuild ? " rebuild" : ""}`]));
    const paths = [...page.matchAll(/<path class="edge( rebuild)?" data-from="([^"]+)" data-to="([^"]+)"/g)].map((m) => ({
      from: m[2],
      to: m[3],
      rebuild: m[1] !== undefined,
    }));
    expect(paths).toEqual(graph.edges);
    expect(page).toContain("Rebuild plan for <code>java21-spring</code>: 1 socle(s), 2 app image(s) of 2 app(s)");
    expect(page).toMatch(/<svg [^>]*height="\d+"/);
  });

  it("escapes names so a declaration cannot inject markup", () => {
    const odd = [{ ...usage[0], socle: 'x"><script>', apps: ["a<b"], workloads: [] }];
    const page = renderLineagePage(odd, instance, { generatedAt: "now" });
    expect(page).not.toContain("<script>");
    expect(page).toContain("a&lt;b");
  });
});
