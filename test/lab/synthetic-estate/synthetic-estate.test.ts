import { Beluga } from "../../../constructs/beluga";
import { EnvironmentSet } from "../../../constructs/instance";
import { DeclarationError } from "../../../constructs/resolve";
import { dev, environments, prod } from "../../../environments";
import { syntheticEstate } from "../../../platform/lab/synthetic-estate";
import { beluga } from "../../../platform/instance";

describe("syntheticEstate", () => {
  const apps = syntheticEstate();
  const estate = new Beluga(beluga.instance, apps);
  const workloads = apps.flatMap((a) => [...Object.values(a.components), ...Object.values(a.batches ?? {})]);

  it("is deterministic: the same seed gives the same estate, another seed a different one", () => {
    expect(JSON.stringify(syntheticEstate())).toBe(JSON.stringify(apps));
    expect(JSON.stringify(syntheticEstate({ seed: 1 }))).not.toBe(JSON.stringify(apps));
    expect(syntheticEstate({ apps: 5 }).map((a) => a.name)).toHaveLength(5);
  });

  it("has the shape of the real estate: 180 systems, about 2000 workloads, a mix of socles, trains and criticalities", () => {
    expect(apps).toHaveLength(180);
    expect(new Set(apps.map((a) => a.name)).size).toBe(180);
    expect(workloads.length).toBeGreaterThanOrEqual(1800);
    expect(workloads.length).toBeLessThanOrEqual(2200);
    const socles = new Set(workloads.map((w) => w.image.socle));
    expect([...socles].sort()).toEqual(["java17-spring", "java21-spring", "nginx-static", "node22", "python312"]);
    expect(apps.some((a) => a.release.policy === "release-train")).toBe(true);
    expect(apps.some((a) => a.release.policy === "continuous")).toBe(true);
    expect(apps.some((a) => a.criticality === "critical") && apps.some((a) => a.criticality === "standard")).toBe(true);
    expect(apps.some((a) => Object.keys(a.batches ?? {}).length > 0)).toBe(true);
    expect(apps.some((a) => Object.values(a.components).some((c) => (c.routes ?? []).length > 0))).toBe(true);
    for (const c of apps.flatMap((a) => Object.values(a.components))) {
      const s = c.scaling!;
      const low = s.replicas ?? s.min!;
      expect(low).toBeGreaterThanOrEqual(2);
      expect(s.replicas ?? s.max!).toBeLessThanOrEqual(4);
    }
    for (const w of workloads) expect(w.image.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it("validates in all four environments, except Prod refusing the systems still on the deprecated java17-spring socle", () => {
    for (const app of apps) {
      const legacy = [...Object.values(app.components), ...Object.values(app.batches ?? {})].some((w) => w.image.socle === "java17-spring");
      for (const envName of environments.names) {
        // Generated apps call each other: resolve them in their own set, as the estate does.
        const attempt = () => estate.resolve(app, envName);
        if (legacy && envName === "prod") {
          expect(attempt).toThrow(DeclarationError);
          try {
            attempt();
          } catch (error) {
            for (const m of (error as DeclarationError).messages)
              expect(m).toMatch(
                /\("java17-spring"\) is deprecated and Prod accepts only supported socles; rebuild the image on java21-spring$/,
              );
          }
        } else expect(attempt).not.toThrow();
      }
    }
    expect(apps.filter((a) => JSON.stringify(a).includes("java17-spring")).length).toBeGreaterThan(0);
  });

  it("overrides only environments of the instance: batches in the first one, scaling in the last one", () => {
    const named = (list: typeof apps) => [...new Set(list.flatMap((a) => Object.keys(a.environments ?? {})))].sort();
    expect(named(apps)).toEqual(["dev", "prod"]);
    const other = EnvironmentSet.of([
      { ...dev, name: "alpha" },
      { ...prod, name: "omega", promotesFrom: "alpha" },
    ]);
    const generated = syntheticEstate({ environments: other });
    expect(named(generated)).toEqual(["alpha", "omega"]);
    // Only the override keys move: the same declarations otherwise.
    expect(JSON.stringify(generated).replaceAll('"alpha":', '"dev":').replaceAll('"omega":', '"prod":')).toBe(JSON.stringify(apps));
  });
});
