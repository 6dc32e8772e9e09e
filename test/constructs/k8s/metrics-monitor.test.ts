import { MetricsMonitor, renderApp } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { souscription } from "../../../apps/souscription/app";
import { gestionContrats } from "../../../apps/gestion-contrats/app";
import { only, renderInChart } from "./render";

const prod = environments.get("prod");
const app = resolve(souscription, prod, catalog);
const monitorOf = (name: string) =>
  renderInChart((chart) => new MetricsMonitor(chart, name, { app, component: app.components.find((c) => c.name === name)! }));

describe("MetricsMonitor", () => {
  describe("given a component that declares its socle's metrics port (souscription api, java21-spring)", () => {
    const monitor = only(monitorOf("api"), "ServiceMonitor");

    it("scrapes the Service port by name on the socle's path", () => {
      expect(monitor.apiVersion).toBe("monitoring.coreos.com/v1");
      expect(monitor.metadata).toMatchObject({ name: "souscription-api", namespace: "souscription-prod" });
      expect(monitor.spec.selector).toEqual({
        matchLabels: { "app.kubernetes.io/part-of": "souscription", "app.kubernetes.io/component": "api" },
      });
      expect(monitor.spec.endpoints).toHaveLength(1);
      expect(monitor.spec.endpoints[0]).toMatchObject({ port: "management", path: "/actuator/prometheus" });
    });

    it("carries the team and app labels the monitoring stack selects on", () => {
      expect(monitor.metadata.labels).toMatchObject({ "beluga.io/team": "subscription", "app.kubernetes.io/part-of": "souscription" });
    });

    it("labels every scraped series with team, app, component and env", () => {
      expect(monitor.spec.endpoints[0].relabelings).toEqual([
        { action: "replace", targetLabel: "team", replacement: "subscription" },
        { action: "replace", targetLabel: "app", replacement: "souscription" },
        { action: "replace", targetLabel: "component", replacement: "api" },
        { action: "replace", targetLabel: "env", replacement: "prod" },
      ]);
    });
  });

  describe("given a component without a Service whose socle serves metrics (souscription worker, no ports)", () => {
    const objects = monitorOf("worker");

    it("scrapes the pods on the socle's port number with a PodMonitor", () => {
      expect(objects.filter((o) => o.kind === "ServiceMonitor")).toHaveLength(0);
      const monitor = only(objects, "PodMonitor");
      expect(monitor.spec.selector.matchLabels).toEqual({
        "app.kubernetes.io/part-of": "souscription",
        "app.kubernetes.io/component": "worker",
      });
      expect(monitor.spec.podMetricsEndpoints[0]).toMatchObject({ portNumber: 9090, path: "/actuator/prometheus" });
    });
  });

  describe("given a whole app", () => {
    it("renders one monitor per component that serves metrics, and none for a socle without a metrics port", () => {
      const kinds = (objects: ReturnType<typeof renderApp>) =>
        objects.filter((o) => /Monitor$/.test(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`);
      // web is nginx-static: its socle serves no metrics.
      expect(kinds(renderApp(app, prod))).toEqual(["ServiceMonitor/souscription-api", "PodMonitor/souscription-worker"]);
      expect(kinds(renderApp(resolve(gestionContrats, prod, catalog), prod))).toEqual([]);
    });
  });

  it("fails when asked to monitor a component that serves no metrics", () => {
    const web = app.components.find((c) => c.name === "web")!;
    expect(() => renderInChart((chart) => new MetricsMonitor(chart, "web", { app, component: web }))).toThrow(
      "souscription: component web has no metrics port; render no MetricsMonitor for it",
    );
  });
});
