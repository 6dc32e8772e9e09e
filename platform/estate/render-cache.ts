import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BelugaInstance } from "../../constructs/instance";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../../constructs/model";
import type { RenderJobResult } from "./render-job";

/** File suffix of a cached render (the YAML as is). */
const RENDERED = ".yaml";
/** File suffix of a cached refusal (its messages as JSON). */
const REFUSED = ".refused";
let writes = 0;
const DAY_MS = 24 * 3600 * 1000;
/** Entries no run has read or written for this long are pruned. */
export const CACHE_MAX_AGE_DAYS = 30;
/** Stamp file of the last prune, in the cache folder. */
const PRUNE_STAMP = ".pruned";

/**
 * A cache entry found without reading it: a rendered app is its file (and size), read only by whoever
 * needs the YAML; a refusal is its messages (a few hundred bytes, read at once: the caller needs them).
 */
export type CacheHit = { readonly file: string; readonly bytes: number } | { readonly messages: readonly string[] };

/** How the cache reads an entry's text; injectable so tests can count reads. */
export type CacheReader = (file: string) => string;

/** What a prune did. */
export interface PruneReport {
  readonly removed: number;
  readonly kept: number;
  readonly freedBytes: number;
  readonly keptBytes: number;
}

/**
 * Content address of one rendered app in one environment: sha256 of the render code version, the
 * environment spec, the names of the instance's environments (an override of another name is
 * refused), the catalog entries the app uses (registry, profiles, probe defaults, its socles and
 * their base images) and the declaration itself. Declarations are hashed in their written key order,
 * which is also the order objects are rendered in.
 */
export function renderKey(app: AppDeclaration, env: EnvironmentSpec, instance: BelugaInstance, codeVersion: string): string {
  return renderKeys(app, [env], instance, codeVersion)[0];
}

/** `renderKey` for several environments of one app, serialising the declaration and catalog slice once. */
export function renderKeys(app: AppDeclaration, envs: readonly EnvironmentSpec[], instance: BelugaInstance, codeVersion: string): string[] {
  const declaration = JSON.stringify(app);
  const slice = JSON.stringify(catalogSlice(app, instance.catalog));
  const names = JSON.stringify(instance.environments.names);
  return envs.map((env) =>
    createHash("sha256")
      .update(codeVersion)
      .update("\0")
      .update(JSON.stringify(env))
      .update("\0")
      .update(names)
      .update("\0")
      .update(slice)
      .update("\0")
      .update(declaration)
      .digest("hex"),
  );
}

/** The part of the catalog an app's output depends on, so a bump of an unrelated socle keeps it cached. */
function catalogSlice(app: AppDeclaration, catalog: CatalogSpec): unknown {
  const images = [...Object.values(app.components ?? {}), ...Object.values(app.batches ?? {})].map((w) => w?.image?.socle);
  const socleNames = [...new Set(images.filter((s): s is string => typeof s === "string"))].sort();
  const socles = socleNames.map((name) => [name, catalog.socles[name] ?? null]);
  const bases = [...new Set(socleNames.map((name) => catalog.socles[name]?.base).filter((b): b is string => b !== undefined))].sort();
  return {
    registry: catalog.registry,
    profiles: catalog.profiles,
    probeDefaults: catalog.probeDefaults,
    socles,
    bases: bases.map((b) => [b, catalog.baseImages[b] ?? null]),
  };
}

/**
 * Rendered outputs on disk by content address: `<dir>/<key[0..2]>/<key>.yaml` for a render (the YAML as
 * is, so a consumer can copy or read the file itself) and `<key>.refused` for a refusal (its messages):
 * a refused app costs a file read, not a render. `lookup` finds an entry with a `stat`, never reading a
 * render: a warm estate of 720 outputs (62 MB) is 720 stats, and only what a consumer asks for is read.
 * Entries are immutable, so concurrent runs can share a folder (each write goes to a private file
 * renamed into place). An entry's mtime is its last use (a lookup refreshes it when it is a day old),
 * so `prune` drops what no run has asked for in 30 days: every construct change leaves a whole estate
 * of entries that are never asked for again.
 */
export class RenderCache {
  /** Folder holding the entries. */
  readonly dir: string;
  private readonly readText: CacheReader;

  /** @param readText reads an entry's text @default fs.readFileSync(file, "utf8") */
  constructor(dir: string, readText: CacheReader = (file) => readFileSync(file, "utf8")) {
    this.dir = dir;
    this.readText = readText;
  }

  /** The entry for `key` without reading a render, or undefined; refreshes its mtime when a day old. */
  lookup(key: string, now = Date.now()): CacheHit | undefined {
    const file = this.path(key, RENDERED);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat) {
      if (now - stat.mtimeMs > DAY_MS) this.touch(file, now);
      return { file, bytes: stat.size };
    }
    const refused = this.path(key, REFUSED);
    const refusedStat = statSync(refused, { throwIfNoEntry: false });
    if (!refusedStat) return undefined;
    let text: string;
    try {
      text = this.readText(refused);
    } catch {
      return undefined; // removed by a concurrent prune since the stat
    }
    if (now - refusedStat.mtimeMs > DAY_MS) this.touch(refused, now);
    return { messages: JSON.parse(text) as string[] };
  }

  /** The text of a rendered entry `lookup` found, through the cache's reader. */
  readRendered(hit: { readonly file: string }): string {
    return this.readText(hit.file);
  }

  /** The cached result for `key` (reading a render's YAML), or undefined. */
  read(key: string): RenderJobResult | undefined {
    const hit = this.lookup(key);
    if (!hit) return undefined;
    return "file" in hit ? { yaml: this.readRendered(hit) } : { messages: hit.messages };
  }

  /** Stores the result for `key`; returns the file a render was written to. */
  write(key: string, result: RenderJobResult): string {
    const target = this.path(key, "yaml" in result ? RENDERED : REFUSED);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const staging = `${target}.${process.pid}.${writes++}.tmp`;
    writeFileSync(staging, "yaml" in result ? result.yaml : JSON.stringify(result.messages));
    renameSync(staging, target);
    return target;
  }

  /** Removes the entries not used for `maxAgeDays` (and stale staging files), and reports the rest. */
  prune(maxAgeDays = CACHE_MAX_AGE_DAYS, now = Date.now()): PruneReport {
    let [removed, kept, freedBytes, keptBytes] = [0, 0, 0, 0];
    const shards = (() => {
      try {
        return readdirSync(this.dir, { withFileTypes: true }).filter((d) => d.isDirectory() && /^[0-9a-f]{2}$/.test(d.name));
      } catch {
        return [];
      }
    })();
    for (const shard of shards) {
      for (const name of readdirSync(join(this.dir, shard.name))) {
        const file = join(this.dir, shard.name, name);
        let size: number;
        let mtime: number;
        try {
          ({ size, mtimeMs: mtime } = statSync(file));
        } catch {
          continue; // removed by a concurrent prune
        }
        if (now - mtime > maxAgeDays * DAY_MS) {
          rmSync(file, { force: true });
          removed++;
          freedBytes += size;
        } else {
          kept++;
          keptBytes += size;
        }
      }
    }
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(join(this.dir, PRUNE_STAMP), "");
    utimesSync(join(this.dir, PRUNE_STAMP), now / 1000, now / 1000);
    return { removed, kept, freedBytes, keptBytes };
  }

  /** `prune` when the last one is a day old or more (one stat otherwise); runs that wrote entries call it. */
  pruneIfDue(now = Date.now()): PruneReport | undefined {
    try {
      if (now - statSync(join(this.dir, PRUNE_STAMP)).mtimeMs < DAY_MS) return undefined;
    } catch {
      // never pruned
    }
    return this.prune(CACHE_MAX_AGE_DAYS, now);
  }

  /** The files holding the entry for `key` (a render or a refusal), whether they exist or not. */
  files(key: string): { readonly rendered: string; readonly refused: string } {
    return { rendered: this.path(key, RENDERED), refused: this.path(key, REFUSED) };
  }

  private path(key: string, suffix: string): string {
    return join(this.dir, key.slice(0, 2), key + suffix);
  }

  private touch(file: string, now: number): void {
    try {
      utimesSync(file, now / 1000, now / 1000);
    } catch {
      // Removed by a concurrent prune: the next run writes it again.
    }
  }
}
