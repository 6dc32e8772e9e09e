import { apps as repoApps } from "../../apps/catalog";
import { loadEstate } from "../../platform/estate";

describe("loadEstate", () => {
  it("repo is apps/catalog.ts with the real environments and catalog", () => {
    const estate = loadEstate("repo");
    expect(estate.apps).toBe(repoApps);
    expect(estate.environments.names).toEqual(["dev", "int", "re7", "prod"]);
    expect(Object.keys(estate.instance.catalog.socles)).toContain("java21-spring");
  });

  it("synthetic holds the repository apps first, then generated ones up to 180 systems", () => {
    const estate = loadEstate("synthetic");
    expect(estate.apps).toHaveLength(180);
    expect(estate.apps.slice(0, repoApps.length)).toEqual(repoApps);
    expect(loadEstate("synthetic", { apps: 10 }).apps).toHaveLength(10);
  });
});
