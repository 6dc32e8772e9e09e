/**
 * Pinned tool images of the generated jobs. A tag change here regenerates every pipeline (and the
 * `check` fails until it is committed), so an image bump is one reviewed commit.
 */
export const PIPELINE_IMAGES = {
  /** Node 22, the pulumi CLI and make: build, preview, deploy and note jobs. */
  tools: "registry.beluga.internal/platform/ci/beluga-tools:2025.06.1",
  /** Daemonless image builds (no Docker socket on the runners). @see https://github.com/containers/buildah */
  buildah: "quay.io/buildah/stable:v1.39.3",
} as const;
