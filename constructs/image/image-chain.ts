import type { CatalogSpec } from "../model";
import { baseRef } from "../resolve";
import type { ResolvedApp, ResolvedImage } from "../resolve";

/** One Containerfile of the chain, with where it is written and what it produces. */
export interface Containerfile {
  /** Path under the images output folder, e.g. `socles/java21-spring/Containerfile`. */
  readonly path: string;
  /** Image this file builds (without digest: the digest is known once built). */
  readonly builds: string;
  readonly content: string;
}

/** OCI annotation keys carrying lineage, so any running image says what it was built FROM. */
const LABEL = {
  base: "io.beluga.image.base",
  socle: "io.beluga.image.socle",
  created: "org.opencontainers.image.base.name",
};

/**
 * The Containerfile of a socle: FROM its RedHat base by digest, middleware, then the company layer
 * (corporate CA certificates, the `beluga-health` probe command, non-root user, JSON logs).
 */
export function socleContainerfile(catalog: CatalogSpec, name: string): Containerfile {
  const socle = catalog.socles[name];
  const from = baseRef(catalog, socle.base);
  const content = [
    `# Socle ${name} ${socle.version} (${socle.lifecycle}) — generated from platform/catalog/socles.ts`,
    `FROM ${from}`,
    "USER 0",
    `# Middleware: ${socle.middleware.join(", ")}`,
    "COPY middleware/ /opt/middleware/",
    "# Company layer",
    "COPY ca-certificates/ /etc/pki/ca-trust/source/anchors/",
    "RUN update-ca-trust extract",
    "COPY beluga-health /usr/local/bin/beluga-health",
    `ENV LOG_FORMAT=${socle.logFormat} TZ=Europe/Paris`,
    `LABEL ${LABEL.base}="${from}" ${LABEL.created}="${from}" org.opencontainers.image.version="${socle.version}" org.opencontainers.image.title="${name}"`,
    `USER ${socle.user}`,
    "",
  ].join("\n");
  return { path: `socles/${name}/Containerfile`, builds: `${catalog.registry}/socles/${name}:${socle.version}`, content };
}

/**
 * The Containerfile of an app image: FROM its socle by digest, the built artifact, non-root USER and
 * OCI labels carrying the whole lineage (base and socle).
 */
export function appContainerfile(app: string, artifact: string, image: ResolvedImage): Containerfile {
  const { lineage } = image;
  const content = [
    `# App image ${artifact} ${image.version} of ${app} — generated from apps/${app}/app.ts`,
    `FROM ${lineage.socle.ref}`,
    "COPY --chown=0:0 build/ /opt/app/",
    `LABEL ${LABEL.socle}="${lineage.socle.ref}" ${LABEL.base}="${lineage.base.ref}" ${LABEL.created}="${lineage.socle.ref}" org.opencontainers.image.version="${image.version}" org.opencontainers.image.title="${artifact}"`,
    "USER 1001",
    "",
  ].join("\n");
  return { path: `apps/${app}/${artifact}/Containerfile`, builds: image.repository, content };
}

/** Every Containerfile of the chain for the given apps: each socle once, each app artifact once. */
export function imageChain(catalog: CatalogSpec, apps: readonly ResolvedApp[]): Containerfile[] {
  const files = new Map<string, Containerfile>();
  for (const name of Object.keys(catalog.socles).sort()) {
    const file = socleContainerfile(catalog, name);
    files.set(file.path, file);
  }
  for (const app of apps) {
    for (const workload of [...app.components, ...app.batches]) {
      const artifact = workload.image.repository.split("/").pop()!;
      const file = appContainerfile(app.app, artifact, workload.image);
      files.set(file.path, file);
    }
  }
  return [...files.values()];
}
