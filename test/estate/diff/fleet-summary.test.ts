import { apps as repoApps } from "../../../apps/catalog";
import type { AppDeclaration, EnvName } from "../../../constructs/model";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { type AppDiff, diffApp } from "../../../platform/estate/diff/app-diff";
import { CHANGE_CLASSES } from "../../../platform/estate/diff/change-class";
import { renderFleetNote, FLEET_NOTE_MARKER } from "../../../platform/estate/diff/fleet-note";
import { summarizeFleet } from "../../../platform/estate/diff/fleet-summary";
import { renderFleetText } from "../../../platform/estate/diff/fleet-text";
import { syntheticEstate } from "../../../platform/lab/synthetic-estate/synthetic-estate";
import { baseBeluga, countProbeTimeoutChanges, headBeluga, renderOrRefuse } from "../../fixtures/estate/probe-timeout-change";

const estate: AppDeclaration[] = [...repoApps, ...syntheticEstate({ apps: 14, seed: 7 })];
const renders = environments.names.flatMap((env) =>
  estate.map((app) => ({ env, app: app.name, base: renderOrRefuse(baseBeluga, app, env), head: renderOrRefuse(headBeluga, app, env) })),
);
const diffs = renders.map((r) => diffApp(r.app, r.env, r.base, r.head)).filter((d): d is AppDiff => d !== undefined);
const summary = summarizeFleet(diffs, estate.length, environments);
const independentCount = (env: EnvName) => countProbeTimeoutChanges(renders, env);

// A real construct change: the JVM default probe timeout goes up by one second (see the fixture).
describe("summarizeFleet on a real construct change (JVM default probe timeout +1 s)", () => {
  it.each(environments.names.map((env) => [env]))(
    "counts in %s the apps, components and pods that restart, as counted from the rendered objects",
    (env) => {
      const expected = independentCount(env);
      const actual = summary.environments.find((e) => e.env === env)!.classes["rolling-restart"];
      expect(expected.components).toBeGreaterThan(0);
      expect({ apps: actual.apps, components: actual.components, pods: actual.pods }).toEqual(expected);
    },
  );

  it("puts the change in no other class", () => {
    for (const env of summary.environments)
      for (const cls of CHANGE_CLASSES.filter((c) => c !== "rolling-restart"))
        expect([env.env, cls, env.classes[cls].apps]).toEqual([env.env, cls, 0]);
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
