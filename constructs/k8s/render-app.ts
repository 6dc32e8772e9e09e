import { App } from "cdk8s";
import type { EnvironmentSpec } from "../model";
import type { ResolvedApp } from "../resolve";
import { AppChart } from "./app-chart";

/** A rendered Kubernetes object, as the API server would receive it. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/**
 * Renders one resolved app for one environment into Kubernetes objects. One cdk8s App per call:
 * rendering the estate app by app keeps memory flat and lets callers parallelise and cache.
 */
export function renderApp(app: ResolvedApp, env: EnvironmentSpec): K8sObject[] {
  const cdk8sApp = new App({ outdir: "/nonexistent-cdk8s-outdir" });
  const chart = new AppChart(cdk8sApp, app.app, { app, env });
  return chart.toJson() as K8sObject[];
}
