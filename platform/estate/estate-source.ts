import { Beluga } from "../../constructs/beluga";
import type { BelugaInstance } from "../../constructs/instance";
import type { AppDeclaration } from "../../constructs/model";
import { beluga as repoBeluga } from "../instance";
import { SYNTHETIC_ESTATE_DEFAULTS, syntheticEstate } from "../lab/synthetic-estate/synthetic-estate";

/** Which estate to load: the apps of this repository, or those plus a generated estate around them. */
export type EstateKind = "synthetic" | "repo";

/**
 * Everything an estate-wide command works on: an instance (catalog, environments in promotion order)
 * and a set of apps. A `Beluga` façade is one; so is `{ ...estate, apps: changed }` in a test.
 */
export interface Estate {
  readonly instance: BelugaInstance;
  readonly apps: readonly AppDeclaration[];
}

/** Options of `loadEstate`. */
export interface LoadEstateOptions {
  /** Total number of app systems of a synthetic estate, repository apps included. @default 180 */
  readonly apps?: number;
  /** Seed of the generated part. @default SYNTHETIC_ESTATE_DEFAULTS.seed */
  readonly seed?: number;
  /** The instance and apps the estate starts from. @default this repository's (platform/instance) */
  readonly base?: Beluga;
}

/**
 * Loads an estate as a façade over its apps. `repo` is the base's apps (`apps/catalog.ts`);
 * `synthetic` is those followed by generated ones up to `apps` systems in all, so the real
 * declarations are part of every scale run. Both use the base's instance.
 */
export function loadEstate(kind: EstateKind, options: LoadEstateOptions = {}): Beluga {
  const base = options.base ?? repoBeluga;
  if (kind === "repo") return base;
  const total = options.apps ?? SYNTHETIC_ESTATE_DEFAULTS.apps;
  const generated = syntheticEstate({ apps: Math.max(0, total - base.apps.length), seed: options.seed, environments: base.environments });
  return new Beluga(base.instance, [...base.apps, ...generated]);
}
