import type { CatalogSpec, EnvironmentSpec } from "../model";
import type { ImageLineage, ResolvedImage } from "./resolved-app";

/** Reference of a socle image in the platform registry, pinned by digest. */
export function socleRef(catalog: CatalogSpec, socle: string): string {
  const s = catalog.socles[socle];
  return `${catalog.registry}/socles/${socle}:${s.version}@${s.digest}`;
}

/** Reference of a base image, pinned by digest. */
export function baseRef(catalog: CatalogSpec, base: string): string {
  const b = catalog.baseImages[base];
  return `${b.image}:${b.version}@${b.digest}`;
}

/** The lineage of an app image: which socle it is built FROM, and which base that socle is built FROM. */
export function lineageOf(catalog: CatalogSpec, socle: string): ImageLineage {
  const s = catalog.socles[socle];
  return {
    base: { name: s.base, ref: baseRef(catalog, s.base) },
    socle: { name: socle, version: s.version, ref: socleRef(catalog, socle), lifecycle: s.lifecycle, kind: s.kind },
  };
}

/**
 * The image an environment deploys: `<registry>/<team>/<artifact>:<version>`, plus `@<digest>` when a
 * digest is known (the tag stays for humans; the runtime pulls by digest).
 */
export function resolveImage(
  env: EnvironmentSpec,
  catalog: CatalogSpec,
  team: string,
  image: { socle: string; artifact: string; version: string; digest?: string },
): ResolvedImage {
  const repository = `${env.registry}/${team}/${image.artifact}`;
  const ref = `${repository}:${image.version}${image.digest ? `@${image.digest}` : ""}`;
  return { ref, repository, version: image.version, digest: image.digest, lineage: lineageOf(catalog, image.socle) };
}
