import { DeclarationError, resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { digestOf, fullApp, minimalApp } from "../../fixtures/declarations";

const [dev, int, prod] = ["dev", "int", "prod"].map((name) => environments.get(name));

function messagesOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeclarationError) return error.messages;
    throw error;
  }
  throw new Error("expected a DeclarationError");
}

describe("resolve", () => {
  describe("given the minimal declaration in Dev", () => {
    const app = resolve(minimalApp(), dev, catalog);
    const api = app.components[0];

    it("names the namespace and objects after the app and environment", () => {
      expect(app.namespace).toBe("mini-dev");
      expect(api.objectName).toBe("mini-api");
    });

    it("applies the default port, scaling clamped to Dev's bounds, and a PDB below the HPA minimum", () => {
      expect(api.ports).toEqual([{ name: "http", port: 8080, protocol: "http" }]);
      expect(api.scaling).toMatchObject({ min: 2, max: 3, fixed: false, cpuTarget: 70, scaleDownStabilizationSeconds: 300 });
      expect(api.disruption).toEqual({ minAvailable: 1 });
    });

    it("scales profile M by Dev's resource factor", () => {
      expect(api.resources).toEqual({ requests: { cpu: "125m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } });
    });

    it("gives a JVM socle distinct readiness and liveness endpoints and a startup budget", () => {
      expect(api.probes.readiness).toMatchObject({ type: "http", path: "/actuator/health/readiness", portNumber: 8080 });
      expect(api.probes.liveness).toMatchObject({ type: "http", path: "/actuator/health/liveness" });
      expect(api.probes.startup).toMatchObject({ failureThreshold: 24, periodSeconds: 5 });
    });

    it("keeps zero-downtime rollout settings and drains before the grace period ends", () => {
      expect(api.rollout).toMatchObject({ maxSurge: 1, maxUnavailable: 0 });
      expect(api.shutdown.drainSeconds).toBeLessThan(api.shutdown.gracePeriodSeconds);
      expect(api.rollout.progressDeadlineSeconds).toBeGreaterThan(api.probes.startup!.periodSeconds * api.probes.startup!.failureThreshold);
    });

    it("references the image in Dev's registry with its lineage", () => {
      expect(api.image.ref).toBe(`registry.beluga.internal/dev/core/mini-api:1.0.0@${digestOf("mini-api")}`);
      expect(api.image.lineage.socle).toMatchObject({ name: "java21-spring", lifecycle: "supported", kind: "jvm" });
      expect(api.image.lineage.base.ref).toMatch(/^registry\.access\.redhat\.com\/ubi9\/openjdk-21-runtime:1\.22@sha256:/);
    });
  });

  describe("given the full declaration", () => {
    it("merges Prod overrides over the base declaration", () => {
      const api = resolve(fullApp(), prod, catalog).components.find((c) => c.name === "api")!;
      expect(api.scaling).toMatchObject({ min: 4, max: 12 });
      expect(api.env).toContainEqual({ name: "MODE", kind: "value", value: "paranoid" });
      expect(api.env).toContainEqual({ name: "DB_PASSWORD", kind: "secret", secretName: "full-db", secretKey: "password" });
      expect(api.disruption).toEqual({ minAvailable: 3 });
      expect(api.scaling).toMatchObject({ memoryTarget: 80, scaleDownStabilizationSeconds: 600 });
    });

    it("turns fixed replicas into an HPA with min = max, without a PDB for one replica", () => {
      const api = resolve(fullApp(), dev, catalog).components.find((c) => c.name === "api")!;
      expect(api.scaling).toMatchObject({ min: 1, max: 1, fixed: true });
      expect(api.disruption).toBeUndefined();
    });

    it("raises the HPA minimum to the Prod floor", () => {
      const decl = minimalApp();
      decl.components.api.scaling = { min: 1, max: 3 };
      expect(resolve(decl, prod, catalog).components[0].scaling).toMatchObject({ min: 2, max: 3 });
    });

    it("derives route hosts from the environment's domain; Prod keeps the bare name", () => {
      const front = (env: typeof dev) => resolve(fullApp(), env, catalog).components.find((c) => c.name === "front")!;
      expect(front(dev).routes.map((r) => r.url)).toEqual([
        "https://full.apps.dev.beluga.internal",
        "https://full-admin.apps.dev.beluga.internal/admin",
      ]);
      const mini = minimalApp();
      mini.components.api.routes = [{}];
      expect(resolve(mini, dev, catalog).components[0].routes[0].host).toBe("mini-api-dev.apps.dev.beluga.internal");
      expect(resolve(mini, prod, catalog).components[0].routes[0].host).toBe("mini-api.apps.beluga.internal");
    });

    it("resolves dependencies on the same app and on other apps", () => {
      const full = resolve(fullApp(), dev, catalog);
      // Named alone, a same-app callee opens every port but its metrics port (management).
      expect(full.components.find((c) => c.name === "front")!.dependsOn).toEqual([
        {
          app: "full",
          component: "api",
          ports: [
            { name: "http", port: 8080 },
            { name: "grpc", port: 9000 },
          ],
        },
      ]);
      // A cross-app port stays a name: the render depends on this declaration alone.
      expect(full.components.find((c) => c.name === "api")!.dependsOn).toEqual([
        { app: "sinistre", component: "api", ports: [{ name: "http" }] },
      ]);
    });

    it("suspends a batch where the environment says so", () => {
      expect(resolve(fullApp(), dev, catalog).batches[0]).toMatchObject({
        suspend: true,
        schedule: "15 3 * * 1-5",
        concurrency: "Replace",
      });
      expect(resolve(fullApp(), prod, catalog).batches[0].suspend).toBe(false);
    });
  });

  describe("digests", () => {
    it("prefers the digest the pipeline passes over the declared one", () => {
      const app = resolve(minimalApp(), prod, catalog, { digests: { api: digestOf("promoted") } });
      expect(app.components[0].image.digest).toBe(digestOf("promoted"));
      expect(app.components[0].image.ref.endsWith(`:1.0.0@${digestOf("promoted")}`)).toBe(true);
    });

    it("fails when an environment that requires digests gets none", () => {
      const decl = minimalApp();
      delete (decl.components.api.image as { digest?: string }).digest;
      expect(() => resolve(decl, dev, catalog)).not.toThrow();
      expect(messagesOf(() => resolve(decl, int, catalog))).toEqual([
        "mini: components.api.image.digest is missing: Int deploys images by digest only (build once, deploy everywhere); pass the digest built for this version (pipeline: stack config beluga:digests) or set environments.int.components.api.image.digest",
      ]);
    });
  });

  describe("socle lifecycle", () => {
    it("fails when Prod gets a deprecated socle, naming its successor, while Dev still accepts it", () => {
      const decl = minimalApp();
      decl.components.api.image.socle = "java17-spring";
      expect(() => resolve(decl, dev, catalog)).not.toThrow();
      expect(messagesOf(() => resolve(decl, prod, catalog))).toEqual([
        'mini: components.api.image.socle ("java17-spring") is deprecated and Prod accepts only supported socles; rebuild the image on java21-spring',
      ]);
    });

    it("fails everywhere when the socle is retired", () => {
      const decl = minimalApp();
      decl.components.api.image.socle = "java11-tomcat";
      expect(messagesOf(() => resolve(decl, dev, catalog))).toEqual([
        'mini: components.api.image.socle ("java11-tomcat") is retired and Dev accepts only supported or deprecated socles; rebuild the image on java21-spring',
      ]);
    });
  });

  it("fails when a default route host would be longer than a DNS label once the environment is added (name budget)", () => {
    const decl = minimalApp();
    decl.name = "a".repeat(40);
    decl.components = { ["b".repeat(20)]: { image: decl.components.api.image, routes: [{}] } };
    expect(messagesOf(() => resolve(decl, dev, catalog))).toEqual([
      `${"a".repeat(40)}: components.${"b".repeat(20)} ("${"b".repeat(20)}") is 20 characters; the instance label and default route host ${"a".repeat(40)}-${"b".repeat(20)}-<env> would exceed the Kubernetes limit, so at most 17 are allowed; shorten the name`,
    ]);
  });

  it("fails when an explicit route host is longer than a DNS label", () => {
    const decl = minimalApp();
    decl.components.api.routes = [{ host: "h".repeat(64) }];
    expect(messagesOf(() => resolve(decl, dev, catalog))).toEqual([
      `mini: components.api.routes.0.host becomes "${"h".repeat(64)}" in Dev, longer than the 63 characters of a DNS label; set a shorter routes[].host`,
    ]);
  });

  it("is deterministic: the same input resolves to the same value", () => {
    expect(JSON.stringify(resolve(fullApp(), prod, catalog))).toBe(JSON.stringify(resolve(fullApp(), prod, catalog)));
  });

  describe("checks against what the environment allows", () => {
    it("caps a base scaling.max above a smaller environment's bound, and refuses it where the environment says so", () => {
      const decl = minimalApp();
      decl.components.api.scaling = { min: 2, max: 30 };
      expect(resolve(decl, dev, catalog).components[0].scaling.max).toBe(3);
      expect(messagesOf(() => resolve(decl, prod, catalog))).toEqual([
        "mini: components.api.scaling.max (30) is above the 20 replicas Prod allows per component; lower it to 20 or less",
      ]);
    });

    it("fails when a request is above the limit the environment's scaled profile gives", () => {
      const decl = minimalApp();
      decl.components.api.resources = { cpu: { request: "800m" } };
      expect(resolve(decl, prod, catalog).components[0].resources.limits.cpu).toBe("1");
      expect(messagesOf(() => resolve(decl, dev, catalog))).toEqual([
        "mini: components.api.resources.cpu.request (800m, declared) is above the cpu limit 500m (from profile M scaled ×0.5) in Dev; the API server refuses a request above its limit; declare cpu.limit too (at least 800m), or lower the request",
      ]);
    });

    it("accepts IANA links and UTC as CronJob time zones", () => {
      for (const timeZone of ["Asia/Kolkata", "Etc/UTC", "UTC", "America/Argentina/Buenos_Aires"]) {
        const decl = fullApp();
        decl.batches!.nightly.timeZone = timeZone;
        expect(resolve(decl, prod, catalog).batches[0].timeZone).toBe(timeZone);
      }
    });

    it("accepts a critical worker with the default probes: the health command checks ready and live apart", () => {
      const decl = minimalApp();
      decl.criticality = "critical";
      decl.components.api.ports = [];
      const probes = resolve(decl, dev, catalog).components[0].probes;
      expect(probes.readiness?.command).toEqual(["/usr/local/bin/beluga-health", "ready"]);
      expect(probes.liveness?.command).toEqual(["/usr/local/bin/beluga-health", "live"]);
    });
  });
});
