import { ApiObject, App } from "cdk8s";
import type { IConstruct } from "constructs";
import type { EnvironmentSpec } from "../model";
import type { ResolvedApp } from "../resolve";
import { AppChart } from "./app-chart";
import { assertUniqueObjects } from "./unique-names";

/** A rendered Kubernetes object, as the API server would receive it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

/** The objects of one app in one environment, also grouped by the component or batch that owns them. */
export interface AppObjects {
  /** Every object, in the chart's order. */
  readonly objects: readonly K8sObject[];
  /** Objects per component and batch name, as the chart's constructs own them (not read back from labels). */
  readonly workloads: ReadonlyMap<string, readonly K8sObject[]>;
  /** Objects of the app as a whole (its PrometheusRule), owned by no single workload. */
  readonly appWide: readonly K8sObject[];
}

/**
 * Renders one resolved app for one environment into Kubernetes objects. One cdk8s App per call:
 * rendering the estate app by app keeps memory flat and lets callers parallelise and cache.
 */
export function renderApp(app: ResolvedApp, env: EnvironmentSpec): K8sObject[] {
  return [...renderAppObjects(app, env).objects];
}

/** Renders once and groups the objects by the construct (component or batch) that made them. */
export function renderAppObjects(app: ResolvedApp, env: EnvironmentSpec): AppObjects {
  const cdk8sApp = new App({ outdir: "/nonexistent-cdk8s-outdir" });
  const chart = new AppChart(cdk8sApp, app.app, { app, env });
  const objects = chart.toJson() as K8sObject[];
  assertUniqueObjects(objects, `${app.app} in ${env.name}`);
  const key = (o: { apiVersion: string; kind: string; name: string }) => `${o.apiVersion}/${o.kind}/${o.name}`;
  const byKey = new Map(objects.map((o) => [key({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name }), o]));
  const owned = (scope: IConstruct): K8sObject[] =>
    scope.node
      .findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject)
      .map((o) => byKey.get(key(o)))
      .filter((o): o is K8sObject => o !== undefined);
  const workloads = new Map<string, K8sObject[]>();
  for (const c of chart.components) workloads.set(c.node.id, owned(c));
  for (const b of chart.batches) workloads.set(b.node.id, owned(b));
  // A component's metrics monitor deploys (and is previewed) with the component.
  for (const m of chart.monitors) {
    const component = m.node.id.replace(/^Metrics-/, "");
    workloads.set(component, [...(workloads.get(component) ?? []), ...owned(m)]);
  }
  return { objects, workloads, appWide: owned(chart.alerts) };
}
