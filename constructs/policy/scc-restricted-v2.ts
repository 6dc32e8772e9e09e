import {
  type IdRange,
  inIdRange,
  parseIdRange,
  SCC_MCS_ANNOTATION,
  SCC_SUPPLEMENTAL_GROUPS_ANNOTATION,
  SCC_UID_RANGE_ANNOTATION,
  showIdRange,
} from "../model";
import type { KubeContainer, PodTemplate } from "./kubernetes-object";

/**
 * Volume types OpenShift's `restricted-v2` SCC admits (its `volumes` field).
 * @see https://docs.redhat.com/en/documentation/openshift_container_platform/4.16/html/authentication_and_authorization/managing-pod-security-policies
 */
export const RESTRICTED_V2_VOLUMES: readonly string[] = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];
/** The only capability restricted-v2 lets a container add (`allowedCapabilities`). */
export const RESTRICTED_V2_CAPABILITIES: readonly string[] = ["NET_BIND_SERVICE"];

/** What restricted-v2 knows of the namespace a pod runs in: its ranges and MCS level, from its annotations. */
export interface SccNamespace {
  readonly name: string;
  /** From `openshift.io/sa.scc.uid-range`. @default - unknown: no fixed UID can be admitted */
  readonly uids?: IdRange;
  /** From `openshift.io/sa.scc.supplemental-groups`, else the UID range (OpenShift's own fallback). */
  readonly groups?: IdRange;
  /** From `openshift.io/sa.scc.mcs`. */
  readonly mcs?: string;
}

/** The SCC view of a namespace from its annotations (none known: every range unknown). */
export function sccNamespaceOf(name: string, annotations: Readonly<Record<string, string>> | undefined): SccNamespace {
  const uids = parseIdRange(annotations?.[SCC_UID_RANGE_ANNOTATION]);
  return {
    name,
    uids,
    groups: parseIdRange(annotations?.[SCC_SUPPLEMENTAL_GROUPS_ANNOTATION]) ?? uids,
    mcs: annotations?.[SCC_MCS_ANNOTATION],
  };
}

/**
 * Where restricted-v2 would refuse a pod, as `<SCC field>: <rule> …: <what to change>` phrases: first
 * the pod-level ones, then one list per container. Mirrors the SCC (host namespaces, host ports,
 * host paths, volume types, privileged, capabilities, seccomp, SELinux, UID and group ranges), with
 * two points held stricter, for the restricted Pod Security Standard the app namespaces also enforce:
 * `allowPrivilegeEscalation: false` and a RuntimeDefault seccomp profile must be written, not left to
 * the SCC's defaulting; and a fixed `runAsGroup` or `supplementalGroups` must lie in the namespace's
 * group range (restricted-v2 has no runAsGroup strategy and `supplementalGroups: RunAsAny`, but an app
 * pod has no reason to join a group outside its namespace's).
 */
export function restrictedV2Findings(
  template: PodTemplate,
  namespace: SccNamespace,
): { pod: string[]; containers: Array<{ name: string; findings: string[] }> } {
  const spec = template.spec;
  const podSc = (spec.securityContext ?? {}) as Record<string, any>;
  const pod: string[] = [];
  for (const [field, scc] of [
    ["hostNetwork", "allowHostNetwork"],
    ["hostPID", "allowHostPID"],
    ["hostIPC", "allowHostIPC"],
  ] as const)
    if (spec[field] === true) pod.push(`${scc}: false refuses ${field}: true: remove it, app pods never need the node's namespaces`);
  for (const volume of Array.isArray(spec.volumes) ? (spec.volumes as Array<Record<string, unknown>>) : []) {
    const types = Object.keys(volume).filter((k) => k !== "name");
    if (types.includes("hostPath"))
      pod.push(
        `allowHostDirVolumePlugin: false refuses volume "${String(volume.name)}" (hostPath): use an emptyDir for scratch files or a persistentVolumeClaim for data`,
      );
    else
      for (const type of types.filter((t) => !RESTRICTED_V2_VOLUMES.includes(t)))
        pod.push(
          `volumes: [${RESTRICTED_V2_VOLUMES.join(", ")}] refuses volume "${String(volume.name)}" (${type}): use one of those types`,
        );
  }
  pod.push(...idFindings(podSc, namespace, "securityContext"));
  if (podSc.fsGroup !== undefined) pod.push(groupFinding("fsGroup: MustRunAs", "securityContext.fsGroup", podSc.fsGroup, namespace));
  const supplemental: unknown[] = Array.isArray(podSc.supplementalGroups) ? podSc.supplementalGroups : [];
  const outside = supplemental.filter((g) => !(typeof g === "number" && namespace.groups && inIdRange(g, namespace.groups)));
  if (outside.length > 0)
    pod.push(
      groupFinding(
        "supplementalGroups (held by Beluga to the namespace's groups)",
        "securityContext.supplementalGroups",
        outside,
        namespace,
      ),
    );
  pod.push(...seLinuxFindings(podSc, namespace, "securityContext"));
  const podSeccomp: unknown = podSc.seccompProfile?.type;
  if (podSeccomp !== undefined && podSeccomp !== "RuntimeDefault") pod.push(seccompFinding("securityContext", podSeccomp));

  const containers = containersOfSpec(spec).map((container) => {
    const sc = (container.securityContext ?? {}) as Record<string, any>;
    const where = "securityContext";
    const findings: string[] = [];
    if (sc.privileged === true) findings.push("allowPrivilegedContainer: false refuses privileged: true: remove it");
    if (sc.allowPrivilegeEscalation !== false)
      findings.push(
        `allowPrivilegeEscalation: false refuses ${sc.allowPrivilegeEscalation === true ? "allowPrivilegeEscalation: true" : "an unset allowPrivilegeEscalation (the restricted standard checks it)"}: set allowPrivilegeEscalation: false`,
      );
    const drop: unknown = sc.capabilities?.drop;
    if (!Array.isArray(drop) || !drop.includes("ALL"))
      findings.push("requiredDropCapabilities: [ALL] requires capabilities.drop: [ALL]: add it");
    const added: unknown[] = Array.isArray(sc.capabilities?.add) ? sc.capabilities.add : [];
    const forbidden = added.filter((c) => !RESTRICTED_V2_CAPABILITIES.includes(String(c)));
    if (forbidden.length > 0)
      findings.push(
        `allowedCapabilities: [${RESTRICTED_V2_CAPABILITIES.join(", ")}] refuses capabilities.add ${forbidden.map(String).join(", ")}: remove ${forbidden.length > 1 ? "them" : "it"}`,
      );
    const seccomp: unknown = sc.seccompProfile?.type;
    if (seccomp !== undefined && seccomp !== "RuntimeDefault") findings.push(seccompFinding(where, seccomp));
    else if (seccomp === undefined && podSeccomp === undefined)
      findings.push(
        "seccompProfiles: [runtime/default] requires seccompProfile.type: RuntimeDefault on the pod or the container (the restricted standard checks it): set it",
      );
    findings.push(...idFindings(sc, namespace, where));
    findings.push(...seLinuxFindings(sc, namespace, where));
    const hostPorts = (container.ports ?? []).map((p) => (p as { hostPort?: unknown }).hostPort).filter((p) => p !== undefined && p !== 0);
    if (hostPorts.length > 0)
      findings.push(`allowHostPorts: false refuses hostPort ${hostPorts.join(", ")}: remove it, a Service and a route expose the port`);
    return { name: container.name ?? "?", findings };
  });
  return { pod, containers };
}

function containersOfSpec(spec: Record<string, any>): KubeContainer[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as KubeContainer[]) : []);
  return [...list(spec.initContainers), ...list(spec.containers)];
}

/** `runAsUser` and `runAsGroup` of a pod or container security context. */
function idFindings(sc: Record<string, any>, namespace: SccNamespace, where: string): string[] {
  const findings: string[] = [];
  const user: unknown = sc.runAsUser;
  if (user !== undefined && !(typeof user === "number" && namespace.uids && inIdRange(user, namespace.uids)))
    findings.push(
      `runAsUser: MustRunAsRange refuses ${where}.runAsUser ${String(user)} (${rangeText(namespace.uids, "UID", namespace.name)}): remove runAsUser; OpenShift assigns a UID from the namespace's range, and the image's numeric non-root USER with runAsNonRoot: true keeps the pod non-root`,
    );
  const group: unknown = sc.runAsGroup;
  if (group !== undefined && !(typeof group === "number" && namespace.groups && inIdRange(group, namespace.groups)))
    findings.push(groupFinding("runAsGroup (held by Beluga to the namespace's groups)", `${where}.runAsGroup`, group, namespace));
  return findings;
}

function groupFinding(rule: string, field: string, value: unknown, namespace: SccNamespace): string {
  const name = field.split(".").pop()!;
  return `${rule} refuses ${field} ${Array.isArray(value) ? value.map(String).join(", ") : String(value)} (${rangeText(namespace.groups, "group", namespace.name)}): remove ${name}; OpenShift sets the pod's groups from the namespace's range`;
}

function rangeText(range: IdRange | undefined, what: string, namespace: string): string {
  return range
    ? `outside the namespace's ${what} range ${showIdRange(range)}`
    : `no ${what} range is known for namespace ${namespace}, so no fixed ${what} can be admitted`;
}

function seccompFinding(where: string, type: unknown): string {
  return `seccompProfiles: [runtime/default] refuses ${where}.seccompProfile.type ${String(type)}: set RuntimeDefault`;
}

function seLinuxFindings(sc: Record<string, any>, namespace: SccNamespace, where: string): string[] {
  const options = sc.seLinuxOptions as Record<string, unknown> | undefined;
  if (!options || typeof options !== "object") return [];
  const { level, ...others } = options;
  const fixed = Object.keys(others).filter((k) => others[k] !== undefined && others[k] !== "");
  if (fixed.length === 0 && (level === undefined || level === namespace.mcs)) return [];
  return [
    `seLinuxContext: MustRunAs refuses ${where}.seLinuxOptions ${JSON.stringify(options)}: remove it; OpenShift applies the namespace's level${namespace.mcs ? ` ${namespace.mcs}` : ""}`,
  ];
}
