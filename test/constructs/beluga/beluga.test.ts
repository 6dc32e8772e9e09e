import { Beluga } from "../../../constructs/beluga";
import { UnknownNameError } from "../../../constructs/instance";
import { recordDeployment } from "../../../constructs/policy";
import { DeclarationError } from "../../../constructs/resolve";
import { beluga } from "../../../platform/instance";
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
    const five = new Beluga(fiveEnvironmentInstance(), [fullApp()]);

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

  it("groups rendered objects by the component or batch whose construct made them", () => {
    const rendered = beluga.render(fullApp(), "prod");
    expect([...rendered.workloads.keys()]).toEqual(["front", "api", "nightly"]);
    for (const [name, objects] of rendered.workloads) {
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect([name, undefined]).toContain(o.metadata.labels?.["app.kubernetes.io/component"]);
    }
    expect([...rendered.workloads.values()].flat().sort(byKey)).toEqual([...rendered.objects].sort(byKey));
  });
});

const byKey = (a: { kind: string; metadata: { name: string } }, b: { kind: string; metadata: { name: string } }) =>
  `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`);
