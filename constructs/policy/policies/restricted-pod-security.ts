import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";
import { restrictedV2Findings, sccNamespaceOf } from "../scc-restricted-v2";

/**
 * OpenShift's `restricted-v2` SCC and the restricted Pod Security Standard, checked before admission
 * would refuse the pods (or, on a cluster without them, silently run them with too many rights): no
 * fixed UID or group outside the namespace's range (read from its `openshift.io/sa.scc.*` annotations
 * when the context knows them; none known, any fixed UID is refused), no host namespaces, ports or
 * paths, allowed volume types only, no privilege escalation, capabilities drop ALL (add at most
 * NET_BIND_SERVICE), seccomp RuntimeDefault; plus what Beluga adds: runAsNonRoot and a read-only root
 * filesystem.
 * @see https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/authentication_and_authorization/managing-pod-security-policies
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export const restrictedPodSecurity: ObjectRule = {
  name: "beluga-restricted-pod-security",
  description:
    "Pods pass OpenShift's restricted-v2 SCC and the restricted Pod Security Standard: no fixed UID/GID outside the namespace's range, no host namespaces, ports or paths, allowed volume types only, no privilege escalation, capabilities drop ALL, seccomp RuntimeDefault, non-root, read-only root filesystem.",
  kinds: WORKLOAD_KINDS,
  check(object, ctx) {
    const template = podTemplateOf(object);
    if (!template) return [];
    const where = describeObject(object);
    const namespaceName = object.metadata?.namespace ?? "default";
    const namespace = sccNamespaceOf(namespaceName, ctx.namespaceAnnotations?.get(namespaceName));
    const refused = (subject: string, findings: readonly string[]) =>
      `${subject} would be refused by OpenShift's restricted-v2 SCC: ${findings.join("; ")}.`;
    const scc = restrictedV2Findings(template, namespace);
    const problems: string[] = [];
    if (scc.pod.length > 0) problems.push(refused(where, scc.pod));
    for (const c of scc.containers) if (c.findings.length > 0) problems.push(refused(`${where} (container "${c.name}")`, c.findings));

    const pod = (template.spec.securityContext ?? {}) as Record<string, any>;
    for (const container of containersOf(template)) {
      const sc = (container.securityContext ?? {}) as Record<string, any>;
      const missing: string[] = [];
      if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) missing.push("runAsNonRoot: true");
      if (sc.readOnlyRootFilesystem !== true) missing.push("readOnlyRootFilesystem: true");
      if (missing.length > 0)
        problems.push(
          `${where} (container "${container.name ?? "?"}") does not meet Beluga's restricted profile: it needs ${missing.join(", ")}; render it with Beluga's security defaults (the socle's numeric USER, /tmp as an emptyDir for scratch files).`,
        );
    }
    return problems;
  },
};
