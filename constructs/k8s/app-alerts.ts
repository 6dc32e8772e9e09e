import { Construct } from "constructs";
import type { EnvironmentSpec } from "../model";
import type { ResolvedApp } from "../resolve";
import { type AlertRuleGroup, appAlertRules } from "./alert-rules";
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from "./imports/prometheusrules-monitoring.coreos.com";
import { appLabels } from "./labels";

/** Props of an AppAlerts. */
export interface AppAlertsProps {
  readonly app: ResolvedApp;
  /** Its `alerting` trait gives the severity. */
  readonly env: EnvironmentSpec;
}

/**
 * The alerts of an app in one environment as a PrometheusRule `<app>-alerts` in its namespace (see
 * `appAlertRules` for what fires when). Labelled like every app object, so the platform's Prometheus
 * (`ruleSelector` on the team and app labels) loads it.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PrometheusRule
 *
 * @example
 * new AppAlerts(chart, "Alerts", { app: resolved, env: prod });
 */
export class AppAlerts extends Construct {
  /** The rule group rendered (also what `promtool test rules` is run on). */
  readonly group: AlertRuleGroup;
  constructor(scope: Construct, id: string, props: AppAlertsProps) {
    super(scope, id);
    const { app } = props;
    this.group = appAlertRules(app, props.env);
    new PrometheusRule(this, "Resource", {
      metadata: {
        name: `${app.app}-alerts`,
        namespace: app.namespace,
        labels: { ...appLabels(app), "app.kubernetes.io/managed-by": "beluga" },
      },
      spec: {
        groups: [
          {
            name: this.group.name,
            rules: this.group.rules.map((r) => ({
              alert: r.alert,
              expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
              for: r.for,
              labels: { ...r.labels },
              annotations: { ...r.annotations },
            })),
          },
        ],
      },
    });
  }
}
