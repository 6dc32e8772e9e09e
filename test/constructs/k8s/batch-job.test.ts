import { BatchJob, cronOf } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { fullApp, minimalApp } from "../../fixtures/declarations";
import { only, renderInChart } from "./render";

function renderBatch(decl: any, env = environments.get("prod")) {
  const app = resolve(decl, env, catalog);
  return renderInChart((chart) => new BatchJob(chart, app.batches[0].name, { app, batch: app.batches[0] }));
}

function minimalBatchApp() {
  const decl: any = minimalApp();
  decl.batches = { purge: { image: decl.components.api.image, schedule: "@daily" } };
  return decl;
}

describe("BatchJob", () => {
  const cronJob = only(renderBatch(fullApp()), "CronJob");
  const pod = cronJob.spec.jobTemplate.spec.template.spec;

  it("schedules in the declared cron and time zone, without overlapping runs by default", () => {
    const minimal = only(renderBatch(minimalBatchApp()), "CronJob");
    expect(minimal.spec).toMatchObject({
      schedule: "0 0 * * *",
      timeZone: "Europe/Paris",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds: 300,
    });
    expect(cronJob.spec).toMatchObject({
      schedule: "15 3 * * 1-5",
      concurrencyPolicy: "Replace",
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 5,
    });
  });

  it("bounds a run with a deadline and a retry budget, and never restarts in place", () => {
    expect(cronJob.spec.jobTemplate.spec).toMatchObject({ activeDeadlineSeconds: 3600, backoffLimit: 2 });
    expect(pod.restartPolicy).toBe("Never");
  });

  it("runs on the same image chain and restricted security as components", () => {
    expect(pod.containers[0].image).toMatch(/release\/core\/full-batch:2\.0\.0@sha256:/);
    expect(pod.containers[0].securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const field of ["runAsUser", "runAsGroup", "fsGroup"]) {
      expect(pod.securityContext).not.toHaveProperty(field);
      expect(pod.containers[0].securityContext).not.toHaveProperty(field);
    }
  });

  it("is suspended where the environment override says so", () => {
    expect(only(renderBatch(fullApp(), environments.get("dev")), "CronJob").spec.suspend).toBe(true);
    expect(cronJob.spec.suspend).toBe(false);
  });

  it("expands cron macros to five fields", () => {
    expect(cronOf("@hourly").expressionString).toBe("0 * * * *");
  });

  it("matches the minimal and full snapshots", () => {
    expect(renderBatch(minimalBatchApp())).toMatchSnapshot("minimal");
    expect(renderBatch(fullApp())).toMatchSnapshot("full");
  });

  it("renders no NetworkPolicy for a batch that calls nothing", () => {
    expect(renderBatch(minimalBatchApp()).filter((o) => o.kind === "NetworkPolicy")).toEqual([]);
  });

  it("opens, for a batch, exactly what it declares it calls", () => {
    const decl = minimalBatchApp();
    decl.batches.purge.dependsOn = ["api"];
    decl.batches.purge.egress = [{ service: "sinistre-db" }];
    const policy = only(renderBatch(decl), "NetworkPolicy");
    expect(policy.metadata.name).toBe("mini-purge");
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "purge" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "api" } } }],
          ports: [{ protocol: "TCP", port: 8080 }],
        },
        { to: [{ ipBlock: { cidr: "10.40.13.0/28" } }], ports: [{ protocol: "TCP", port: 5432 }] },
      ],
    });
  });
});
