import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { instance } from "../../../platform/instance";
import { loadEstate } from "../../../platform/estate/estate-source";
import { socleUsage } from "../../../platform/estate/socles/socle-usage";
import { lifecycleFindings, renderUsage } from "../../../platform/estate/socles/socles-report";
import { SOCLE_APPS } from "../../fixtures/estate/socle-apps";

const usage = socleUsage({ apps: SOCLE_APPS, instance });
const of = (socle: string) => usage.find((u) => u.socle === socle)!;

describe("socleUsage", () => {
  it("lists every catalog socle with the apps and workloads counted by hand", () => {
    expect(usage.map((u) => u.socle)).toEqual(Object.keys(catalog.socles));
    expect(Object.fromEntries(usage.map((u) => [u.socle, [u.apps, u.workloads.length]]))).toEqual({
      "java21-spring": [["billing", "legacy"], 3],
      "java17-spring": [["portal"], 1],
      "java11-tomcat": [["legacy"], 1],
      node22: [["billing"], 1],
      "nginx-static": [[], 0],
      python312: [[], 0],
    });
  });

  it("keeps each environment's image version and the declaration path", () => {
    expect(of("java21-spring").workloads.find((w) => w.app === "billing" && w.path === "components.api")!.versions).toEqual({
      dev: "1.0.0",
      int: "1.0.0",
      re7: "1.0.0",
      prod: "0.9.0",
    });
    expect(of("java21-spring").workloads.map((w) => w.path)).toEqual(["components.api", "batches.close", "components.api"]);
  });

  it("says which environments refuse a socle from its lifecycle", () => {
    expect(of("java17-spring").environments.prod).toEqual({ apps: [], refused: ["portal"] });
    expect(of("java17-spring").environments.re7).toEqual({ apps: ["portal"], refused: [] });
    for (const env of ["dev", "int", "re7", "prod"] as const) expect(of("java11-tomcat").environments[env].refused).toEqual(["legacy"]);
  });

  it("reports retired users as errors first, deprecated ones as warnings, with the successor", () => {
    expect(lifecycleFindings(usage, environments)).toEqual([
      {
        level: "error",
        socle: "java11-tomcat",
        message:
          "java11-tomcat is retired and refused in Dev, Int, RE7, Prod (Prod included), still used by 1 app(s): legacy; migrate to java21-spring",
      },
      {
        level: "warning",
        socle: "java17-spring",
        message: "java17-spring is deprecated (refused in Prod), still used by 1 app(s): portal; migrate to java21-spring",
      },
    ]);
    const text = renderUsage(usage, "text", environments);
    expect(text).toMatch(/^java11-tomcat\s+retired\s+1\.9\.4\s+\w+\s+1\s+1\s+✗ 1\s+✗ 1\s+✗ 1\s+✗ 1$/m);
    expect(text).toContain("✗ error: java11-tomcat is retired");
    expect(JSON.parse(renderUsage(usage, "json", environments)).findings).toHaveLength(2);
  });

  it("matches a hand count over the synthetic estate's declarations", () => {
    const estate = loadEstate("synthetic", { apps: 40, seed: 3 });
    const counted = new Map<string, Set<string>>();
    for (const app of estate.apps)
      for (const w of [...Object.values(app.components), ...Object.values(app.batches ?? {})])
        counted.set(w.image.socle, (counted.get(w.image.socle) ?? new Set()).add(app.name));
    for (const u of socleUsage(estate)) expect([u.socle, u.apps.length]).toEqual([u.socle, counted.get(u.socle)?.size ?? 0]);
  });
});
