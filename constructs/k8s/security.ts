import * as kplus from "cdk8s-plus-27";

/**
 * The restricted Pod Security Standard, as container settings: non-root, read-only root filesystem,
 * no privilege escalation. Dropping ALL capabilities and seccomp RuntimeDefault are added by
 * `patchRestrictedPod` (cdk8s-plus-27 has no field for seccomp and only prefixed `CAP_*` names).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedContainer(user: number): kplus.ContainerSecurityContextProps {
  return {
    ensureNonRoot: true,
    privileged: false,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    user,
    group: user,
  };
}

/** Pod-level counterpart of `restrictedContainer`. */
export function restrictedPod(user: number): kplus.PodSecurityContextProps {
  return { ensureNonRoot: true, user, group: user, fsGroup: user };
}

/** The seccomp profile the restricted standard requires, at pod and container level. */
export const SECCOMP_RUNTIME_DEFAULT = { type: "RuntimeDefault" };
