import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { K8sObject } from "../k8s";

type ObjectResource = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/**
 * Typed @pulumi/kubernetes classes by `apiVersion/kind`. Every rendered object becomes exactly one
 * client-side resource: the same graph under `setMocks` and under the real engine (a provider-side
 * `yaml/v2` ConfigGroup would expand nothing under mocks), and the provider's await logic applies to
 * Deployments (an `up` returns when the rollout completes, or fails at its progress deadline).
 */
const KINDS: Readonly<Record<string, ObjectResource>> = {
  "v1/Namespace": k8s.core.v1.Namespace,
  "v1/ServiceAccount": k8s.core.v1.ServiceAccount,
  "v1/ConfigMap": k8s.core.v1.ConfigMap,
  "v1/Secret": k8s.core.v1.Secret,
  "v1/Service": k8s.core.v1.Service,
  "v1/ResourceQuota": k8s.core.v1.ResourceQuota,
  "v1/LimitRange": k8s.core.v1.LimitRange,
  "apps/v1/Deployment": k8s.apps.v1.Deployment,
  "autoscaling/v2/HorizontalPodAutoscaler": k8s.autoscaling.v2.HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": k8s.policy.v1.PodDisruptionBudget,
  "batch/v1/CronJob": k8s.batch.v1.CronJob,
  "networking.k8s.io/v1/NetworkPolicy": k8s.networking.v1.NetworkPolicy,
  "networking.k8s.io/v1/Ingress": k8s.networking.v1.Ingress,
  "rbac.authorization.k8s.io/v1/Role": k8s.rbac.v1.Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": k8s.rbac.v1.RoleBinding,
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy": k8s.admissionregistration.v1.ValidatingAdmissionPolicy,
  "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding": k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding,
};

/**
 * Stable Pulumi name of a rendered object: `<namespace>/<name>` (`<name>` for cluster-scoped ones).
 * Names are part of the URN with the type, so renaming one replaces the object: never rename
 * without an alias.
 */
export function objectResourceName(object: K8sObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

/**
 * Pulumi is the only writer of what it deploys: a field changed by hand (`kubectl patch`, `scale`)
 * would otherwise hold a server-side-apply conflict and block every later preview and update.
 * Forcing the apply makes the next `up` undo the drift that `preview --refresh` shows.
 * @see https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/
 */
export const PATCH_FORCE_ANNOTATION = "pulumi.com/patchForce";

/**
 * Ingresses are not awaited: the provider waits for `status.loadBalancer` to be filled, which only an
 * ingress controller does, and neither the embedded platform nor OpenShift's Ingress-to-Route
 * translation fills it, so every Int deploy would block for the provider's 10 minutes. Whether the app
 * serves is proven by the Deployment's rollout, which is awaited.
 * @see https://www.pulumi.com/registry/packages/kubernetes/api-docs/networking/v1/ingress/
 */
export const SKIP_AWAIT_ANNOTATION = "pulumi.com/skipAwait";
const NOT_AWAITED = new Set(["networking.k8s.io/v1/Ingress"]);

/** Registers one rendered object as its typed Kubernetes resource (CustomResource for CRD kinds). */
export function registerObject(rendered: K8sObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const skipAwait: Record<string, string> = NOT_AWAITED.has(`${rendered.apiVersion}/${rendered.kind}`)
    ? { [SKIP_AWAIT_ANNOTATION]: "true" }
    : {};
  const object = {
    ...rendered,
    metadata: { ...rendered.metadata, annotations: { ...rendered.metadata.annotations, [PATCH_FORCE_ANNOTATION]: "true", ...skipAwait } },
  };
  const name = objectResourceName(object);
  const Kind = KINDS[`${object.apiVersion}/${object.kind}`];
  if (Kind) return new Kind(name, object, opts);
  return new k8s.apiextensions.CustomResource(name, object as k8s.apiextensions.CustomResourceArgs, opts);
}
