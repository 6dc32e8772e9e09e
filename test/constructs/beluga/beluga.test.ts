import { Beluga } from "../../../constructs/beluga";
import { UnknownNameError } from "../../../constructs/instance";
import { recordDeployment } from "../../../constructs/policy";
import { DeclarationError } from "../../../constructs/resolve";
import { instance } from "../../../platform/company-instance";
import { beluga } from "../../../platform/instance";
import { sinistre } from "../../../apps/sinistre/app";
import { digestOf, fullApp, minimalApp } from "../../fixtures/declarations";
import { fiveEnvironmentInstance, secondInstance } from "../../fixtures/instances/second-instance";

const inWindow = new Date("2026-04-14T10:00:00+02:00");
const deployment = (objects: readonly { kind: string }[]) => objects.find((o) => o.kind === "Deployment") as any;

describe("Beluga façade", () => {
  describe("given two instances in one process", () => {
    const bu2 = new Beluga(secondInstance(), [minimalApp()]);

    it("renders the same declaration against each instance's catalog and environments", () => {
      const ours = beluga.render(minimalApp(), "prod");
      const theirs = bu2.render(minimalApp(), "live");
      expect(ours.app.namespace).toBe("mini-prod");
      expect(theirs.app.namespace).toBe("bu2-mini-live");
      expect(deployment(ours.objects).spec.template.spec.containers[0].image).toMatch(
        /^registry\.beluga\.internal\/release\/core\/mini-api:1\.0\.0@sha256:/,
      );
      expect(deployment(theirs.objects).spec.template.spec.containers[0].image).toMatch(
        /^registry\.bu2\.example\/live\/core\/mini-api:1\.0\.0@sha256:/,
      );
    });

    it("gates each instance on its own promotion chain", () => {
      const digest = digestOf("mini-api");
      const ledger = recordDeployment({ entries: [] }, "mini", "qa", { api: digest }, inWindow);
      const theirs = bu2.gates(bu2.render(minimalApp(), "live"), { now: inWindow, ledger });
      expect(theirs.decisions[0]).toMatchObject({ gate: "promotion", allowed: true });
      expect(theirs.decisions[0].messages).toEqual([
        `mini: api ${digest} ran in QA (${inWindow.toISOString()}); promotion to Live verified.`,
      ]);
      // The same ledger proves nothing in this repository's Prod, which promotes from RE7.
      const ours = beluga.gates(beluga.render(minimalApp(), "prod"), { now: inWindow, ledger });
      expect(ours.allowed).toBe(false);
      expect(ours.refusals[0]).toMatch(
        /^mini: api sha256:[0-9a-f]{64} has not been verified in RE7 \(RE7 has no recorded deployment of it\)/,
      );
    });

    it("fails when an app uses a socle the other instance's catalog lacks", () => {
      const nodeApp = { ...minimalApp(), components: { api: { image: { ...minimalApp().components.api.image, socle: "node22" } } } };
      expect(() => beluga.render(nodeApp, "dev")).not.toThrow();
      expect(() => bu2.render(nodeApp, "qa")).toThrow(DeclarationError);
    });

    it("fails when a name is not in the instance, listing what is", () => {
      expect(() => bu2.environment("prod")).toThrow(new UnknownNameError("environment", "prod", ["qa", "live"]));
      expect(() => bu2.app("sinistre")).toThrow('unknown app "sinistre"; known apps: mini');
      expect(() => bu2.render(minimalApp(), "dev")).toThrow(UnknownNameError);
    });

    it("fails when a declaration overrides an environment the instance does not have", () => {
      const withDevOverride = { ...minimalApp(), environments: { dev: { components: { api: { scaling: { min: 1, max: 2 } } } } } };
      expect(() => bu2.resolve(withDevOverride, "qa")).toThrow(
        "mini: environments.dev is not an environment of this platform; use one of qa, live, or remove it",
      );
      expect(() => beluga.resolve(withDevOverride, "dev")).not.toThrow();
    });
  });

  describe("given a fifth environment added as data (Formation between RE7 and Prod)", () => {
    const five = new Beluga(fiveEnvironmentInstance(), [fullApp(), sinistre]);

    it("renders it with its own namespace, hosts and registry", () => {
      const rendered = five.render(fullApp(), "form");
      expect(rendered.app.namespace).toBe("full-form");
      const route = rendered.objects.find((o) => o.kind === "Route") as any;
      expect(route.spec.host).toBe("full.apps.form.beluga.internal");
      expect(rendered.env.routes.hostStyle).toBe("suffixed");
    });

    it("makes Prod promote from Formation, and Formation from RE7", () => {
      expect(five.environments.names).toEqual(["dev", "int", "re7", "form", "prod"]);
      const resolved = five.resolve(fullApp(), "form");
      const digests = Object.fromEntries([...resolved.components, ...resolved.batches].map((w) => [w.name, w.image.digest!]));
      const inRe7 = recordDeployment({ entries: [] }, "full", "re7", digests, inWindow);
      expect(five.gates(five.render(fullApp(), "prod"), { now: inWindow, ledger: inRe7 }).refusals.join("\n")).toMatch(
        /has not been verified in Formation/,
      );
      expect(five.gates(five.render(fullApp(), "form"), { now: inWindow, ledger: inRe7 }).decisions[0].allowed).toBe(true);
      const inForm = recordDeployment(inRe7, "full", "form", digests, inWindow);
      expect(five.gates(five.render(fullApp(), "prod"), { now: inWindow, ledger: inForm }).decisions[0].allowed).toBe(true);
    });

    it("applies release windows where the environment says so, not by its name", () => {
      const outside = new Date("2026-11-22T10:00:00Z");
      expect(five.gates(five.render(fullApp(), "form"), { now: outside }).decisions[1]).toMatchObject({
        gate: "release-window",
        allowed: true,
      });
      expect(five.gates(five.render(fullApp(), "prod"), { now: outside }).decisions[1]).toMatchObject({
        gate: "release-window",
        allowed: false,
      });
    });

    it("gives the policy pack the new environment's rules", () => {
      const ctx = five.policyContext("form");
      expect(ctx.env.displayName).toBe("Formation");
      expect(ctx.enforcementLevel).toBe("mandatory");
    });
  });

  it("groups rendered objects by the component or batch whose construct made them, app-wide ones apart", () => {
    const rendered = beluga.render(fullApp(), "prod");
    expect([...rendered.workloads.keys()]).toEqual(["front", "api", "nightly"]);
    for (const [name, objects] of rendered.workloads) {
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect([name, undefined]).toContain(o.metadata.labels?.["app.kubernetes.io/component"]);
    }
    expect(rendered.appWide.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["PrometheusRule/full-alerts"]);
    expect([...[...rendered.workloads.values()].flat(), ...rendered.appWide].sort(byKey)).toEqual([...rendered.objects].sort(byKey));
  });

  describe("given the whole app set (cross-app checks)", () => {
    const callee = (): any => ({
      ...minimalApp(),
      name: "claims",
      components: {
        api: {
          ...minimalApp().components.api,
          ports: [
            { name: "http", port: 8080 },
            { name: "management", port: 9090 },
          ],
          routes: [{ host: "claims", path: "/api" }],
        },
      },
    });
    const caller = (dependsOn: string[]): any => {
      const app: any = minimalApp();
      app.components.api.dependsOn = dependsOn;
      return app;
    };
    const problems = (b: Beluga, app: any) => {
      try {
        b.resolve(app, "prod");
      } catch (error) {
        if (error instanceof DeclarationError) return error.messages;
        throw error;
      }
      return [];
    };

    it("fails when a dependency names an app, a component or a port that does not exist", () => {
      const b = new Beluga(beluga.instance, [callee()]);
      expect(problems(b, caller(["claim/api:http", "claims/web:http", "claims/api:admin"]))).toEqual([
        'mini: components.api.dependsOn.0 ("claim/api:http") calls app "claim", which is not an app of this platform; fix the app name (apps: claims) or remove the dependency',
        'mini: components.api.dependsOn.1 ("claims/web:http") calls claims/web, but claims declares no component "web"; use one of claims/api',
        'mini: components.api.dependsOn.2 ("claims/api:admin"): claims/api declares no port "admin"; use one of claims/api:http, claims/api:management',
      ]);
      expect(problems(b, caller(["claims/api:http"]))).toEqual([]);
    });

    it("fails when two apps claim the same route host and path, naming both", () => {
      const rival = caller([]);
      rival.components.api.routes = [
        { host: "claims", path: "/api" },
        { host: "claims", path: "/other" },
      ];
      const b = new Beluga(beluga.instance, [callee(), rival]);
      expect(problems(b, rival)).toEqual([
        "mini: components.api.routes.0 claims claims.apps.beluga.internal/api in Prod, as does claims: components.api.routes.0; the router serves only one of them; give one of them another host or path",
      ]);
      expect(problems(b, callee())).toEqual([
        "claims: components.api.routes.0 claims claims.apps.beluga.internal/api in Prod, as does mini: components.api.routes.0; the router serves only one of them; give one of them another host or path",
      ]);
    });

    it("reports cross-app problems together with the declaration's own", () => {
      const app = caller(["claim/api:http"]);
      app.components.api.scaling = { min: 3, max: 2 };
      expect(problems(new Beluga(beluga.instance, [callee()]), app)).toHaveLength(2);
    });

    it("leaves cross-app checks out only when told the app set is not known", () => {
      expect(problems(new Beluga(beluga.instance, [], { crossAppChecks: false }), caller(["claim/api:http"]))).toEqual([]);
    });
  });
});

const byKey = (a: { kind: string; metadata: { name: string } }, b: { kind: string; metadata: { name: string } }) =>
  `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);

describe("Beluga sourceOf", () => {
  it("names the file of a declaration without a name when resolving", () => {
    const unnamed = { ...minimalApp(), name: undefined } as never;
    const named = new Beluga(instance, [], { sourceOf: (d) => (d === unnamed ? "apps/x/app.ts" : undefined) });
    expect(() => named.resolve(unnamed, "dev")).toThrow("<unnamed app in apps/x/app.ts>: name is required (string); add name");
  });
});
