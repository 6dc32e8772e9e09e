import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

const SECCOMP_TYPES = new Set(["RuntimeDefault", "Localhost"]);

/**
 * The restricted Pod Security Standard, checked before the API server's admission would reject the
 * pods (or, on a cluster without it, silently run them with too many rights): non-root, no privilege
 * escalation, every capability dropped, a seccomp profile and a read-only root filesystem.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const restrictedPodSecurity: ObjectRule = {
  name: "beluga-restricted-pod-security",
  description:
    "Pods follow the restricted Pod Security Standard: run as non-root, no privilege escalation, capabilities drop ALL, seccomp RuntimeDefault, read-only root filesystem, no host namespaces.",
  kinds: WORKLOAD_KINDS,
  check(object) {
    const template = podTemplateOf(object);
    if (!template) return [];
    const pod = (template.spec.securityContext ?? {}) as Record<string, any>;
    const where = describeObject(object);
    const problems: string[] = [];
    const hostNamespaces = ["hostNetwork", "hostPID", "hostIPC"].filter((f) => template.spec[f] === true);
    if (hostNamespaces.length > 0)
      problems.push(`${where} shares the node's ${hostNamespaces.join(", ")}; remove them: app pods never need the host's namespaces.`);
    for (const container of containersOf(template)) {
      const sc = (container.securityContext ?? {}) as Record<string, any>;
      const missing: string[] = [];
      const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
      const user = sc.runAsUser ?? pod.runAsUser;
      if (nonRoot !== true) missing.push("runAsNonRoot: true");
      if (user === 0) missing.push("a non-zero runAsUser");
      if (sc.allowPrivilegeEscalation !== false) missing.push("allowPrivilegeEscalation: false");
      if (sc.privileged === true) missing.push("privileged: false");
      const drop: unknown = sc.capabilities?.drop;
      if (!Array.isArray(drop) || !drop.includes("ALL")) missing.push("capabilities.drop: [ALL]");
      const added: unknown = sc.capabilities?.add;
      if (Array.isArray(added) && added.some((c) => c !== "NET_BIND_SERVICE"))
        missing.push("no added capabilities other than NET_BIND_SERVICE");
      const seccomp = sc.seccompProfile?.type ?? pod.seccompProfile?.type;
      if (!SECCOMP_TYPES.has(seccomp)) missing.push("seccompProfile.type: RuntimeDefault");
      if (sc.readOnlyRootFilesystem !== true) missing.push("readOnlyRootFilesystem: true");
      if (missing.length > 0) {
        problems.push(
          `${where} (container "${container.name ?? "?"}") does not meet the restricted pod security profile: it needs ${missing.join(", ")}; render it with Beluga's security defaults (socle user, /tmp as an emptyDir for scratch files).`,
        );
      }
    }
    return problems;
  },
};
