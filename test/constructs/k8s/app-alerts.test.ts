import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { ALERTS, AppAlerts, type AlertRule } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { sinistre } from "../../../apps/sinistre/app";
import { souscription } from "../../../apps/souscription/app";
import { missingTool, toolBinary } from "./monitoring-tools";
import { only, renderInChart } from "./render";

const [dev, prod] = ["dev", "prod"].map((name) => environments.get(name));

/** The PrometheusRule of an app in an environment, as rendered. */
function renderRule(decl: unknown, env = prod) {
  const app = resolve(decl, env, catalog);
  return only(
    renderInChart((chart) => new AppAlerts(chart, "Alerts", { app, env })),
    "PrometheusRule",
  );
}

/** Rules of a rendered PrometheusRule by alert name (one workload each in these apps' filters). */
const rulesOf = (rule: any): AlertRule[] => rule.spec.groups.flatMap((g: any) => g.rules);

describe("AppAlerts", () => {
  describe("given souscription (critical) in Prod", () => {
    const rule = renderRule(souscription);
    const rules = rulesOf(rule);

    it("renders one PrometheusRule named after the app, labelled for the monitoring stack", () => {
      expect(rule.apiVersion).toBe("monitoring.coreos.com/v1");
      expect(rule.metadata).toMatchObject({
        name: "souscription-alerts",
        namespace: "souscription-prod",
        labels: { "beluga.io/team": "subscription", "app.kubernetes.io/part-of": "souscription" },
      });
    });

    it("derives the thresholds from the declaration: HPA minimum and maximum, progress deadline", () => {
      const api = (alert: string) => rules.find((r) => r.alert === alert && r.labels.component === "api")!;
      expect(api(ALERTS.availabilityBelowMinimum).expr).toBe(
        'kube_deployment_status_replicas_available{namespace="souscription-prod",deployment="souscription-api"} < 2',
      );
      expect(api(ALERTS.hpaAtMaximum).expr).toBe(
        'kube_horizontalpodautoscaler_status_current_replicas{namespace="souscription-prod",horizontalpodautoscaler="souscription-api"} >= 6',
      );
      expect(api(ALERTS.rolloutStuck).annotations.description).toMatch(/made no progress for \d+s \(its progress deadline\)/);
    });

    it("has no HPA-at-maximum alert for a component with a fixed replica count", () => {
      expect(rules.filter((r) => r.labels.component === "worker").map((r) => r.alert)).not.toContain(ALERTS.hpaAtMaximum);
    });

    it("takes the severity from Prod's alerting trait for a critical app, with the routing labels", () => {
      for (const r of rules)
        expect(r.labels).toMatchObject({ severity: "critical", team: "subscription", app: "souscription", env: "prod" });
    });
  });

  describe("given sinistre (critical) in Dev, its batch suspended there", () => {
    const rules = rulesOf(renderRule(sinistre, dev));

    it("takes Dev's lower severity (the team's channel only)", () => {
      expect(new Set(rules.map((r) => r.labels.severity))).toEqual(new Set(["warning"]));
    });

    it("watches the suspended batch for failures but not for missed runs", () => {
      const batch = rules.filter((r) => r.labels.batch === "settlement").map((r) => r.alert);
      expect(batch).toEqual([ALERTS.batchFailed]);
    });
  });

  describe("under promtool test rules: each alert fires on a series that should fire it and stays silent otherwise", () => {
    const promtool = toolBinary("promtool");
    if (!promtool) {
      it.skip(missingTool("promtool"), () => undefined);
      return;
    }
    const rules = [...rulesOf(renderRule(souscription)), ...rulesOf(renderRule(sinistre))];
    const ruleOf = (alert: string, labels: Record<string, string>) =>
      rules.find((r) => r.alert === alert && Object.entries(labels).every(([k, v]) => r.labels[k] === v))!;

    /** One case: input series, when to evaluate, and whether the alert fires (with which series labels). */
    interface Case {
      readonly alert: string;
      readonly rule: Record<string, string>;
      readonly series: ReadonlyArray<{ series: string; values: string }>;
      readonly evalTime: string;
      /** Labels of the series the alert fires for; undefined = must stay silent. */
      readonly firesFor?: Record<string, string>;
    }
    const api = { namespace: "souscription-prod", deployment: "souscription-api" };
    const pod = { namespace: "souscription-prod", pod: "souscription-api-7d9f8c6b5-x2k4q", container: "api" };
    const hpa = { namespace: "souscription-prod", horizontalpodautoscaler: "souscription-api" };
    const job = { namespace: "sinistre-prod", job_name: "sinistre-settlement-29410590", condition: "true" };
    const cron = { namespace: "sinistre-prod", cronjob: "sinistre-settlement" };
    const sel = (name: string, labels: Record<string, string>) =>
      `${name}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(",")}}`;
    const cases: Case[] = [
      // Available pods below the HPA minimum (2) for 5 minutes.
      {
        alert: ALERTS.availabilityBelowMinimum,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_deployment_status_replicas_available", api), values: "1x15" }],
        evalTime: "10m",
        firesFor: api,
      },
      {
        alert: ALERTS.availabilityBelowMinimum,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_deployment_status_replicas_available", api), values: "2x15" }],
        evalTime: "10m",
      },
      // One restart a minute is a loop; one restart in 15 minutes is not.
      {
        alert: ALERTS.restartLoop,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_pod_container_status_restarts_total", pod), values: "0+1x30" }],
        evalTime: "25m",
        firesFor: pod,
      },
      {
        alert: ALERTS.restartLoop,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_pod_container_status_restarts_total", pod), values: "0x10 1x20" }],
        evalTime: "25m",
      },
      // Progressing=False is what the deployment controller sets once the progress deadline passes.
      {
        alert: ALERTS.rolloutStuck,
        rule: { app: "souscription", component: "api" },
        series: [
          { series: sel("kube_deployment_status_condition", { ...api, condition: "Progressing", status: "false" }), values: "1x10" },
        ],
        evalTime: "5m",
        firesFor: { ...api, condition: "Progressing", status: "false" },
      },
      {
        alert: ALERTS.rolloutStuck,
        rule: { app: "souscription", component: "api" },
        series: [
          { series: sel("kube_deployment_status_condition", { ...api, condition: "Progressing", status: "false" }), values: "0x10" },
          { series: sel("kube_deployment_status_condition", { ...api, condition: "Progressing", status: "true" }), values: "1x10" },
        ],
        evalTime: "5m",
      },
      // At the declared maximum (6) for 15 minutes; one below is not pinned.
      {
        alert: ALERTS.hpaAtMaximum,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_horizontalpodautoscaler_status_current_replicas", hpa), values: "6x25" }],
        evalTime: "20m",
        firesFor: hpa,
      },
      {
        alert: ALERTS.hpaAtMaximum,
        rule: { app: "souscription", component: "api" },
        series: [{ series: sel("kube_horizontalpodautoscaler_status_current_replicas", hpa), values: "5x25" }],
        evalTime: "20m",
      },
      // A failed run of the CronJob's Job; a run that succeeded does not alert.
      {
        alert: ALERTS.batchFailed,
        rule: { batch: "settlement" },
        series: [{ series: sel("kube_job_failed", job), values: "1x5" }],
        evalTime: "2m",
        firesFor: job,
      },
      {
        alert: ALERTS.batchFailed,
        rule: { batch: "settlement" },
        series: [
          { series: sel("kube_job_failed", job), values: "0x5" },
          { series: sel("kube_job_failed", { ...job, condition: "false" }), values: "1x5" },
        ],
        evalTime: "2m",
      },
      // The next scheduled time (epoch 0) passed 10 minutes ago: missed (deadline 300 s + 60 s); a schedule kept current is not.
      {
        alert: ALERTS.batchMissed,
        rule: { batch: "settlement" },
        series: [{ series: sel("kube_cronjob_next_schedule_time", cron), values: "0x15" }],
        evalTime: "10m",
        firesFor: cron,
      },
      {
        alert: ALERTS.batchMissed,
        rule: { batch: "settlement" },
        series: [{ series: sel("kube_cronjob_next_schedule_time", cron), values: "0+60x15" }],
        evalTime: "10m",
      },
    ];

    it("covers every alert Beluga derives, firing and silent", () => {
      expect(new Set(cases.filter((c) => c.firesFor).map((c) => c.alert))).toEqual(new Set(Object.values(ALERTS)));
      expect(new Set(cases.filter((c) => !c.firesFor).map((c) => c.alert))).toEqual(new Set(Object.values(ALERTS)));
    });

    it.each(cases.map((c) => [`${c.alert} ${c.firesFor ? "fires" : "stays silent"}`, c] as const))("%s", (_name, c) => {
      const dir = mkdtempSync(join(tmpdir(), "beluga-promtool-"));
      try {
        const rule = ruleOf(c.alert, c.rule);
        writeFileSync(join(dir, "rules.yaml"), stringify({ groups: [{ name: "beluga", rules: [rule] }] }));
        const test = {
          rule_files: ["rules.yaml"],
          evaluation_interval: "1m",
          tests: [
            {
              interval: "1m",
              input_series: c.series,
              alert_rule_test: [
                {
                  eval_time: c.evalTime,
                  alertname: c.alert,
                  exp_alerts: c.firesFor ? [{ exp_labels: { ...c.firesFor, ...rule.labels }, exp_annotations: rule.annotations }] : [],
                },
              ],
            },
          ],
        };
        writeFileSync(join(dir, "test.yaml"), stringify(test));
        let out = "";
        try {
          out = execFileSync(promtool, ["test", "rules", "test.yaml"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
        } catch (error) {
          const e = error as { stdout?: string; stderr?: string };
          throw new Error(`promtool test rules failed for ${c.alert}:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
        }
        expect(out).toMatch(/SUCCESS/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
