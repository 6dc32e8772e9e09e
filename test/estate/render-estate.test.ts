import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineInstance } from "../../constructs/instance";
import type { AppDeclaration } from "../../constructs/model";
import {
  type Estate,
  type EstateRender,
  loadEstate,
  RenderCache,
  renderKey,
  renderEstate,
  type RenderEstateOptions,
} from "../../platform/estate";
import { synthesizeApp } from "../../platform/synth";
import { minimalApp } from "../fixtures/declarations";

const collect = async (estate: Estate, options: RenderEstateOptions): Promise<EstateRender[]> => {
  const results: EstateRender[] = [];
  for await (const r of renderEstate(estate, options)) results.push(r);
  return results;
};
const find = (results: EstateRender[], app: string, env: string) => results.find((r) => r.app === app && r.env === env)!;

describe("renderEstate", () => {
  let cacheDir: string;
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), "beluga-estate-test-"));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  it("renders the repository apps exactly as synthesizeApp, byte for byte, through worker threads", async () => {
    const estate = loadEstate("repo");
    const results = await collect(estate, { cacheDir, workers: 2, inlineLimit: 0 });
    expect(results).toHaveLength(estate.apps.length * 4);
    for (const r of results) {
      expect(r.ok).toBe(true);
      const app = estate.apps.find((a) => a.name === r.app)!;
      if (r.ok) expect(r.readYaml()).toBe(synthesizeApp(estate, app, r.env));
    }
  }, 60_000);

  it("renders a sample of the synthetic estate exactly as synthesizeApp, in this thread and in workers alike", async () => {
    const full = loadEstate("synthetic");
    const sample: Estate = {
      instance: full.instance,
      apps: [
        ...full.apps.filter((_, i) => i % 30 === 7),
        ...full.apps.filter((a) => JSON.stringify(a).includes("java17-spring")).slice(0, 1),
      ],
    };
    const inThread = await collect(sample, { cacheDir: false, workers: 0 });
    const inWorkers = await collect(sample, { cacheDir: false, workers: 2, inlineLimit: 0 });
    for (const r of [...inThread, ...inWorkers]) {
      const app = sample.apps.find((a) => a.name === r.app)!;
      if (r.ok) expect(r.readYaml()).toBe(synthesizeApp(full, app, r.env));
      else expect(() => synthesizeApp(full, app, r.env)).toThrow(r.messages[0]);
    }
    expect(inThread.filter((r) => !r.ok).map((r) => r.env)).toEqual(["prod"]);
  }, 120_000);

  it("serves unchanged apps from the cache and renders again only a changed declaration", async () => {
    const estate = loadEstate("repo");
    const first = await collect(estate, { cacheDir });
    expect(first.every((r) => !r.cached)).toBe(true);
    const changed: AppDeclaration[] = estate.apps.map((a) => (a.name === "sinistre" ? { ...a, team: "claims-v2" } : a));
    const second = await collect({ instance: estate.instance, apps: changed }, { cacheDir });
    expect(
      second
        .filter((r) => !r.cached)
        .map((r) => `${r.app}/${r.env}`)
        .sort(),
    ).toEqual(["sinistre/dev", "sinistre/int", "sinistre/prod", "sinistre/re7"]);
    const again = find(second, "sinistre", "prod");
    expect(again.ok && again.readYaml()).toContain("beluga.io/team: claims-v2");
    const cachedOne = find(second, "souscription", "prod");
    expect(cachedOne.ok && cachedOne.readYaml()).toBe(synthesizeApp(estate, "souscription", "prod"));
  }, 60_000);

  it("does not read an unchanged app's cached output: a consumer reads it only when it asks for the YAML", async () => {
    const estate = loadEstate("repo");
    await collect(estate, { cacheDir, workers: 0 });
    const reads: string[] = [];
    const cache = new RenderCache(cacheDir, (file) => {
      reads.push(file);
      return readFileSync(file, "utf8");
    });
    const changed: AppDeclaration[] = estate.apps.map((a) => (a.name === "sinistre" ? { ...a, team: "claims-v2" } : a));
    const second = await collect({ instance: estate.instance, apps: changed }, { cache, workers: 0 });
    const unchanged = find(second, "souscription", "prod");
    expect(unchanged.cached).toBe(true);
    expect(unchanged.ok && unchanged.file && unchanged.bytes).toBe(unchanged.ok && unchanged.file && statSync(unchanged.file).size);
    expect(reads).toEqual([]);
    const yaml = unchanged.ok && unchanged.readYaml();
    expect(yaml).toBe(synthesizeApp(estate, "souscription", "prod"));
    expect(reads).toEqual([unchanged.ok && unchanged.file]);
  }, 60_000);

  it("prunes entries unused for 30 days when a run writes new ones, and leaves the cache alone on an all-hit run", async () => {
    const estate = loadEstate("repo");
    const cache = new RenderCache(cacheDir);
    const stale = (name: string) => {
      const key = renderKey(estate.apps[0], estate.environment("dev"), estate.instance, name);
      cache.write(key, { yaml: "kind: Stale\n" });
      const old = (Date.now() - 31 * 24 * 3600 * 1000) / 1000;
      utimesSync(cache.files(key).rendered, old, old);
      return cache.files(key).rendered;
    };
    const first = stale("an-old-constructs-version");
    await collect(estate, { cacheDir, workers: 0 });
    expect(existsSync(first)).toBe(false);
    const second = stale("another-old-version");
    rmSync(join(cacheDir, ".pruned"));
    const hits = await collect(estate, { cacheDir, workers: 0 });
    expect(hits.every((r) => r.cached)).toBe(true);
    expect(existsSync(second)).toBe(true);
  }, 60_000);

  it("keys the cache on the render code version: another version is a miss", () => {
    const estate = loadEstate("repo");
    const app = estate.apps[0];
    const key = renderKey(app, estate.environment("dev"), estate.instance, "version-a");
    const cache = new RenderCache(cacheDir);
    cache.write(key, { yaml: "kind: X\n" });
    expect(cache.read(key)).toEqual({ yaml: "kind: X\n" });
    expect(renderKey(app, estate.environment("dev"), estate.instance, "version-b")).not.toBe(key);
    expect(cache.read(renderKey(app, estate.environment("dev"), estate.instance, "version-b"))).toBeUndefined();
    expect(renderKey(app, estate.environment("int"), estate.instance, "version-a")).not.toBe(key);
  });

  it("keys the cache on the instance's environment names: an override of another name is refused, so the set matters", () => {
    const estate = loadEstate("repo");
    const app = estate.apps[0];
    const dev = estate.environment("dev");
    const devOnly = defineInstance({ name: "dev-only", catalog: estate.instance.catalog, environments: [dev] });
    expect(renderKey(app, dev, devOnly, "v")).not.toBe(renderKey(app, dev, estate.instance, "v"));
    expect(renderKey(app, dev, { ...estate.instance, name: "renamed" }, "v")).toBe(renderKey(app, dev, estate.instance, "v"));
  });

  it("keys the cache on the catalog entries an app uses, not on unrelated ones", () => {
    const estate = loadEstate("repo");
    const app = estate.apps.find((a) => a.name === "gestion-contrats")!; // python312 only
    const { catalog } = estate.instance;
    const key = (c: typeof catalog) => renderKey(app, estate.environment("prod"), { ...estate.instance, catalog: c }, "v");
    const bumped = (socle: string) => ({
      ...catalog,
      socles: { ...catalog.socles, [socle]: { ...catalog.socles[socle], version: "9.9.9" } },
    });
    expect(key(bumped("node22"))).toBe(key(catalog));
    expect(key(bumped("python312"))).not.toBe(key(catalog));
  });

  it("fails when a declaration is invalid: the DeclarationError messages for every environment, no stack trace, the rest rendered", async () => {
    const bad = minimalApp();
    bad.components.api.scaling = { min: 4, max: 2 };
    const repo = loadEstate("repo");
    const estate: Estate = { instance: repo.instance, apps: [...repo.apps, bad] };
    const results = await collect(estate, { cacheDir, workers: 2, inlineLimit: 0 });
    const refused = results.filter((r) => !r.ok);
    expect(refused.map((r) => `${r.app}/${r.env}`)).toEqual(["mini/dev", "mini/int", "mini/re7", "mini/prod"]);
    for (const r of refused)
      if (!r.ok) expect(r.messages).toEqual(["mini: components.api.scaling.max (2) must be ≥ scaling.min (4); raise max or lower min"]);
    expect(results.filter((r) => r.ok)).toHaveLength(16);
    // Refusals are cached like renders.
    const again = await collect(estate, { cacheDir });
    expect(again.filter((r) => !r.ok).every((r) => r.cached)).toBe(true);
  }, 60_000);

  it("fails when two apps share a name", async () => {
    const estate = loadEstate("repo");
    const results = await collect({ instance: estate.instance, apps: [...estate.apps, estate.apps[0]] }, { cacheDir: false });
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(4);
    for (const r of refused)
      if (!r.ok) expect(r.messages).toEqual(["espace-client: name is declared by two apps; app names are unique across the estate"]);
  }, 60_000);

  it("reports progress after every result", async () => {
    const estate = loadEstate("repo");
    const seen: number[] = [];
    await collect(estate, { cacheDir, onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  }, 60_000);
});
