/**
 * Read-only views of Kubernetes objects as policies receive them: the props of a @pulumi/kubernetes
 * resource are the object itself (apiVersion, kind, metadata, spec), so the same rules judge rendered
 * objects in tests and registered resources under the Pulumi CLI.
 */

/** A Kubernetes object, loosely typed: policies must cope with anything a program registers. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** A container of a pod spec, as far as the policies look into it. */
export interface KubeContainer {
  readonly name?: string;
  readonly image?: string;
  readonly env?: ReadonlyArray<{ readonly name?: string; readonly value?: unknown; readonly valueFrom?: unknown }>;
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly securityContext?: Record<string, any>;
  readonly readinessProbe?: Record<string, any>;
  readonly livenessProbe?: Record<string, any>;
  readonly startupProbe?: Record<string, any>;
  readonly lifecycle?: { readonly preStop?: Record<string, any> };
  readonly ports?: ReadonlyArray<{ readonly name?: string; readonly containerPort?: number }>;
}

/** A pod template: its labels and annotations, and the pod spec. */
export interface PodTemplate {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: Record<string, any>;
}

/** Kinds whose pods the workload policies judge. */
export const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

/** `sinistre-prod/sinistre-api`: how violation messages name an object. */
export function describeObject(object: KubeObject): string {
  const name = object.metadata?.name ?? "<unnamed>";
  const where = object.metadata?.namespace ? `${object.metadata.namespace}/${name}` : name;
  return `${object.kind ?? "object"} ${where}`;
}

/** The pod template of a workload (Deployment, CronJob...), or undefined for other kinds. */
export function podTemplateOf(object: KubeObject): PodTemplate | undefined {
  if (!object.kind || !WORKLOAD_KINDS.has(object.kind)) return undefined;
  const spec = object.spec as Record<string, any> | undefined;
  const template =
    object.kind === "Pod"
      ? { metadata: object.metadata, spec }
      : object.kind === "CronJob"
        ? spec?.jobTemplate?.spec?.template
        : spec?.template;
  return {
    labels: { ...template?.metadata?.labels },
    annotations: { ...template?.metadata?.annotations },
    spec: template?.spec ?? {},
  };
}

/** Every container of a pod spec, init containers included (each can break the same rules). */
export function containersOf(template: PodTemplate): KubeContainer[] {
  const list = (value: unknown) => (Array.isArray(value) ? (value as KubeContainer[]) : []);
  return [...list(template.spec.initContainers), ...list(template.spec.containers)];
}

/** The Pulumi type token of a Kubernetes object: `kubernetes:apps/v1:Deployment`, `kubernetes:core/v1:Service`. */
export function pulumiTypeOf(object: Pick<KubeObject, "apiVersion" | "kind">): string {
  const apiVersion = object.apiVersion ?? "v1";
  const groupVersion = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
  return `kubernetes:${groupVersion}:${object.kind}`;
}

/**
 * The Kubernetes object a registered resource stands for, when it is one: its props carry `kind`
 * and the type token is a `kubernetes:` one. Component resources (`beluga:app:App`) and the stack
 * are not objects.
 */
export function kubeObjectOf(type: string, props: Record<string, unknown>): KubeObject | undefined {
  if (!type.startsWith("kubernetes:") || typeof props.kind !== "string") return undefined;
  return props as KubeObject;
}

/** Whether two label maps select the same pods: every label of the selector is on the pod. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
