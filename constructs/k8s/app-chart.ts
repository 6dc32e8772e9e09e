import { Construct } from "constructs";
import { Chart } from "cdk8s";
import type { EnvironmentSpec } from "../model";
import type { ResolvedApp } from "../resolve";
import { AppComponent } from "./app-component";
import { BatchJob } from "./batch-job";

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
  constructor(scope: Construct, id: string, props: AppChartProps) {
    super(scope, id, { namespace: props.app.namespace, disableResourceNameHashes: true });
    this.components = props.app.components.map((c) => new AppComponent(this, c.name, { app: props.app, component: c, env: props.env }));
    this.batches = props.app.batches.map((b) => new BatchJob(this, b.name, { app: props.app, batch: b }));
  }
}
