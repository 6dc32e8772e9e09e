/**
 * What a change to a rendered object does to the running estate, in the words a reviewer decides on.
 * Several classes may apply to one change (a new container port restarts the pods and changes the
 * network); a component is in every class one of its changes is in.
 */
export type ChangeClass = "rolling-restart" | "scaling" | "network" | "security" | "config-only" | "replace-delete" | "addition";

/** Every class, in the order reports list them: what disrupts most first. */
export const CHANGE_CLASSES: readonly ChangeClass[] = [
  "replace-delete",
  "rolling-restart",
  "security",
  "network",
  "scaling",
  "config-only",
  "addition",
];

/** How reports name each class, and the verb their headline uses ("37 apps will restart"). */
export const CHANGE_CLASS_LABELS: Readonly<Record<ChangeClass, { readonly title: string; readonly verb: string }>> = {
  "replace-delete": { title: "replace/delete", verb: "replace or delete objects" },
  "rolling-restart": { title: "rolling restart", verb: "restart" },
  security: { title: "security", verb: "change security settings" },
  network: { title: "network", verb: "change the network" },
  scaling: { title: "scaling", verb: "change scaling" },
  "config-only": { title: "config-only", verb: "change config only" },
  addition: { title: "addition", verb: "add objects" },
};

/**
 * Fields Kubernetes refuses to update in place, per kind: changing one means delete and create again
 * (Pulumi plans a replacement), so the object is gone for a moment and a Deployment's pods all go.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates
 * @see https://kubernetes.io/docs/concepts/services-networking/service/
 */
const IMMUTABLE: Readonly<Record<string, readonly RegExp[]>> = {
  Deployment: [/^spec\.selector(\.|$)/],
  StatefulSet: [/^spec\.selector(\.|$)/, /^spec\.serviceName$/, /^spec\.volumeClaimTemplates(\[|\.|$)/, /^spec\.podManagementPolicy$/],
  DaemonSet: [/^spec\.selector(\.|$)/],
  Job: [/^spec\.selector(\.|$)/, /^spec\.template(\.|$)/, /^spec\.completionMode$/],
  Service: [/^spec\.clusterIPs?(\[|$)/, /^spec\.type$/, /^spec\.ipFamilies(\[|$)/],
  PersistentVolumeClaim: [
    /^spec\.storageClassName$/,
    /^spec\.accessModes(\[|$)/,
    /^spec\.selector(\.|$)/,
    /^spec\.volumeName$/,
    /^spec\.volumeMode$/,
  ],
  RoleBinding: [/^roleRef(\.|$)/],
  ClusterRoleBinding: [/^roleRef(\.|$)/],
};

/** Kinds whose whole content is about who may do what. */
const SECURITY_KINDS = new Set([
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "ClusterRole",
  "ClusterRoleBinding",
  "Secret",
  "SecurityContextConstraints",
]);
/** Kinds whose whole content is about traffic. */
const NETWORK_KINDS = new Set(["Service", "NetworkPolicy", "Route", "Ingress", "Gateway", "HTTPRoute"]);
/** Kinds whose whole content is about how many pods run. */
const SCALING_KINDS = new Set(["HorizontalPodAutoscaler", "PodDisruptionBudget", "ResourceQuota", "LimitRange"]);
/** Kinds with a pod template that restarts running pods when it changes. */
const ROLLING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/** Fields that decide what a pod may do, wherever they appear in a pod spec. */
const SECURITY_FIELD =
  /(securityContext|capabilities|serviceAccountName|serviceAccount|automountServiceAccountToken|privileged|allowPrivilegeEscalation|runAsUser|runAsGroup|runAsNonRoot|hostNetwork|hostPID|hostIPC|seccompProfile)(\.|\[|$)/;
/** Ports a container or Service exposes. */
const PORT_FIELD = /(^|\.)(ports|hostPort|containerPort)(\[|\.|$)/;

/**
 * The classes of one changed field of an object of `kind` (the object exists on both sides). A path
 * is dotted with indexes, as `fieldChanges` writes it: `spec.template.spec.containers[0].image`.
 * Metadata, Deployment settings outside the pod template and CronJob templates (they apply at the
 * next run) are config-only; anything under a Deployment's pod template restarts its pods.
 */
export function classifyField(kind: string, path: string): ChangeClass[] {
  if ((IMMUTABLE[kind] ?? []).some((re) => re.test(path))) return withTopic(kind, path, ["replace-delete"]);
  if (/^metadata\.(labels|annotations)(\.|\[|$)/.test(path) || path === "apiVersion") return ["config-only"];
  if (ROLLING_KINDS.has(kind)) {
    if (/^spec\.template(\.|$)/.test(path)) return withFields(path, ["rolling-restart"]);
    if (/^spec\.replicas$/.test(path)) return ["scaling"];
    return ["config-only"];
  }
  if (kind === "CronJob" || kind === "Job") return withFields(path, ["config-only"]);
  if (SECURITY_KINDS.has(kind)) return ["security"];
  if (NETWORK_KINDS.has(kind)) return ["network"];
  if (SCALING_KINDS.has(kind)) return ["scaling"];
  return withFields(path, ["config-only"]);
}

/**
 * The classes of an object that exists on one side only: `addition` or `replace-delete`, plus its
 * topic (a new NetworkPolicy changes the network) when `topical` (the component itself was there
 * before and stays after; a whole new app or component is only an addition).
 */
export function classifyPresence(kind: string, change: "added" | "removed", topical: boolean): ChangeClass[] {
  const classes: ChangeClass[] = [change === "added" ? "addition" : "replace-delete"];
  if (!topical) return classes;
  if (SECURITY_KINDS.has(kind)) classes.push("security");
  else if (NETWORK_KINDS.has(kind)) classes.push("network");
  else if (SCALING_KINDS.has(kind)) classes.push("scaling");
  else if (kind === "ConfigMap") classes.push("config-only");
  return classes;
}

function withFields(path: string, classes: ChangeClass[]): ChangeClass[] {
  const out = [...classes];
  if (SECURITY_FIELD.test(path)) out.push("security");
  if (PORT_FIELD.test(path)) out.push("network");
  return out;
}

function withTopic(kind: string, path: string, classes: ChangeClass[]): ChangeClass[] {
  if (NETWORK_KINDS.has(kind)) return [...classes, "network"];
  if (SECURITY_KINDS.has(kind)) return [...classes, "security"];
  return withFields(path, classes);
}
