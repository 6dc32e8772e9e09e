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
