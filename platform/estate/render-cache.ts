import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../../constructs/model";
import type { RenderJobResult } from "./render-job";

/** Marks a cached refusal; rendered YAML never starts with a comment. */
const REFUSED = "# refused\n";
let writes = 0;

/**
 * Content address of one rendered app in one environment: sha256 of the render code version, the
 * environment spec, the catalog entries the app uses (registry, profiles, probe defaults, its socles
 * and their base images) and the declaration itself. Declarations are hashed in their written key
 * order, which is also the order objects are rendered in.
 */
export function renderKey(app: AppDeclaration, env: EnvironmentSpec, catalog: CatalogSpec, codeVersion: string): string {
  return renderKeys(app, [env], catalog, codeVersion)[0];
}

/** `renderKey` for several environments of one app, serialising the declaration and catalog slice once. */
export function renderKeys(app: AppDeclaration, envs: readonly EnvironmentSpec[], catalog: CatalogSpec, codeVersion: string): string[] {
  const declaration = JSON.stringify(app);
  const slice = JSON.stringify(catalogSlice(app, catalog));
  return envs.map((env) => createHash("sha256").update(codeVersion).update("\0").update(JSON.stringify(env)).update("\0").update(slice).update("\0").update(declaration).digest("hex"));
}

/** The part of the catalog an app's output depends on, so a bump of an unrelated socle keeps it cached. */
function catalogSlice(app: AppDeclaration, catalog: CatalogSpec): unknown {
  const images = [...Object.values(app.components ?? {}), ...Object.values(app.batches ?? {})].map((w) => w?.image?.socle);
  const socleNames = [...new Set(images.filter((s): s is string => typeof s === "string"))].sort();
  const socles = socleNames.map((name) => [name, catalog.socles[name] ?? null]);
  const bases = [...new Set(socleNames.map((name) => catalog.socles[name]?.base).filter((b): b is string => b !== undefined))].sort();
  return { registry: catalog.registry, profiles: catalog.profiles, probeDefaults: catalog.probeDefaults, socles, bases: bases.map((b) => [b, catalog.baseImages[b] ?? null]) };
}

/**
 * Rendered outputs on disk by content address: `<dir>/<key[0..2]>/<key>`. Entries are immutable, so
 * concurrent runs can share a folder (each write goes to a private file renamed into place) and
 * stale entries are simply never asked for again. Refusals are cached too: a refused app costs a
 * file read, not a render.
 */
export class RenderCache {
  /** Folder holding the entries. */
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The cached result for `key`, or undefined. */
  read(key: string): RenderJobResult | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(key), "utf8");
    } catch {
      return undefined;
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

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }
}
