import * as pulumi from "@pulumi/pulumi";
import { BelugaApp } from "../../../constructs/pulumi";
import { renderApp } from "../../../constructs/k8s";
import { environments } from "../../../environments";
import { beluga } from "../../../platform/instance";
import { fullApp } from "../../fixtures/declarations";
import { recordingMocks, valueOf } from "./mocks";

describe("BelugaApp", () => {
  const registrations = recordingMocks("prod");
  const rendered = beluga.render(fullApp(), "prod");
  const app = rendered.app;
  const deployed = new BelugaApp("full", { rendered, stackSecrets: { apiToken: pulumi.secret("not-in-manifests") } });

  const allRegistered = Promise.all(deployed.components.flatMap((c) => c.resources.map((r) => valueOf(r.urn))));

  it("registers exactly one typed Kubernetes resource per rendered object, named <namespace>/<name>", async () => {
    await allRegistered;
    const rendered = renderApp(app, environments.get("prod"));
    const k8s = registrations.filter((r) => r.type.startsWith("kubernetes:"));
    const expected = rendered.map((o) => `${o.apiVersion}/${o.kind} full-prod/${o.metadata.name}`).sort();
    const stackSecret = "v1/Secret full-prod/full-api-stack-secrets";
    expect(k8s.map((r) => `${r.inputs.apiVersion}/${r.inputs.kind} ${r.name}`).sort()).toEqual([...expected, stackSecret].sort());
    expect(k8s.find((r) => r.name === "full-prod/full-api" && r.inputs.kind === "Deployment")?.type).toBe("kubernetes:apps/v1:Deployment");
    expect(k8s.find((r) => r.name === "full-prod/full-front" && r.inputs.kind === "Route")?.type).toBe(
      "kubernetes:route.openshift.io/v1:Route",
    );
  });

  it("registers under each component exactly the objects its chart construct rendered (grouped by the chart, not by labels)", async () => {
    await allRegistered;
    expect([...rendered.workloads.keys()]).toEqual(["front", "api", "nightly"]);
    // Every object belongs to one workload, except the app's PrometheusRule, registered under the app itself.
    expect(rendered.appWide.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["PrometheusRule/full-alerts"]);
    expect([...rendered.workloads.values()].flat().length + rendered.appWide.length).toBe(rendered.objects.length);
    const rule = registrations.find((r) => r.inputs.kind === "PrometheusRule");
    expect([rule?.type, rule?.name]).toEqual(["kubernetes:monitoring.coreos.com/v1:PrometheusRule", "full-prod/full-alerts"]);
    for (const [i, name] of ["front", "api", "nightly"].entries()) {
      const names = await Promise.all(
        deployed.components[i].resources.map((r) => valueOf((r as unknown as { metadata: pulumi.Output<{ name: string }> }).metadata)),
      );
      expect(names.map((m) => m.name).sort()).toEqual(
        rendered.workloads
          .get(name)!
          .map((o) => o.metadata.name)
          .sort(),
      );
    }
  });

  it("parents each object under its component, and each component under the app", async () => {
    const urns = await allRegistered;
    expect(urns).toContainEqual(expect.stringMatching(/::beluga:app:Component\$kubernetes:apps\/v1:Deployment::full-prod\/full-api$/));
    expect(urns).toContainEqual(expect.stringMatching(/::beluga:app:Batch\$kubernetes:batch\/v1:CronJob::full-prod\/full-nightly$/));
    const componentUrns = await Promise.all(deployed.components.map((c) => valueOf(c.urn)));
    expect(componentUrns).toEqual([
      expect.stringMatching(/::beluga:app:App\$beluga:app:Component::full-front$/),
      expect.stringMatching(/::beluga:app:App\$beluga:app:Component::full-api$/),
      expect.stringMatching(/::beluga:app:App\$beluga:app:Batch::full-nightly$/),
    ]);
  });

  it("exposes namespace, URLs and images as outputs", async () => {
    expect(await valueOf(deployed.namespace)).toBe("full-prod");
    expect(await valueOf(deployed.urls)).toEqual({
      front: ["https://full.apps.beluga.internal", "https://full-admin.apps.beluga.internal/admin"],
    });
    expect((await valueOf(deployed.images)).api).toMatch(/^registry\.beluga\.internal\/release\/core\/full-api:2\.0\.0@sha256:/);
  });

  it("keeps stack secrets as Pulumi secrets in the Secret it creates", async () => {
    await allRegistered;
    const secret = registrations.find((r) => r.name === "full-prod/full-api-stack-secrets")!;
    // The engine receives the whole stringData wrapped with Pulumi's secret signature: encrypted in state.
    expect(secret.inputs.stringData).toEqual({
      [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
      value: { apiToken: "not-in-manifests" },
    });
    const rendered = JSON.stringify(renderApp(app, environments.get("prod")));
    expect(rendered).not.toContain("not-in-manifests");
  });
});

describe("rolloutTimeouts", () => {
  it("bounds the provider's wait on a Deployment by its progress deadline, and leaves other kinds alone", () => {
    const { rolloutTimeouts } = require("../../../constructs/pulumi");
    expect(
      rolloutTimeouts({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" }, spec: { progressDeadlineSeconds: 120 } }),
    ).toEqual({ create: "150s", update: "150s" });
    expect(rolloutTimeouts({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: {} })).toBeUndefined();
  });
});

describe("registerObject", () => {
  it("forces server-side apply so a hand-made change never blocks the next update", async () => {
    const { registerObject } = require("../../../constructs/pulumi");
    const registrations = recordingMocks("dev");
    const cm = registerObject(
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n", annotations: { keep: "me" } }, data: {} },
      {},
    );
    await valueOf(cm.urn);
    expect(registrations[0].inputs.metadata.annotations).toEqual({ keep: "me", "pulumi.com/patchForce": "true" });
  });

  it("does not await Ingresses, which no controller gives a load-balancer status here", async () => {
    const { registerObject } = require("../../../constructs/pulumi");
    const registrations = recordingMocks("int");
    const ingress = registerObject(
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i", namespace: "n" }, spec: {} },
      {},
    );
    const service = registerObject({ apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "n" }, spec: {} }, {});
    await valueOf(ingress.urn);
    await valueOf(service.urn);
    const skipAwait = Object.fromEntries(registrations.map((r: any) => [r.type, r.inputs.metadata.annotations["pulumi.com/skipAwait"]]));
    expect(skipAwait).toEqual({ "kubernetes:networking.k8s.io/v1:Ingress": "true", "kubernetes:core/v1:Service": undefined });
  });
});
