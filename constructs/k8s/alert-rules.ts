import type { AlertSeverity, EnvironmentSpec } from "../model";
import type { ResolvedApp, ResolvedBatch, ResolvedComponent } from "../resolve";

/** One Prometheus alerting rule, as in a rule file (and a PrometheusRule's `spec.groups[].rules[]`). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  /** Prometheus duration the condition must hold. */
  readonly for: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: { readonly summary: string; readonly description: string };
}

/** A rule group: every alert of one app in one environment. */
export interface AlertRuleGroup {
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** Names of the alerts Beluga derives from a declaration, shared by rules, routes and inhibitions. */
export const ALERTS = {
  availabilityBelowMinimum: "BelugaAvailabilityBelowMinimum",
  restartLoop: "BelugaRestartLoop",
  rolloutStuck: "BelugaRolloutStuck",
  hpaAtMaximum: "BelugaHpaAtMaximum",
  batchFailed: "BelugaBatchFailed",
  batchMissed: "BelugaBatchMissed",
} as const;

/** How long each condition must hold before it alerts, and the restart-loop window. */
export const ALERT_TIMING = {
  availabilityFor: "5m",
  restartWindow: "15m",
  /** More restarts than this in the window is a loop (a single OOM or node drain is not). */
  restartThreshold: 2,
  restartFor: "5m",
  rolloutFor: "1m",
  hpaFor: "15m",
  batchFailedFor: "0m",
  batchMissedFor: "1m",
  /** Scrape and evaluation lag added to a batch's starting deadline before a run counts as missed. */
  batchMissedSlackSeconds: 60,
} as const;

/** Severity of an app's alerts in an environment: the environment's trait for the app's criticality. */
export function alertSeverity(app: Pick<ResolvedApp, "criticality">, env: Pick<EnvironmentSpec, "alerting">): AlertSeverity {
  return env.alerting.severity[app.criticality];
}

/**
 * The alerts of an app in one environment, derived from its resolved declaration and read from
 * kube-state-metrics series: for each component, availability below the HPA minimum, a container
 * restart loop, a rollout stuck past its progress deadline and (when it can scale) the HPA pinned at
 * its maximum; for each batch, a failed run and (unless suspended here) a missed run. Every alert
 * carries `severity` (from the environment's `alerting` trait and the app's criticality), `team`,
 * `app`, `env` and the workload, which the Alertmanager routes use. Annotations are plain sentences
 * with the numbers of the declaration, no templates.
 */
export function appAlertRules(app: ResolvedApp, env: Pick<EnvironmentSpec, "alerting" | "displayName">): AlertRuleGroup {
  const severity = alertSeverity(app, env);
  const base = { severity, team: app.team, app: app.app, env: app.env };
  return {
    name: `beluga.${app.app}`,
    rules: [
      ...app.components.flatMap((c) => componentRules(app, c, env.displayName, { ...base, component: c.name })),
      ...app.batches.flatMap((b) => batchRules(app, b, env.displayName, { ...base, batch: b.name })),
    ],
  };
}

function componentRules(app: ResolvedApp, c: ResolvedComponent, envName: string, labels: Record<string, string>): AlertRule[] {
  const ns = app.namespace;
  const d = c.objectName;
  const where = `${d} in ${envName}`;
  const rules: AlertRule[] = [
    {
      alert: ALERTS.availabilityBelowMinimum,
      expr: `kube_deployment_status_replicas_available{namespace="${ns}",deployment="${d}"} < ${c.scaling.min}`,
      for: ALERT_TIMING.availabilityFor,
      labels,
      annotations: {
        summary: `${where} has fewer than ${c.scaling.min} available pods`,
        description: `${where} has run with fewer available pods than its declared minimum (${c.scaling.min}) for ${ALERT_TIMING.availabilityFor}: capacity and redundancy are below what the app declared.`,
      },
    },
    {
      alert: ALERTS.restartLoop,
      expr: `increase(kube_pod_container_status_restarts_total{namespace="${ns}",pod=~"${d}-[a-z0-9]+-[a-z0-9]+",container="${c.name}"}[${ALERT_TIMING.restartWindow}]) > ${ALERT_TIMING.restartThreshold}`,
      for: ALERT_TIMING.restartFor,
      labels,
      annotations: {
        summary: `${where}: a container keeps restarting`,
        description: `A ${c.name} container of ${where} restarted more than ${ALERT_TIMING.restartThreshold} times in ${ALERT_TIMING.restartWindow} (crash or liveness loop): read its previous logs (kubectl logs --previous).`,
      },
    },
    {
      alert: ALERTS.rolloutStuck,
      expr: `kube_deployment_status_condition{namespace="${ns}",deployment="${d}",condition="Progressing",status="false"} == 1`,
      for: ALERT_TIMING.rolloutFor,
      labels,
      annotations: {
        summary: `${where}: rollout stuck past its progress deadline`,
        description: `The rollout of ${where} made no progress for ${c.rollout.progressDeadlineSeconds}s (its progress deadline): new pods do not become ready; the old ones still serve.`,
      },
    },
  ];
  if (c.scaling.max > c.scaling.min) {
    rules.push({
      alert: ALERTS.hpaAtMaximum,
      expr: `kube_horizontalpodautoscaler_status_current_replicas{namespace="${ns}",horizontalpodautoscaler="${d}"} >= ${c.scaling.max}`,
      for: ALERT_TIMING.hpaFor,
      labels,
      annotations: {
        summary: `${where} is pinned at its maximum of ${c.scaling.max} pods`,
        description: `The autoscaler of ${where} has run at its declared maximum (${c.scaling.max}) for ${ALERT_TIMING.hpaFor}: load beyond it is not absorbed; raise scaling.max or find the cause.`,
      },
    });
  }
  return rules;
}

function batchRules(app: ResolvedApp, b: ResolvedBatch, envName: string, labels: Record<string, string>): AlertRule[] {
  const ns = app.namespace;
  const where = `${b.objectName} in ${envName}`;
  const rules: AlertRule[] = [
    {
      // Jobs of a CronJob are named <cronjob>-<scheduled minute>.
      alert: ALERTS.batchFailed,
      expr: `kube_job_failed{namespace="${ns}",job_name=~"${b.objectName}-[0-9]+",condition="true"} == 1`,
      for: ALERT_TIMING.batchFailedFor,
      labels,
      annotations: {
        summary: `${where}: a run failed`,
        description: `A run of the batch ${where} failed after ${b.backoffLimit} retries or its ${b.activeDeadlineSeconds}s deadline; it resolves when the failed Job is removed (history keeps ${b.history.failed}).`,
      },
    },
  ];
  if (!b.suspend) {
    const late = b.startingDeadlineSeconds + ALERT_TIMING.batchMissedSlackSeconds;
    rules.push({
      alert: ALERTS.batchMissed,
      expr: `time() - kube_cronjob_next_schedule_time{namespace="${ns}",cronjob="${b.objectName}"} > ${late}`,
      for: ALERT_TIMING.batchMissedFor,
      labels,
      annotations: {
        summary: `${where}: a scheduled run did not start`,
        description: `The batch ${where} (schedule "${b.schedule}" ${b.timeZone}) did not start within ${b.startingDeadlineSeconds}s of its scheduled time: the previous run may still be running (concurrency ${b.concurrency}) or the CronJob controller could not create it.`,
      },
    });
  }
  return rules;
}
