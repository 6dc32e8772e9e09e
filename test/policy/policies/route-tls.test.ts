import { instance } from "../../../platform/instance";
import { policyContextFor } from "../../../constructs/policy";
import { environments } from "../../../environments";
import { pick, rendered, validateResource } from "../policy-harness";

const POLICY = "beluga-route-tls";

describe(POLICY, () => {
  it("passes OpenShift Routes with edge or reencrypt termination and HTTP redirected", async () => {
    const objects = rendered("prod");
    expect(await validateResource(POLICY, "prod", pick(objects, "Route", "full-front"))).toEqual([]);
    expect(await validateResource(POLICY, "prod", pick(objects, "Route", "full-front-1"))).toEqual([]);
  });

  it("fails when a Route also serves plain HTTP", async () => {
    const route = pick(rendered("prod"), "Route", "full-front");
    route.spec.tls.insecureEdgeTerminationPolicy = "Allow";
    expect(await validateResource(POLICY, "prod", route)).toEqual([
      "Route full-prod/full-front also serves plain HTTP (insecureEdgeTerminationPolicy Allow); set it to Redirect so browsers are sent to HTTPS.",
    ]);
  });

  it("fails when a Route has no tls section", async () => {
    const route = pick(rendered("prod"), "Route", "full-front");
    delete route.spec.tls;
    expect(await validateResource(POLICY, "prod", route)).toEqual([
      "Route full-prod/full-front serves full.apps.beluga.internal without TLS termination; set routes[].tls to edge, reencrypt or passthrough.",
    ]);
  });

  describe("given an environment with the ingress flavor", () => {
    const ingressEnv = {
      ...environments.get("prod"),
      routes: { domain: "apps.beluga.internal", flavor: "ingress" as const, hostStyle: "bare" as const },
    };
    const ctx = { ...policyContextFor(instance, "prod"), env: ingressEnv };
    const ingress = () => {
      const { renderApp } = require("../../../constructs/k8s");
      const { resolve } = require("../../../constructs/resolve");
      const { catalog } = require("../../../platform/catalog");
      const { fullApp } = require("../../fixtures/declarations");
      const objects = JSON.parse(JSON.stringify(renderApp(resolve(fullApp(), ingressEnv, catalog), ingressEnv)));
      return pick(objects, "Ingress", "full-front");
    };

    it("passes an Ingress listing its host under tls", async () => {
      expect(await validateResource(POLICY, ctx, ingress())).toEqual([]);
    });

    it("fails when an Ingress host is missing from tls", async () => {
      const object = ingress();
      delete object.spec.tls;
      expect(await validateResource(POLICY, ctx, object)).toEqual([
        "Ingress full-prod/full-front serves full.apps.beluga.internal over plain HTTP; list every host under spec.tls (Beluga routes do this by default).",
      ]);
    });
  });
});
