import { createHash } from "node:crypto";

/**
 * Naming rules shared by every renderer: DNS-1123 labels, length budgets once suffixes are added.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** Kubernetes limits a label (and a namespace or Service name) to 63 characters. */
export const MAX_LABEL = 63;
/** A CronJob name leaves 11 characters for the Job suffix the controller appends. */
export const MAX_CRONJOB_NAME = 52;

/** Namespace of an app in an environment: `<app>-<env>`. */
export function namespaceName(app: string, env: string): string {
  return `${app}-${env}`;
}

/** Name of every object of a component (Deployment, Service, HPA, PDB, Route...): `<app>-<component>`. */
export function workloadName(app: string, component: string): string {
  return `${app}-${component}`;
}

/** ConfigMap name for a component's config set. */
export function configMapName(app: string, component: string, config: string): string {
  return `${app}-${component}-${config}`;
}

/**
 * A label value: at most 63 characters, empty or alphanumeric at both ends with `-`, `_`, `.` inside.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Value of `app.kubernetes.io/instance` on every object of a component or batch: `<app>-<name>-<env>`. */
export function instanceLabel(app: string, name: string, env: string): string {
  return `${app}-${name}-${env}`;
}

/** Value of `beluga.io/socle` on a workload: `<socle>-<version>`. */
export function socleLabel(socle: string, version: string): string {
  return `${socle}-${version}`;
}

/**
 * Longest app name: the namespace `<app>-<env>` must stay a DNS label in the environment with the
 * longest name, with room left for a one-character component (`<app>-<c>-<env>`, see
 * `componentNameBudget`).
 */
export function appNameBudget(longestEnvName: number): number {
  return MAX_LABEL - 3 - longestEnvName;
}

/**
 * Longest component name in an app: `app.kubernetes.io/instance` (`<app>-<component>-<env>`) and the
 * default route host (`<app>-<component>-<env>`) must fit in 63 characters in every environment.
 */
export function componentNameBudget(app: string, longestEnvName: number): number {
  return MAX_LABEL - app.length - 2 - longestEnvName;
}

/**
 * Longest batch name in an app: the CronJob name `<app>-<batch>` leaves room for the Job suffix, and
 * the instance label `<app>-<batch>-<env>` fits in 63 characters.
 */
export function batchNameBudget(app: string, longestEnvName: number): number {
  return Math.min(MAX_CRONJOB_NAME - app.length - 1, componentNameBudget(app, longestEnvName));
}

/** Longest config-files set name of a component: the ConfigMap `<app>-<component>-<set>` is a DNS label. */
export function configFilesNameBudget(app: string, component: string): number {
  return MAX_LABEL - app.length - component.length - 2;
}

/**
 * Name of the NetworkPolicy that lets another app's component call one of this app's components:
 * `allow-<to>-from-<app>-<component>`, or, when that exceeds 63 characters, its first characters and
 * a short hash of the whole, so two long names never collide and the name never ends with `-`.
 */
export function crossAppPolicyName(toComponent: string, fromApp: string, fromComponent: string): string {
  const full = `allow-${toComponent}-from-${fromApp}-${fromComponent}`;
  if (full.length <= MAX_LABEL) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 8);
  return `${full.slice(0, MAX_LABEL - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
