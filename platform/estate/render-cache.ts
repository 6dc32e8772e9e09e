import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  futimesSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { BelugaInstance } from "../../constructs/instance";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../../constructs/model";
import type { RenderJobResult } from "./render-job";

/** Marks a cached refusal; rendered YAML never starts with a comment. */
const REFUSED = "# refused\n";
let writes = 0;
const DAY_MS = 24 * 3600 * 1000;
/** Entries no run has read or written for this long are pruned. */
export const CACHE_MAX_AGE_DAYS = 30;
/** Stamp file of the last prune, in the cache folder. */
const PRUNE_STAMP = ".pruned";

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
 * Rendered outputs on disk by content address: `<dir>/<key[0..2]>/<key>`. Entries are immutable, so
 * concurrent runs can share a folder (each write goes to a private file renamed into place). Refusals
 * are cached too: a refused app costs a file read, not a render. An entry's mtime is its last use (a
 * read refreshes it when it is a day old), so `prune` drops what no run has asked for in 30 days:
 * every construct change leaves a whole estate of entries that are never asked for again.
 */
export class RenderCache {
  /** Folder holding the entries. */
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The cached result for `key`, or undefined. */
  read(key: string): RenderJobResult | undefined {
    let fd: number;
    try {
      fd = openSync(this.path(key), "r");
    } catch {
      return undefined;
    }
    let text: string;
    try {
      text = readFileSync(fd, "utf8");
      const now = Date.now();
      if (now - fstatSync(fd).mtimeMs > DAY_MS) futimesSync(fd, now / 1000, now / 1000);
    } finally {
      closeSync(fd);
    }
    if (text.startsWith(REFUSED)) return { messages: JSON.parse(text.slice(REFUSED.length)) as string[] };
    return { yaml: text };
  }

  /** Stores the result for `key`. */
  write(key: string, result: RenderJobResult): void {
    const target = this.path(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const staging = `${target}.${process.pid}.${writes++}.tmp`;
    writeFileSync(staging, "yaml" in result ? result.yaml : REFUSED + JSON.stringify(result.messages));
    renameSync(staging, target);
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

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }
}
