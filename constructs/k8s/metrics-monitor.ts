import { Construct } from "constructs";
import type { ResolvedApp, ResolvedComponent } from "../resolve";
import { selectorLabels, workloadLabels } from "./labels";
import { PodMonitor, PodMonitorSpecPodMetricsEndpointsRelabelingsAction } from "./imports/podmonitors-monitoring.coreos.com";
import { ServiceMonitor, ServiceMonitorSpecEndpointsRelabelingsAction } from "./imports/servicemonitors-monitoring.coreos.com";

/** Props of a MetricsMonitor. */
export interface MetricsMonitorProps {
  readonly app: ResolvedApp;
  /** A component whose `observability.metrics` is set. */
  readonly component: ResolvedComponent;
}

/**
 * Labels the platform's Prometheus selects monitors and rules on (`serviceMonitorSelector`,
 * `podMonitorSelector`, `ruleSelector`: these keys exist) and that every object of an app carries.
 */
export const MONITORING_SELECTOR_LABELS = ["beluga.io/team", "app.kubernetes.io/part-of"] as const;

/**
 * Prometheus scraping of one component, from its resolved metrics port and path (the socle's unless
 * the declaration overrides them): a ServiceMonitor when the port is one of the component's declared
 * ports (so its Service exposes it), a PodMonitor on the port number when only the socle serves it
 * (no Service port). Every scraped series gets `team`, `app`, `component` and `env` target labels, which
 * the alert rules and the Alertmanager routes use.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.ServiceMonitor
 *
 * @example
 * new MetricsMonitor(chart, "Metrics-api", { app: resolved, component: resolved.components[0] });
 */
export class MetricsMonitor extends Construct {
  /** Which monitor was rendered. */
  readonly kind: "ServiceMonitor" | "PodMonitor";
  constructor(scope: Construct, id: string, props: MetricsMonitorProps) {
    super(scope, id);
    const { app, component: c } = props;
    const metrics = c.observability.metrics;
    if (!metrics) throw new Error(`${app.app}: component ${c.name} has no metrics port; render no MetricsMonitor for it`);
    const metadata = { name: c.objectName, namespace: app.namespace, labels: workloadLabels(app, c.name) };
    const selector = { matchLabels: selectorLabels(app, c.name) };
    const targetLabels = { team: app.team, app: app.app, component: c.name, env: app.env };
    if (metrics.declared) {
      this.kind = "ServiceMonitor";
      new ServiceMonitor(this, "Resource", {
        metadata,
        spec: {
          selector,
          endpoints: [
            {
              port: metrics.port,
              path: metrics.path,
              relabelings: Object.entries(targetLabels).map(([targetLabel, replacement]) => ({
                action: ServiceMonitorSpecEndpointsRelabelingsAction.REPLACE,
                targetLabel,
                replacement,
              })),
            },
          ],
        },
      });
      return;
    }
    this.kind = "PodMonitor";
    new PodMonitor(this, "Resource", {
      metadata,
      spec: {
        selector,
        podMetricsEndpoints: [
          {
            portNumber: metrics.portNumber,
            path: metrics.path,
            relabelings: Object.entries(targetLabels).map(([targetLabel, replacement]) => ({
              action: PodMonitorSpecPodMetricsEndpointsRelabelingsAction.REPLACE,
              targetLabel,
              replacement,
            })),
          },
        ],
      },
    });
  }
}
