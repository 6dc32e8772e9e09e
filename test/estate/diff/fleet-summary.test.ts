import { parseAllDocuments } from "yaml";
import { apps as repoApps } from "../../../apps/catalog";
import { type AppDeclaration, type CatalogSpec, ENV_NAMES, type EnvName } from "../../../constructs/model";
import { DeclarationError } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { type AppDiff, diffApp } from "../../../platform/estate/diff/app-diff";
import { CHANGE_CLASSES } from "../../../platform/estate/diff/change-class";
import { renderFleetNote, FLEET_NOTE_MARKER } from "../../../platform/estate/diff/fleet-note";
import { summarizeFleet } from "../../../platform/estate/diff/fleet-summary";
import { renderFleetText } from "../../../platform/estate/diff/fleet-text";
import { syntheticEstate } from "../../../platform/estate/synthetic-estate";
import { synthesizeApp } from "../../../platform/synth";

// A real construct change: the platform raises the JVM default probe timeout (catalog probe defaults,
// which resolveProbes applies to every probe a JVM component does not set itself).
const headCatalog: CatalogSpec = { ...catalog, probeDefaults: { ...catalog.probeDefaults, jvm: { ...catalog.probeDefaults.jvm, timeoutSeconds: catalog.probeDefaults.jvm.timeoutSeconds + 1 } } };
const estate: AppDeclaration[] = [...repoApps, ...syntheticEstate({ apps: 14, seed: 7 })];

function render(app: AppDeclaration, env: EnvName, cat: CatalogSpec): string | undefined {
  try {
    return synthesizeApp(app, environments[env], cat);
  } catch (error) {
    if (error instanceof DeclarationError) return undefined; // refused on both sides (e.g. a deprecated socle in Prod)
    throw error;
  }
}

const renders = ENV_NAMES.flatMap((env) => estate.map((app) => ({ env, app: app.name, base: render(app, env, catalog), head: render(app, env, headCatalog) })));
const diffs = renders.map((r) => diffApp(r.app, r.env, r.base, r.head)).filter((d): d is AppDiff => d !== undefined);
const summary = summarizeFleet(diffs, estate.length);

/** Counted straight from the rendered objects, without the classifier: Deployments whose probe timeouts differ. */
function independentCount(env: EnvName) {
  const apps = new Set<string>();
  let components = 0;
  let pods = 0;
  for (const r of renders.filter((x) => x.env === env && x.base && x.head)) {
    const objects = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS());
    const before = objects(r.base!);
    const after = objects(r.head!);
    for (const deployment of after.filter((o) => o.kind === "Deployment")) {
      const old = before.find((o) => o.kind === "Deployment" && o.metadata.name === deployment.metadata.name);
      const timeouts = (d: any) => d.spec.template.spec.containers.flatMap((c: any) => [c.readinessProbe, c.livenessProbe, c.startupProbe].map((p) => p?.timeoutSeconds));
      if (JSON.stringify(timeouts(old)) === JSON.stringify(timeouts(deployment))) continue;
      apps.add(r.app);
      components++;
      pods += after.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === deployment.metadata.name).spec.minReplicas;
    }
  }
  return { apps: apps.size, components, pods };
}

describe("summarizeFleet on a real construct change (JVM default probe timeout +1 s)", () => {
  it.each(ENV_NAMES.map((env) => [env]))("counts in %s the apps, components and pods that restart, as counted from the rendered objects", (env) => {
    const expected = independentCount(env);
    const actual = summary.environments.find((e) => e.env === env)!.classes["rolling-restart"];
    expect(expected.components).toBeGreaterThan(0);
    expect({ apps: actual.apps, components: actual.components, pods: actual.pods }).toEqual(expected);
  });

  it("puts the change in no other class", () => {
    for (const env of summary.environments) for (const cls of CHANGE_CLASSES.filter((c) => c !== "rolling-restart")) expect([env.env, cls, env.classes[cls].apps]).toEqual([env.env, cls, 0]);
  });

  it("does not list apps or components without a JVM socle", () => {
    const listed = new Set(diffs.flatMap((d) => d.components.map((c) => `${d.app}/${c.component}`)));
    expect(listed.has("souscription/api")).toBe(true);
    expect(listed.has("souscription/web")).toBe(false); // nginx-static
    expect(diffs.map((d) => d.app)).not.toContain("espace-client"); // node22
    expect(diffs.map((d) => d.app)).not.toContain("gestion-contrats"); // python312
  });

  it("gives the probe timeouts as examples, with before and after", () => {
    const before = catalog.probeDefaults.jvm.timeoutSeconds;
    for (const example of summary.environments[3].classes["rolling-restart"].examples) {
      expect(example.change.path).toMatch(/^spec\.template\.spec\.containers\[0\]\.(readiness|liveness|startup)Probe\.timeoutSeconds$/);
      expect([example.change.before, example.change.after]).toEqual([before, before + 1]);
    }
  });

  it("says it in the headline of the text report and in the MR note", () => {
    const prod = independentCount("prod");
    const origin = { base: "HEAD (abc1234)", head: "working tree", estate: "sample" };
    const text = renderFleetText(summary, origin);
    expect(text).toContain(`Prod: ${prod.apps} apps will restart (${prod.pods} pods)`);
    expect(text).toMatch(new RegExp(`^Prod\\s+rolling restart\\s+${prod.apps}\\s+${prod.components}\\s+${prod.pods}$`, "m"));
    const note = renderFleetNote(summary, origin);
    expect(note.startsWith(`${FLEET_NOTE_MARKER}\n`)).toBe(true);
    expect(note).toContain(`| **Prod** | rolling restart | ${prod.apps} | ${prod.components} | ${prod.pods} |`);
    expect(note).toMatch(/<details><summary>Per-app changes \(\d+ apps\)<\/summary>/);
  });
});
