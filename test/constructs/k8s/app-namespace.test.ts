import { renderPlatform } from "../../../constructs/k8s";
import { environments } from "../../../environments";
import { sccAnnotationsFor } from "../../../constructs/model";

const tenant = { name: "mini", team: "core", criticality: "standard" as const };
const byName = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("AppNamespace", () => {
  const prod = renderPlatform(environments.get("prod"), [tenant]);
  const dev = renderPlatform(environments.get("dev"), [tenant]);

  it("creates the namespace <app>-<env> enforcing the restricted pod security standard", () => {
    expect(byName(prod, "Namespace", "mini-prod").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "beluga.io/team": "core",
      "beluga.io/env": "prod",
    });
  });

  it("carries the SCC annotations OpenShift would allocate, derived from the namespace name alone", () => {
    const annotations = byName(prod, "Namespace", "mini-prod").metadata.annotations;
    expect(annotations).toEqual(sccAnnotationsFor("mini-prod"));
    expect(Object.keys(annotations).sort()).toEqual([
      "openshift.io/sa.scc.mcs",
      "openshift.io/sa.scc.supplemental-groups",
      "openshift.io/sa.scc.uid-range",
    ]);
    expect(annotations["openshift.io/sa.scc.uid-range"]).toMatch(/^1\d{5}0000\/10000$/);
    expect(byName(dev, "Namespace", "mini-dev").metadata.annotations["openshift.io/sa.scc.uid-range"]).not.toBe(
      annotations["openshift.io/sa.scc.uid-range"],
    );
  });

  it("caps the namespace with the app's derived quota", () => {
    const quota = { requestsCpu: 2000, requestsMemory: 4 * 2 ** 30, limitsCpu: 7500, limitsMemory: 4 * 2 ** 30, pods: 13 };
    const objects = renderPlatform(environments.get("prod"), [{ ...tenant, quota }]);
    expect(byName(objects, "ResourceQuota", "app-quota").spec.hard).toEqual({
      "requests.cpu": "2",
      "requests.memory": "4Gi",
      "limits.cpu": "7500m",
      "limits.memory": "4Gi",
      pods: 13,
    });
  });

  it("caps a namespace without a derived quota at the most the environment allows one app", () => {
    expect(byName(prod, "ResourceQuota", "app-quota").spec.hard).toEqual({
      "requests.cpu": "160",
      "requests.memory": "80Gi",
      "limits.cpu": "160",
      "limits.memory": "80Gi",
      pods: 150,
    });
  });

  it("denies all traffic by default and opens only DNS, the router and monitoring", () => {
    const policies: any[] = prod.filter((o) => o.kind === "NetworkPolicy");
    expect(policies.map((p) => p.metadata.name)).toEqual(["default-deny", "allow-dns", "allow-from-router", "allow-from-monitoring"]);
    expect(policies[0].spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    expect(policies[2].spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ "policy-group.network.openshift.io/ingress": "" });
  });

  it("lets the team write in Dev but only read in Prod, where only the deployer account writes", () => {
    expect(byName(dev, "RoleBinding", "team-write").subjects).toEqual([
      { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "team-core" },
    ]);
    expect(byName(prod, "RoleBinding", "team-write")).toBeUndefined();
    expect(byName(prod, "RoleBinding", "team-read").subjects[0].name).toBe("team-core");
    expect(byName(prod, "RoleBinding", "deployer").subjects).toEqual([
      { apiGroup: "", kind: "ServiceAccount", name: "deployer", namespace: "mini-prod" },
    ]);
  });

  it("lets teams read logs and config but never secrets", () => {
    const rules = byName(prod, "Role", "team-read").rules;
    const resources = rules.flatMap((r: any) => r.resources);
    expect(resources).toEqual(expect.arrayContaining(["pods", "pods/log", "configmaps", "deployments"]));
    expect(resources).not.toContain("secrets");
    expect(rules.every((r: any) => r.verbs.every((v: string) => ["get", "list", "watch"].includes(v)))).toBe(true);
  });

  it("never lets an app's deployer touch its namespace, quota or RBAC", () => {
    const resources = byName(prod, "Role", "deployer").rules.flatMap((r: any) => r.resources);
    for (const forbidden of ["namespaces", "resourcequotas", "limitranges", "roles", "rolebindings"])
      expect(resources).not.toContain(forbidden);
  });

  it("matches the Dev and Prod snapshots", () => {
    expect(dev).toMatchSnapshot("dev");
    expect(prod).toMatchSnapshot("prod");
  });
});

describe("cross-app calls", () => {
  const { tenantsOf } = require("../../../constructs/k8s");
  const callee = {
    name: "claims",
    team: "c",
    criticality: "critical",
    components: {
      api: {
        ports: [
          { name: "http", port: 8080 },
          { name: "management", port: 9090 },
        ],
      },
    },
  };
  const caller = {
    name: "portal",
    team: "p",
    criticality: "standard",
    components: { web: { dependsOn: ["claims/api:http", "web2"] }, web2: {} },
    batches: { sync: { dependsOn: ["claims/api:management", "claims/api:nope", "claims/ghost:http"] } },
  };

  it("derives, for each app, the components of other apps that call it", () => {
    expect(tenantsOf([callee, caller]).map((t: any) => [t.name, t.inbound])).toEqual([
      [
        "claims",
        [
          { fromApp: "portal", fromComponent: "web", toComponent: "api", ports: [8080] },
          { fromApp: "portal", fromComponent: "sync", toComponent: "api", ports: [9090] },
        ],
      ],
      ["portal", []],
    ]);
  });

  it("lets exactly those callers into the callee's namespace", () => {
    const objects = renderPlatform(environments.get("prod"), tenantsOf([callee, caller]));
    const allow = byName(objects, "NetworkPolicy", "allow-api-from-portal-web");
    expect(allow.metadata.namespace).toBe("claims-prod");
    expect(allow.spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/part-of": "claims", "app.kubernetes.io/component": "api" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          ports: [{ protocol: "TCP", port: 8080 }],
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "portal-prod" } },
              podSelector: { matchLabels: { "app.kubernetes.io/part-of": "portal", "app.kubernetes.io/component": "web" } },
            },
          ],
        },
      ],
    });
  });

  it("names cross-app policies validly and distinctly when the full name is over 63 characters", () => {
    const longApp = "a".repeat(30);
    const inbound = ["b".repeat(20) + "-x", "b".repeat(20) + "-y"].map((fromComponent) => ({
      fromApp: longApp,
      fromComponent,
      toComponent: "api",
      ports: [8080],
    }));
    const objects = renderPlatform(environments.get("prod"), [{ ...tenant, inbound }]);
    const names = objects.filter((o) => o.kind === "NetworkPolicy" && o.metadata.name.startsWith("allow-api-")).map((o) => o.metadata.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    }
  });
});
