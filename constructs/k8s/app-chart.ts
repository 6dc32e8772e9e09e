import { Construct } from "constructs";
import { Chart } from "cdk8s";
import type { EnvironmentSpec } from "../model";
import type { ResolvedApp } from "../resolve";
import { AppComponent } from "./app-component";
import { BatchJob } from "./batch-job";
import { AppAlerts } from "./app-alerts";
import { MetricsMonitor } from "./metrics-monitor";

/** Props of an AppChart. */
export interface AppChartProps {
  readonly app: ResolvedApp;
  readonly env: EnvironmentSpec;
}

/**
 * Every object of one app in one environment. The namespace itself, its quota and its default-deny
 * policies belong to the platform layer (`PlatformChart`), so an app stack can never remove them.
 */
export class AppChart extends Chart {
  readonly components: readonly AppComponent[];
  readonly batches: readonly BatchJob[];
  /** Prometheus scraping of every component that serves metrics. */
  readonly monitors: readonly MetricsMonitor[];
  readonly alerts: AppAlerts;
  constructor(scope: Construct, id: string, props: AppChartProps) {
    super(scope, id, { namespace: props.app.namespace, disableResourceNameHashes: true });
    this.components = props.app.components.map((c) => new AppComponent(this, c.name, { app: props.app, component: c, env: props.env }));
    this.batches = props.app.batches.map((b) => new BatchJob(this, b.name, { app: props.app, batch: b }));
    this.monitors = props.app.components
      .filter((c) => c.observability.metrics)
      .map((c) => new MetricsMonitor(this, `Metrics-${c.name}`, { app: props.app, component: c }));
    this.alerts = new AppAlerts(this, "Alerts", { app: props.app, env: props.env });
  }
}
