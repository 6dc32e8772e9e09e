import { App, Chart } from "cdk8s";
import { PlatformAdmission, renderApp, renderPlatform } from "../../../constructs/k8s";
import { resolve } from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { fullApp } from "../../fixtures/declarations";

const prod = environments.get("prod");
const objects: any[] = renderPlatform(prod, [
  { name: "mini", team: "core", criticality: "standard" },
  {
    name: "claims",
    team: "c",
    criticality: "critical",
    inbound: [{ fromApp: "mini", fromComponent: "api", toComponent: "api", ports: [8080] }],
  },
]);
const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const policy = named("ValidatingAdmissionPolicy", "beluga-platform-owned-prod");
const binding = named("ValidatingAdmissionPolicyBinding", "beluga-platform-owned-prod");
const network = named("ValidatingAdmissionPolicy", "beluga-app-network-policies-prod");
const variable = (name: string): string => policy.spec.variables.find((v: any) => v.name === name).expression;
const validation = (text: string): any =>
  [...policy.spec.validations, ...network.spec.validations].find((v: any) => v.messageExpression.includes(text));

describe("PlatformAdmission", () => {
  it("renders two policies and their bindings per environment, named after it (several environments may share a cluster)", () => {
    expect(objects.filter((o) => o.apiVersion === "admissionregistration.k8s.io/v1").map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "ValidatingAdmissionPolicy/beluga-platform-owned-prod",
      "ValidatingAdmissionPolicyBinding/beluga-platform-owned-prod",
      "ValidatingAdmissionPolicy/beluga-app-network-policies-prod",
      "ValidatingAdmissionPolicyBinding/beluga-app-network-policies-prod",
    ]);
    expect(policy.metadata).not.toHaveProperty("namespace");
    for (const name of ["beluga-platform-owned-prod", "beluga-app-network-policies-prod"]) {
      expect(named("ValidatingAdmissionPolicyBinding", name).spec).toEqual({
        policyName: name,
        validationActions: ["Deny"],
        matchResources: { namespaceSelector: { matchLabels: { "beluga.io/owner": "platform", "beluga.io/env": "prod" } } },
      });
      expect(named("ValidatingAdmissionPolicy", name).spec.failurePolicy).toBe("Fail");
    }
  });

  it("watches creates, updates and deletes of every kind the platform puts in an app namespace", () => {
    const rules = policy.spec.matchConstraints.resourceRules;
    expect(rules.flatMap((r: any) => r.resources).sort()).toEqual([
      "limitranges",
      "networkpolicies",
      "resourcequotas",
      "rolebindings",
      "roles",
      "serviceaccounts",
    ]);
    for (const r of rules) expect(r.operations).toEqual(["CREATE", "UPDATE", "DELETE"]);
    expect(network.spec.matchConstraints.resourceRules).toEqual([
      { apiGroups: ["networking.k8s.io"], apiVersions: ["*"], resources: ["networkpolicies"], operations: ["CREATE", "UPDATE"] },
    ]);
    expect(network.spec.variables).toEqual([policy.spec.variables[0]]);
  });

  it("binds the app namespaces: each carries the labels the binding selects", () => {
    for (const ns of objects.filter((o) => o.kind === "Namespace"))
      expect(ns.metadata.labels).toMatchObject(binding.spec.matchResources.namespaceSelector.matchLabels);
  });

  it("labels every platform object of an app namespace as platform-owned, and no object an app stack renders", () => {
    const namespaced = objects.filter((o) => o.metadata.namespace);
    expect(namespaced.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(
      expect.arrayContaining([
        "NetworkPolicy/default-deny",
        "NetworkPolicy/allow-dns",
        "NetworkPolicy/allow-from-router",
        "NetworkPolicy/allow-from-monitoring",
        "NetworkPolicy/allow-api-from-mini-api",
        "ResourceQuota/app-quota",
        "LimitRange/app-limits",
        "ServiceAccount/deployer",
        "Role/deployer",
        "RoleBinding/team-read",
      ]),
    );
    for (const o of namespaced)
      expect([`${o.kind}/${o.metadata.name}`, o.metadata.labels["beluga.io/owner"]]).toEqual([`${o.kind}/${o.metadata.name}`, "platform"]);
    const app = renderApp(resolve(fullApp(), prod, catalog), prod);
    expect(app.filter((o) => o.metadata.labels?.["beluga.io/owner"] !== undefined)).toEqual([]);
  });

  it("lets only the environment's platform identities write owned objects, judging DELETE on the old object", () => {
    expect(variable("platform")).toBe(
      "request.userInfo.username in ['beluga-admin'] || request.userInfo.groups.exists(g, g in ['system:masters', 'system:serviceaccounts:kube-system', 'system:serviceaccounts:openshift-infra'])",
    );
    expect(variable("owned")).toBe(
      "(object != null && has(object.metadata.labels) && 'beluga.io/owner' in object.metadata.labels && object.metadata.labels['beluga.io/owner'] == 'platform') || " +
        "(oldObject != null && has(oldObject.metadata.labels) && 'beluga.io/owner' in oldObject.metadata.labels && oldObject.metadata.labels['beluga.io/owner'] == 'platform')",
    );
    const owned = validation("belongs to the platform layer");
    expect(owned.expression).toBe("variables.platform || !variables.owned");
    expect(owned.messageExpression).toContain(
      "may not ' + request.operation + ' it: platform-owned objects change only through the platform stack'",
    );
    expect(owned.reason).toBe("Forbidden");
  });

  it("takes the identities from the chart's parameter, quoting them for CEL", () => {
    const chart = new Chart(new App({ outdir: "/nonexistent" }), "t");
    new PlatformAdmission(chart, "a", { env: "lab", identities: { users: ["o'brien"], groups: [] } });
    const rendered: any = chart.toJson().find((o: any) => o.kind === "ValidatingAdmissionPolicy");
    expect(rendered.metadata.name).toBe("beluga-platform-owned-lab");
    expect(rendered.spec.variables[0].expression).toBe(
      "request.userInfo.username in ['o\\'brien'] || request.userInfo.groups.exists(g, g in [])",
    );
  });

  it("refuses app identities' NetworkPolicies that open what no declaration renders", () => {
    const guard = "variables.platform || ";
    expect(validation("selects every pod").expression).toBe(
      guard +
        "(has(object.spec.podSelector) && !((!has(object.spec.podSelector.matchLabels) || size(object.spec.podSelector.matchLabels) == 0) && (!has(object.spec.podSelector.matchExpressions) || size(object.spec.podSelector.matchExpressions) == 0)))",
    );
    expect(validation("ingress rule without from").expression).toBe(
      guard + "(!has(object.spec.ingress) || object.spec.ingress.all(r, has(r.from) && size(r.from) > 0))",
    );
    expect(validation("egress rule without to").expression).toBe(
      guard + "(!has(object.spec.egress) || object.spec.egress.all(r, has(r.to) && size(r.to) > 0))",
    );
    const wide = validation("wider than /8").expression;
    expect(wide.startsWith(guard)).toBe(true);
    expect(wide).toContain("cidr(p.ipBlock.cidr).prefixLength() >= 8");
    expect(wide).toContain("r.from.all(p, ");
    expect(wide).toContain("r.to.all(p, ");
    expect(validation("selects every pod").messageExpression).toContain("may only open what the app declares (dependsOn)");
  });
});
