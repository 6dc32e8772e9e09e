import * as kplus from "cdk8s-plus-27";

/**
 * The restricted Pod Security Standard and OpenShift's `restricted-v2` SCC, as container settings:
 * non-root, read-only root filesystem, no privilege escalation. Dropping ALL capabilities and seccomp
 * RuntimeDefault are added by `patchRestrictedPod` (cdk8s-plus-27 has no field for seccomp and only
 * prefixed `CAP_*` names).
 *
 * No `runAsUser`, `runAsGroup` or `fsGroup`: restricted-v2 assigns each namespace its own UID range
 * (`runAsUser: MustRunAsRange`) and refuses a pod asking for a UID outside it, so a UID fixed in the
 * manifest only works by luck. The image's numeric non-root `USER` (the socle sets it) plus
 * `runAsNonRoot: true` is what both the SCC and the kubelet's non-root check expect.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 * @see https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/authentication_and_authorization/managing-pod-security-policies
 */
export function restrictedContainer(): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    privileged: false,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
  };
}

/** Pod-level counterpart of `restrictedContainer`: non-root, and no fixed UID, GID or fsGroup either. */
export function restrictedPod(): kplus.PodSecurityContextProps {
  return { ensureNonRoot: true };
}

/** The seccomp profile the restricted standard requires, at pod and container level. */
export const SECCOMP_RUNTIME_DEFAULT = { type: "RuntimeDefault" };
