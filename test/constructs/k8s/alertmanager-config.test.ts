import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import {
  ALERTS,
  RELEASE_DECLARED_ALERT,
  alertmanagerConfig,
  channelReceiver,
  pageReceiver,
  PLATFORM_RECEIVER,
  tenantsOf,
} from "../../../constructs/k8s";
import { environments } from "../../../environments";
import { apps } from "../../../apps/catalog";
import { missingTool, toolBinary } from "./monitoring-tools";

const [dev, prod] = ["dev", "prod"].map((name) => environments.get(name));
const tenants = tenantsOf(apps);

describe("alertmanagerConfig", () => {
  const prodConfig = alertmanagerConfig(prod, tenants) as any;
  const devConfig = alertmanagerConfig(dev, tenants) as any;

  it("routes each team's alerts of the environment to its channel", () => {
    const teams = [...new Set(tenants.map((t) => t.team))].sort();
    expect(prodConfig.route.routes.map((r: any) => [r.receiver, r.matchers])).toEqual(
      teams.map((team) => [channelReceiver(team), [`team="${team}"`, `env="prod"`]]),
    );
    expect(prodConfig.route.receiver).toBe(PLATFORM_RECEIVER);
  });

  it("pages in Prod only the teams with a critical app, and nobody in Dev", () => {
    const paging = (config: any) => config.route.routes.filter((r: any) => r.routes).map((r: any) => r.routes[0].receiver);
    const critical = [...new Set(tenants.filter((t) => t.criticality === "critical").map((t) => t.team))].sort();
    expect(paging(prodConfig)).toEqual(critical.map(pageReceiver));
    expect(paging(devConfig)).toEqual([]);
    expect(devConfig.receivers.map((r: any) => r.name).filter((n: string) => n.endsWith("-page"))).toEqual([]);
  });

  it("reads every webhook URL from a file, never from the configuration", () => {
    expect(JSON.stringify(prodConfig)).not.toMatch(/"(webhook_)?url"/);
  });

  it("inhibits the alerts a rolling update makes noisy while a release is declared, but not a stuck rollout", () => {
    expect(prodConfig.inhibit_rules).toEqual([
      {
        source_matchers: [`alertname="${RELEASE_DECLARED_ALERT}"`],
        target_matchers: [`alertname=~"${ALERTS.availabilityBelowMinimum}|${ALERTS.restartLoop}|${ALERTS.hpaAtMaximum}"`],
        equal: ["app", "env"],
      },
    ]);
  });

  describe("under amtool", () => {
    const amtool = toolBinary("amtool");
    if (!amtool) {
      it.skip(missingTool("amtool"), () => undefined);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), "beluga-amtool-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, config: unknown) => {
      const file = join(dir, name);
      writeFileSync(file, stringify(config));
      return file;
    };
    const files = { prod: write("prod.yaml", prodConfig), dev: write("dev.yaml", devConfig) };
    const run = (args: string[]) => {
      try {
        return execFileSync(amtool, args, { encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        throw new Error(`amtool ${args.join(" ")} failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
      }
    };

    it("passes amtool check-config in every environment", () => {
      for (const env of environments.list) {
        const out = run(["check-config", write(`${env.name}-check.yaml`, alertmanagerConfig(env, tenants))]);
        expect(out).toMatch(/SUCCESS/);
      }
    });

    it.each([
      [
        "Prod, critical app, critical alert → the team's page receiver",
        "prod",
        ["team=claims", "env=prod", "severity=critical"],
        pageReceiver("claims"),
      ],
      ["Prod, warning → the team's channel only", "prod", ["team=claims", "env=prod", "severity=warning"], channelReceiver("claims")],
      ["Dev → the team's channel only", "dev", ["team=claims", "env=dev", "severity=warning"], channelReceiver("claims")],
      ["another environment's alert → the platform's receiver", "prod", ["team=claims", "env=dev", "severity=critical"], PLATFORM_RECEIVER],
      ["an unknown team → the platform's receiver", "prod", ["team=nobody", "env=prod", "severity=critical"], PLATFORM_RECEIVER],
    ] as const)("routes %s (amtool config routes test)", (_name, env, labels, receiver) => {
      const out = run(["config", "routes", "test", `--config.file=${files[env]}`, `--verify.receivers=${receiver}`, ...labels]);
      expect(out.trim()).toBe(receiver);
    });
  });
});
