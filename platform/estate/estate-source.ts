import { apps as repoApps } from "../../apps/catalog";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec, EnvName } from "../../constructs/model";
import { environments } from "../../environments";
import { catalog } from "../catalog";
import { SYNTHETIC_ESTATE_DEFAULTS, syntheticEstate } from "./synthetic-estate";

/** Which estate to load: the apps of this repository, or those plus a generated estate around them. */
export type EstateKind = "synthetic" | "repo";

/** Everything an estate-wide command works on (the same shape as `synthesize`'s inputs). */
export interface Estate {
  readonly apps: readonly AppDeclaration[];
  readonly environments: Readonly<Record<EnvName, EnvironmentSpec>>;
  readonly catalog: CatalogSpec;
}

/** Options of `loadEstate`. */
export interface LoadEstateOptions {
  /** Total number of app systems of a synthetic estate, repository apps included. @default 180 */
  readonly apps?: number;
  /** Seed of the generated part. @default SYNTHETIC_ESTATE_DEFAULTS.seed */
  readonly seed?: number;
}

/**
 * Loads an estate with the real environments and catalog. `repo` is `apps/catalog.ts`; `synthetic`
 * is the repository apps followed by generated ones up to `apps` systems in all, so the real
 * declarations are part of every scale run.
 */
export function loadEstate(kind: EstateKind, options: LoadEstateOptions = {}): Estate {
  if (kind === "repo") return { apps: repoApps, environments, catalog };
  const total = options.apps ?? SYNTHETIC_ESTATE_DEFAULTS.apps;
  const generated = syntheticEstate({ apps: Math.max(0, total - repoApps.length), seed: options.seed });
  return { apps: [...repoApps, ...generated], environments, catalog };
}
