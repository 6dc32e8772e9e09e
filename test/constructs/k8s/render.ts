import { App, Chart } from "cdk8s";
import type { Construct } from "constructs";
import type { K8sObject } from "../../../constructs/k8s";

/** Renders whatever `build` adds to a fresh chart, the way renderApp does. */
export function renderInChart(build: (chart: Construct) => void): K8sObject[] {
  const chart = new Chart(new App({ outdir: "/nonexistent" }), "test", { disableResourceNameHashes: true });
  build(chart);
  return chart.toJson() as K8sObject[];
}

/** The single object of a kind (fails loudly when there are several or none). */
export function only(objects: readonly K8sObject[], kind: string): any {
  const found = objects.filter((o) => o.kind === kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}
