import { createHash } from "node:crypto";

/**
 * The namespace annotations OpenShift's security context constraints read, and how the platform layer
 * sets them. OpenShift's cluster-policy-controller allocates them to a namespace that has none; a
 * namespace created with them keeps them. Beluga sets them itself so that each app namespace's UID
 * range is known before the cluster sees it (the policy pack judges pods against it) and is the same
 * on every render.
 * @see https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/authentication_and_authorization/managing-pod-security-policies
 */

/** UID range of the namespace: `<first>/<size>`; restricted-v2's `runAsUser: MustRunAsRange` picks from it. */
export const SCC_UID_RANGE_ANNOTATION = "openshift.io/sa.scc.uid-range";
/** Group range of the namespace: `<first>/<size>`; restricted-v2's `fsGroup: MustRunAs` picks from it. */
export const SCC_SUPPLEMENTAL_GROUPS_ANNOTATION = "openshift.io/sa.scc.supplemental-groups";
/** SELinux MCS level of the namespace (`s0:c26,c5`); restricted-v2's `seLinuxContext: MustRunAs` applies it. */
export const SCC_MCS_ANNOTATION = "openshift.io/sa.scc.mcs";

/** First UID OpenShift allocates namespace blocks from (its default `1000000000-1999999999/10000`). */
export const SCC_UID_BASE = 1_000_000_000;
/** Width of one namespace's block. */
export const SCC_BLOCK_SIZE = 10_000;
/** Number of blocks in OpenShift's default allocation range. */
export const SCC_BLOCKS = 100_000;
/** MCS categories OpenShift draws a namespace's pair from (c0 to c1023). */
const MCS_CATEGORIES = 1024;

/** A range of ids, as OpenShift writes it in `<first>/<size>`. */
export interface IdRange {
  readonly first: number;
  readonly size: number;
}

/**
 * The annotations of a namespace, derived from its name only: a block of 10000 ids chosen by a hash
 * of the name among OpenShift's 100000 blocks, and an MCS pair from the same hash. Independent of the
 * other namespaces, so adding an app never moves another app's range (two names may share a block,
 * about 1 % of clusters with 50 app namespaces: their pods then share UIDs, as they would with
 * `MustRunAs` in a single range; the unit tests check this instance's namespaces do not).
 * @example sccAnnotationsFor("sinistre-prod") // { "openshift.io/sa.scc.uid-range": "1000xxxx0000/10000", ... }
 */
export function sccAnnotationsFor(namespace: string): Record<string, string> {
  const digest = createHash("sha256").update(namespace).digest();
  const block = digest.readUInt32BE(0) % SCC_BLOCKS;
  const first = SCC_UID_BASE + block * SCC_BLOCK_SIZE;
  const a = digest.readUInt16BE(4) % MCS_CATEGORIES;
  let b = digest.readUInt16BE(6) % MCS_CATEGORIES;
  if (b === a) b = (a + 1) % MCS_CATEGORIES;
  const range = `${first}/${SCC_BLOCK_SIZE}`;
  return {
    [SCC_UID_RANGE_ANNOTATION]: range,
    [SCC_SUPPLEMENTAL_GROUPS_ANNOTATION]: range,
    [SCC_MCS_ANNOTATION]: `s0:c${Math.max(a, b)},c${Math.min(a, b)}`,
  };
}

/**
 * A range annotation (`1000650000/10000`, or OpenShift's other form `1000650000-1000659999`), or
 * undefined when it is missing or malformed. Of a comma-separated list, the first block.
 */
export function parseIdRange(annotation: string | undefined): IdRange | undefined {
  const first = annotation?.split(",")[0]?.trim();
  if (!first) return undefined;
  const slash = /^(\d+)\/(\d+)$/.exec(first);
  if (slash) return { first: Number(slash[1]), size: Number(slash[2]) };
  const dash = /^(\d+)-(\d+)$/.exec(first);
  if (dash && Number(dash[2]) >= Number(dash[1])) return { first: Number(dash[1]), size: Number(dash[2]) - Number(dash[1]) + 1 };
  return undefined;
}

/** Whether an id lies in a range. */
export function inIdRange(id: number, range: IdRange): boolean {
  return id >= range.first && id < range.first + range.size;
}

/** `1000650000/10000` as a person reads it: `1000650000-1000659999`. */
export function showIdRange(range: IdRange): string {
  return `${range.first}-${range.first + range.size - 1}`;
}
