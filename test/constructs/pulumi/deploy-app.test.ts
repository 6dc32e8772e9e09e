import * as pulumi from "@pulumi/pulumi";
import { deployApp } from "../../../constructs/pulumi";
import { apps } from "../../../apps/catalog";
import { beluga } from "../../../platform/instance";
import { minimalApp } from "../../fixtures/declarations";
import { recordingMocks, valueOf } from "./mocks";

/** Runs a program under mocks and waits until every registration has been seen. */
async function run(stack: string, program: () => any, config: Record<string, string> = {}) {
  const registrations = recordingMocks(stack, "app", config);
  const outputs = program();
  await valueOf(pulumi.output(outputs.images ?? {}));
  await new Promise((r) => setTimeout(r, 50));
  return { registrations, outputs };
}

describe("deployApp", () => {
  jest.setTimeout(60_000);
  it.each(["dev", "prod"])("deploys every example app into <app>-%s", async (stack) => {
    // gestion-contrats is on the April/October train: outside its windows Prod needs a change id.
    for (const app of apps) {
      const { registrations, outputs } = await run(stack, () => deployApp(beluga, app, { emergencyChange: "CHG-000001" }), {
        "app:sessionSecret": "s3cr3t-for-test",
      });
      const k8s = registrations.filter((r) => r.type.startsWith("kubernetes:"));
      expect(k8s.length).toBeGreaterThan(3);
      expect(new Set(k8s.map((r) => r.inputs.metadata.namespace))).toEqual(new Set([`${app.name}-${stack}`]));
      expect(registrations.filter((r) => r.type === "beluga:app:App").map((r) => r.name)).toEqual([app.name]);
      expect(outputs.environment).toBe(stack);
      expect(await valueOf(outputs.namespace)).toBe(`${app.name}-${stack}`);
    }
  });

  describe("given the date is outside gestion-contrats' April and October windows", () => {
    const keepCurrentTimers = [
      "nextTick",
      "setImmediate",
      "setTimeout",
      "setInterval",
      "queueMicrotask",
      "clearTimeout",
      "clearInterval",
      "clearImmediate",
      "hrtime",
      "performance",
    ] as const;
    beforeEach(() => jest.useFakeTimers({ now: new Date("2026-11-22T10:00:00Z"), doNotFake: [...keepCurrentTimers] }));
    afterEach(() => jest.useRealTimers());

    it("fails when a release-train app deploys to Prod without an emergency change, registering nothing", () => {
      const registrations = recordingMocks("prod", "app");
      const errors: string[] = [];
      const spy = jest.spyOn(pulumi.log, "error").mockImplementation(async (m: string) => void errors.push(m));
      const train = apps.find((a) => a.name === "gestion-contrats")!;
      expect(() => deployApp(beluga, train)).toThrow(
        new pulumi.RunError("gestion-contrats: refused in Prod by the deploy gates; nothing was deployed"),
      );
      expect(errors.join("\n")).toMatch(/gestion-contrats/);
      expect(errors.join("\n")).toMatch(/window|April|04-01/i);
      expect(registrations).toEqual([]);
      spy.mockRestore();
    });

    it("deploys it to Dev whatever the date", async () => {
      const { registrations } = await run("dev", () =>
        deployApp(
          beluga,
          apps.find((a) => a.name === "gestion-contrats")!,
        ),
      );
      expect(registrations.some((r) => r.type === "kubernetes:apps/v1:Deployment")).toBe(true);
    });
  });

  it("deploys the digests the pipeline passes and reports them as the promotion record", async () => {
    const digest = `sha256:${"b".repeat(64)}`;
    const { registrations, outputs } = await run("prod", () => deployApp(beluga, minimalApp()), {
      "beluga:digests": JSON.stringify({ api: digest }),
    });
    const deployment = registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    expect(deployment.inputs.spec.template.spec.containers[0].image).toBe(`registry.beluga.internal/release/core/mini-api:1.0.0@${digest}`);
    expect(outputs.digests).toEqual({ api: digest });
  });

  it("deploys to the environment named by beluga:environment for stacks not named after one", async () => {
    const { registrations } = await run("dev-feature-x", () => deployApp(beluga, minimalApp()), { "beluga:environment": "dev" });
    expect(registrations.find((r) => r.type === "kubernetes:apps/v1:Deployment")!.inputs.metadata.namespace).toBe("mini-dev");
  });

  it("fails when the stack is not an environment, without a stack trace and before registering anything", () => {
    const registrations = recordingMocks("staging", "app");
    expect(() => deployApp(beluga, minimalApp())).toThrow(pulumi.RunError);
    expect(() => deployApp(beluga, minimalApp())).toThrow(
      'stack staging: environment "staging" is not one of dev (Dev), int (Int), re7 (RE7), prod (Prod); name the stack after its environment or set `pulumi config set beluga:environment <env>`',
    );
    expect(registrations).toEqual([]);
  });

  it("fails when the declaration is invalid, logging every message and registering nothing", () => {
    const registrations = recordingMocks("prod", "app");
    const errors: string[] = [];
    const spy = jest.spyOn(pulumi.log, "error").mockImplementation(async (m: string) => void errors.push(m));
    const bad = minimalApp();
    bad.components.api.scaling = { min: 3, max: 2 };
    bad.components.api.env = { DB_PASSWORD: "hunter2" };
    expect(() => deployApp(beluga, bad)).toThrow(new pulumi.RunError("mini: 2 problem(s) in the declaration; nothing was deployed"));
    expect(errors).toEqual([
      "mini: components.api.scaling.max (2) must be ≥ scaling.min (3); raise max or lower min",
      'mini: components.api.env.DB_PASSWORD holds a literal value but its name says it is a secret; secret values never go in declarations; reference it instead: { secret: { name: "<secret>", key: "db_password" } } or { pulumiSecret: "<config key>" }',
    ]);
    expect(registrations).toEqual([]);
    spy.mockRestore();
  });
});
