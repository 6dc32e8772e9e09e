import { z } from "zod";

/** A digest as registries print it. */
export const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** An image version tag; `latest` is refused separately with a dedicated message. */
export const VERSION_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * The app image of a component or batch: built FROM a socle of the platform catalog, identified by an
 * artifact name and an immutable version. The digest is what int, re7 and prod deploy (build once,
 * deploy everywhere); pipelines usually supply it through stack configuration rather than here.
 */
export const ImageSpec = z.strictObject({
  /** Socle from `platform/catalog` the app image is built FROM, e.g. `java17`. */
  socle: z.string(),
  /** Repository name of the app image under the team's registry path. */
  artifact: z.string().regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/),
  /** Immutable version tag, e.g. `1.4.2`. Never `latest`. */
  version: z.string().regex(VERSION_TAG),
  /** Digest of the built image; required where the environment requires digests. */
  digest: z.string().regex(DIGEST).optional(),
});
export type ImageSpec = z.infer<typeof ImageSpec>;
