import { AppComponent } from "../../../constructs/k8s";
import { EnvironmentSet } from "../../../constructs/instance";
import type { AppDeclaration } from "../../../constructs/model";
import { DeclarationError, resolve } from "../../../constructs/resolve";
import { dev as devDeclaration, environments, prod as prodDeclaration } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { minimalApp } from "../../fixtures/declarations";
import { only, renderInChart } from "./render";

const [dev, int, re7, prod] = ["dev", "int", "re7", "prod"].map((name) => environments.get(name));

function deploymentOf(decl: AppDeclaration, env = prod): any {
  const app = resolve(decl, env, catalog);
  const component = app.components[0];
  return only(
    renderInChart((chart) => new AppComponent(chart, component.name, { app, component, env })),
    "Deployment",
  );
}

function relaxed(reason: unknown): AppDeclaration {
  const decl = minimalApp();
  (decl.components.api as any).placement = { spread: "relaxed", reason };
  return decl;
}

describe("topology spread", () => {
  it("spreads Prod's pods over nodes and zones, required, one pod of skew, counting only the current ReplicaSet", () => {
    const deployment = deploymentOf(minimalApp());
    const selector = deployment.spec.selector.matchLabels;
    const common = {
      maxSkew: 1,
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: selector },
      matchLabelKeys: ["pod-template-hash"],
      nodeTaintsPolicy: "Honor",
    };
    expect(deployment.spec.template.spec.topologySpreadConstraints).toEqual([
      { ...common, topologyKey: "kubernetes.io/hostname" },
      { ...common, topologyKey: "topology.kubernetes.io/zone" },
    ]);
    expect(selector).toEqual({ "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "api" });
    expect(deployment.metadata.annotations?.["beluga.io/spread-relaxed"]).toBeUndefined();
  });

  it("spreads RE7 as Prod, and nothing in Dev and Int", () => {
    expect(deploymentOf(minimalApp(), re7).spec.template.spec.topologySpreadConstraints).toEqual(
      deploymentOf(minimalApp(), prod).spec.template.spec.topologySpreadConstraints,
    );
    for (const env of [dev, int])
      expect(deploymentOf(minimalApp(), env).spec.template.spec).not.toHaveProperty("topologySpreadConstraints");
  });

  it("relaxes a required spread to a preference for a component giving a reason, and shows the reason on the Deployment", () => {
    const deployment = deploymentOf(relaxed("licence bound to two nodes until 2027-03 (CHG-1234)"));
    expect(deployment.spec.template.spec.topologySpreadConstraints.map((c: any) => c.whenUnsatisfiable)).toEqual([
      "ScheduleAnyway",
      "ScheduleAnyway",
    ]);
    expect(deployment.metadata.annotations).toEqual({ "beluga.io/spread-relaxed": "licence bound to two nodes until 2027-03 (CHG-1234)" });
  });

  it("keeps the reason visible where the environment spreads nothing", () => {
    const deployment = deploymentOf(relaxed("licence bound to two nodes"), dev);
    expect(deployment.spec.template.spec).not.toHaveProperty("topologySpreadConstraints");
    expect(deployment.metadata.annotations).toEqual({ "beluga.io/spread-relaxed": "licence bound to two nodes" });
  });

  it("fails when a component relaxes the spread without a reason", () => {
    const messagesOf = (decl: AppDeclaration) => {
      try {
        resolve(decl, prod, catalog);
      } catch (error) {
        if (error instanceof DeclarationError) return error.messages;
        throw error;
      }
      throw new Error("expected a DeclarationError");
    };
    expect(messagesOf(relaxed(""))).toEqual(["mini: components.api.placement.reason must not be empty; give it a value"]);
    expect(messagesOf(relaxed(undefined))).toEqual(["mini: components.api.placement.reason is required (string); add reason"]);
  });

  it("fails when an environment spreads without saying over how many nodes", () => {
    const { nodes: _nodes, ...withoutNodes } = prodDeclaration.placement;
    expect(() => EnvironmentSet.of([devDeclaration, { ...prodDeclaration, promotesFrom: "dev", placement: withoutNodes }])).toThrow(
      "environment prod: placement.nodes: is required when spread is preferred or required: declare how many worker nodes app pods run on; fix environments/prod.ts",
    );
  });
});
