import { AppComponent } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { fullApp, minimalApp } from "../../fixtures/declarations";
import { only, renderInChart } from "./render";

const [dev, int, prod] = ["dev", "int", "prod"].map((name) => environments.get(name));

function renderComponent(decl = minimalApp(), env = prod, name = "api") {
  const app = resolve(decl, env, catalog);
  const component = app.components.find((c) => c.name === name)!;
  return renderInChart((chart) => new AppComponent(chart, name, { app, component, env }));
}

describe("AppComponent", () => {
  describe("given a component in Prod", () => {
    const objects = renderComponent();
    const deployment = only(objects, "Deployment");
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];

    it("rolls out with zero downtime: RollingUpdate, maxUnavailable 0, maxSurge ≥ 1, readiness gating", () => {
      expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
      expect(deployment.spec.minReadySeconds).toBe(5);
      expect(container.readinessProbe.httpGet.path).toBe("/actuator/health/readiness");
      expect(container.livenessProbe.httpGet.path).not.toBe(container.readinessProbe.httpGet.path);
    });

    it("leaves the replica count to the HPA", () => {
      expect(deployment.spec).not.toHaveProperty("replicas");
      const hpa = only(objects, "HorizontalPodAutoscaler");
      expect(hpa.apiVersion).toBe("autoscaling/v2");
      expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4, scaleTargetRef: { kind: "Deployment", name: "mini-api" } });
      expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    });

    it("keeps the PDB below the HPA minimum, selecting the same pods", () => {
      const pdb = only(objects, "PodDisruptionBudget");
      expect(pdb.spec.minAvailable).toBe(1);
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    });

    it("drains before SIGTERM and within the grace period", () => {
      expect(container.lifecycle.preStop.exec.command).toEqual(["sleep", "10"]);
      expect(pod.terminationGracePeriodSeconds).toBe(30);
    });

    it("runs restricted: non-root, read-only root filesystem, no escalation, no capability, seccomp", () => {
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(only(objects, "ServiceAccount").automountServiceAccountToken).toBe(false);
    });

    it("pins no UID, GID or fsGroup: OpenShift's restricted-v2 assigns them from the namespace's range", () => {
      for (const field of ["runAsUser", "runAsGroup", "fsGroup", "supplementalGroups"]) {
        expect(pod.securityContext).not.toHaveProperty(field);
        expect(container.securityContext).not.toHaveProperty(field);
      }
    });

    it("pulls the image by digest from the release registry", () => {
      expect(container.image).toMatch(/^registry\.beluga\.internal\/release\/core\/mini-api:1\.0\.0@sha256:[0-9a-f]{64}$/);
    });

    it("selects pods by stable app labels only, never by construct address", () => {
      expect(deployment.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "api" });
      expect(Object.keys(deployment.spec.template.metadata.labels).some((k) => k.startsWith("cdk8s.io"))).toBe(false);
      expect(only(objects, "Service").spec.selector).toEqual(deployment.spec.selector.matchLabels);
    });

    it("labels every object for ownership, and only the workload and its pods with version and socle", () => {
      for (const o of objects) {
        expect(o.metadata.labels).toMatchObject({
          "app.kubernetes.io/managed-by": "beluga",
          "beluga.io/team": "core",
          "beluga.io/env": "prod",
        });
        expect(o.metadata.namespace).toBe("mini-prod");
      }
      const release = { "app.kubernetes.io/version": "1.0.0", "beluga.io/socle": "java21-spring-3.2.0" };
      expect(deployment.metadata.labels).toMatchObject(release);
      expect(deployment.spec.template.metadata.labels).toMatchObject(release);
      expect(only(objects, "Service").metadata.labels).not.toHaveProperty("app.kubernetes.io/version");
    });

    it("changes only the Deployment when a new version is released", () => {
      const next = minimalApp();
      next.components.api.image = { ...next.components.api.image, version: "1.1.0", digest: `sha256:${"c".repeat(64)}` };
      const after = renderComponent(next);
      const changed = after.filter((o, i) => JSON.stringify(o) !== JSON.stringify(objects[i])).map((o) => o.kind);
      expect(changed).toEqual(["Deployment"]);
    });
  });

  describe("given the full component", () => {
    const objects = renderComponent(fullApp(), prod, "api");
    const deployment = only(objects, "Deployment");
    const container = deployment.spec.template.spec.containers[0];

    it("rolls the pods when config changes, through a content hash on the pod template", () => {
      const changed = fullApp();
      (changed.components.api as any).config.queue = "orders-v2";
      const hash = (objs: any[]) => only(objs, "Deployment").spec.template.metadata.annotations["beluga.io/config-hash"];
      expect(hash(renderComponent(changed, prod, "api"))).not.toBe(hash(objects));
      expect(hash(renderComponent(fullApp(), prod, "api"))).toBe(hash(objects));
    });

    it("references secrets, never values", () => {
      const env = Object.fromEntries(container.env.map((e: any) => [e.name, e]));
      expect(env.DB_PASSWORD).toEqual({ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "full-db", key: "password" } } });
      expect(env.API_TOKEN).toEqual({
        name: "API_TOKEN",
        valueFrom: { secretKeyRef: { name: "full-api-stack-secrets", key: "apiToken" } },
      });
      expect(env.QUEUE.valueFrom.configMapKeyRef).toEqual({ name: "full-api", key: "queue" });
    });

    it("renders gRPC probes natively", () => {
      expect(container.livenessProbe).toMatchObject({ grpc: { port: 9000 }, failureThreshold: 5 });
      expect(container.livenessProbe).not.toHaveProperty("tcpSocket");
      expect(container.startupProbe).toMatchObject({ tcpSocket: { port: 8080 }, failureThreshold: 60 });
    });

    it("wires observability: metrics annotations and trace service name", () => {
      const annotations = deployment.spec.template.metadata.annotations;
      expect(annotations).toMatchObject({
        "prometheus.io/scrape": "true",
        "prometheus.io/port": "9090",
        "prometheus.io/path": "/actuator/prometheus",
      });
      expect(container.env).toContainEqual({ name: "OTEL_SERVICE_NAME", value: "full-api-svc" });
      expect(container.env).toContainEqual({ name: "LOG_FORMAT", value: "ecs-json" });
    });

    it("adds a memory metric and keeps the overridden HPA bounds", () => {
      expect(only(objects, "HorizontalPodAutoscaler").spec).toMatchObject({ minReplicas: 4, maxReplicas: 12 });
      expect(only(objects, "HorizontalPodAutoscaler").spec.metrics.map((m: any) => m.resource.name)).toEqual(["cpu", "memory"]);
      expect(only(objects, "PodDisruptionBudget").spec.minAvailable).toBe(3);
    });

    it("opens the network only to declared callers and dependencies", () => {
      const policy = only(objects, "NetworkPolicy");
      expect(policy.spec.ingress[0].from[0].podSelector.matchLabels).toEqual({
        "app.kubernetes.io/part-of": "full",
        "app.kubernetes.io/component": "front",
      });
      expect(policy.spec.egress[0].to[0]).toEqual({
        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "sinistre-prod" } },
        podSelector: { matchLabels: { "app.kubernetes.io/part-of": "sinistre", "app.kubernetes.io/component": "api" } },
      });
    });

    it("opens each call on its declared ports only: same-app callers never reach the metrics port", () => {
      const policy = only(objects, "NetworkPolicy");
      expect(policy.spec.ingress[0].ports).toEqual([
        { protocol: "TCP", port: 8080 },
        { protocol: "TCP", port: 9000 },
      ]);
      // The cross-app call opens the callee's named port, not every port.
      expect(policy.spec.egress[0].ports).toEqual([{ protocol: "TCP", port: "http" }]);
    });

    it("opens catalogued shared services and declared CIDRs as IP blocks on their ports", () => {
      const policy = only(objects, "NetworkPolicy");
      expect(policy.spec.egress.slice(1)).toEqual([
        { to: [{ ipBlock: { cidr: "10.60.4.0/24" } }], ports: [{ protocol: "TCP", port: 80 }] },
        { to: [{ ipBlock: { cidr: "192.0.2.0/28" } }], ports: [{ protocol: "TCP", port: 443 }] },
      ]);
    });

    it("matches the full snapshot", () => {
      expect(objects).toMatchSnapshot();
    });
  });

  describe("given a critical component whose only port is gRPC", () => {
    const decl = minimalApp();
    decl.criticality = "critical";
    decl.components.api.ports = [{ name: "grpc", port: 9000, protocol: "grpc" }];
    decl.components.api.probes = { readiness: { type: "grpc" } };
    const container = only(renderComponent(decl), "Deployment").spec.template.spec.containers[0];

    it("probes it over gRPC: readiness on the server's status, liveness and startup on the liveness health service", () => {
      expect(container.readinessProbe.grpc).toEqual({ port: 9000 });
      expect(container.livenessProbe.grpc).toEqual({ port: 9000, service: "liveness" });
      expect(container.startupProbe.grpc).toEqual({ port: 9000, service: "liveness" });
      expect(container.startupProbe.failureThreshold).toBe(24);
      for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
        expect(probe).not.toHaveProperty("httpGet");
        expect(probe).not.toHaveProperty("tcpSocket");
      }
    });

    it("keeps a declared gRPC probe without a port on the gRPC port, not on an HTTP port", () => {
      const both = minimalApp();
      both.components.api.ports = [
        { name: "http", port: 8080 },
        { name: "grpc", port: 9000, protocol: "grpc" },
      ];
      both.components.api.probes = { liveness: { type: "grpc" } };
      const c = only(renderComponent(both), "Deployment").spec.template.spec.containers[0];
      expect(c.livenessProbe.grpc).toEqual({ port: 9000 });
      expect(c.readinessProbe.httpGet).toMatchObject({ path: "/actuator/health/readiness", port: 8080 });
    });

    it("opens the port for readiness and runs the socle's health command for liveness when the only port is TCP", () => {
      const tcp = minimalApp();
      tcp.components.api.ports = [{ name: "amqp", port: 5672, protocol: "tcp" }];
      const c = only(renderComponent(tcp), "Deployment").spec.template.spec.containers[0];
      expect(c.readinessProbe.tcpSocket).toEqual({ port: 5672 });
      expect(c.livenessProbe.exec).toEqual({ command: ["/usr/local/bin/beluga-health", "live"] });
    });
  });

  it("exposes routes as OpenShift Routes with edge TLS and HTTP redirected", () => {
    const route = only(
      renderComponent(fullApp(), dev, "front").filter((o) => o.metadata.name === "full-front"),
      "Route",
    );
    expect(route.apiVersion).toBe("route.openshift.io/v1");
    expect(route.spec).toMatchObject({
      host: "full.apps.dev.beluga.internal",
      to: { kind: "Service", name: "full-front" },
      tls: { termination: "edge", insecureEdgeTerminationPolicy: "Redirect" },
    });
  });

  it("exposes routes as Ingresses where the environment has no OpenShift router", () => {
    const ingress = renderComponent(fullApp(), int, "front").filter((o) => o.kind === "Ingress");
    expect(ingress).toHaveLength(2);
    expect(ingress[0].spec).toMatchObject({ ingressClassName: "openshift-default", tls: [{ hosts: ["full.apps.int.beluga.internal"] }] });
  });

  it("renders no PDB for a single replica and no Service for a worker without ports", () => {
    const decl = minimalApp();
    decl.components.api.ports = [];
    decl.components.api.scaling = { replicas: 1 };
    const objects = renderComponent(decl, dev);
    expect(objects.map((o) => o.kind)).toEqual(["ServiceAccount", "Deployment", "HorizontalPodAutoscaler"]);
    expect(only(objects, "Deployment").spec.template.spec.containers[0].readinessProbe.exec.command).toEqual([
      "/usr/local/bin/beluga-health",
      "ready",
    ]);
  });

  describe("HPA metrics render exactly the declared targets", () => {
    const metricsOf = (scaling: Record<string, number>) => {
      const decl = minimalApp();
      decl.components.api.scaling = { min: 2, max: 4, ...scaling };
      return only(renderComponent(decl), "HorizontalPodAutoscaler").spec.metrics.map((m: any) => [
        m.resource.name,
        m.resource.target.averageUtilization,
      ]);
    };

    it("scales on CPU at 70% when no target is declared", () => {
      expect(metricsOf({})).toEqual([["cpu", 70]]);
    });

    it("scales on memory only when only a memory target is declared", () => {
      expect(metricsOf({ memoryTarget: 75 })).toEqual([["memory", 75]]);
    });

    it("scales on CPU and memory when both are declared", () => {
      expect(metricsOf({ cpuTarget: 60, memoryTarget: 80 })).toEqual([
        ["cpu", 60],
        ["memory", 80],
      ]);
    });
  });

  it("opens a catalogued database at the environment's own address when the catalog gives one", () => {
    const decl = minimalApp();
    decl.components.api.egress = [{ service: "souscription-db" }];
    const egressOf = (env: typeof dev) => only(renderComponent(decl, env), "NetworkPolicy").spec.egress;
    expect(egressOf(dev)).toEqual([{ to: [{ ipBlock: { cidr: "10.41.12.0/28" } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
    expect(egressOf(prod)).toEqual([{ to: [{ ipBlock: { cidr: "10.40.12.0/28" } }], ports: [{ protocol: "TCP", port: 5432 }] }]);
  });

  it("lets a calling batch in on the port it names", () => {
    const decl: any = minimalApp();
    decl.components.api.ports = [
      { name: "http", port: 8080 },
      { name: "admin", port: 8081 },
    ];
    decl.batches = { purge: { image: decl.components.api.image, schedule: "@daily", dependsOn: ["api:admin"] } };
    expect(only(renderComponent(decl), "NetworkPolicy").spec.ingress).toEqual([
      {
        from: [{ podSelector: { matchLabels: { "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "purge" } } }],
        ports: [{ protocol: "TCP", port: 8081 }],
      },
    ]);
  });

  it("matches the minimal snapshot", () => {
    expect(renderComponent()).toMatchSnapshot();
  });
});
