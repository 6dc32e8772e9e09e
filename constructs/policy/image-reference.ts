/**
 * Parts of a container image reference: `registry.host/path/name:tag@sha256:...`.
 * @see https://github.com/distribution/reference/blob/main/reference.go
 */
export interface ImageReference {
  /** Everything before the tag and digest: registry host and repository path. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Splits an image reference; the tag is the text after the last ':' of the last path segment. */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf("@");
  const named = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const hasTag = colon > slash;
  return { repository: hasTag ? named.slice(0, colon) : named, tag: hasTag ? named.slice(colon + 1) : undefined, digest };
}

/** Whether the reference pins a well-formed sha256 digest. */
export function pinnedByDigest(image: string): boolean {
  const { digest } = parseImageReference(image);
  return digest !== undefined && DIGEST.test(digest);
}
