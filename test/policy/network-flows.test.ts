import type { AppDeclaration } from "../../constructs/model";
import { type KubeObject, describeFlow, egressNames, networkChanges, networkFlowsOf } from "../../constructs/policy";
import { beluga } from "../../platform/instance";
import { souscription } from "../../apps/souscription/app";

/** souscription rendered in Dev after `change` edits a copy of its declaration, with the names of what it calls. */
function renderedWith(change: (app: AppDeclaration) => void = () => undefined) {
  const app = structuredClone(souscription) as AppDeclaration;
  change(app);
  const rendered = beluga.render(app, "dev");
  return { policies: rendered.objects.filter((o) => o.kind === "NetworkPolicy") as KubeObject[], names: egressNames(rendered.app) };
}

describe("networkFlowsOf", () => {
  it("reads every flow of souscription's rendered policies, a same-app call once per side in the same words", () => {
    const { policies, names } = renderedWith();
    expect(networkFlowsOf(policies, names).map((f) => [f.direction, describeFlow(f)])).toEqual([
      ["egress", "souscription web → souscription api :8080"],
      ["ingress", "souscription web → souscription api :8080"],
      ["egress", "souscription api → sinistre/api :http"],
      ["egress", "souscription api → souscription-db 10.41.12.0/28 :5432"],
      ["egress", "souscription api → pricing 10.60.4.0/24 :80"],
      ["egress", "souscription worker → contracts-mq 10.40.20.0/28 :5671"],
      ["egress", "souscription worker → souscription-db 10.41.12.0/28 :5432"],
    ]);
  });

  it("names address blocks by CIDR when no name is given, and namespace-wide rules by their selectors", () => {
    const dns = {
      kind: "NetworkPolicy",
      metadata: { name: "allow-dns", namespace: "sinistre-dev" },
      spec: {
        podSelector: {},
        egress: [
          {
            to: [{ namespaceSelector: {}, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
            ports: [{ protocol: "UDP", port: 53 }],
          },
        ],
      },
    };
    const external = {
      kind: "NetworkPolicy",
      metadata: { name: "x", namespace: "sinistre-dev" },
      spec: {
        podSelector: { matchLabels: { "app.kubernetes.io/part-of": "sinistre", "app.kubernetes.io/component": "api" } },
        egress: [{ to: [{ ipBlock: { cidr: "10.60.4.0/24" } }] }],
      },
    };
    expect(networkFlowsOf([dns, external]).map(describeFlow)).toEqual([
      "every pod of sinistre-dev → pods [k8s-app=kube-dns] in every namespace :53/UDP",
      "sinistre api → 10.60.4.0/24 :any port",
    ]);
  });
});

describe("networkChanges", () => {
  it("finds nothing between two renders of the same declaration", () => {
    expect(networkChanges(renderedWith().policies, renderedWith().policies)).toEqual({ opened: [], closed: [] });
  });

  it("reads a dependsOn change as the calls it opens and closes", () => {
    // Given souscription's api, when it stops calling sinistre/api and calls gestion-contrats/app instead
    const before = renderedWith();
    const after = renderedWith((app) => {
      app.components.api.dependsOn = ["gestion-contrats/app:http"];
    });
    // Then one call is opened and one closed, nothing else
    expect(networkChanges(before.policies, after.policies, { ...before.names, ...after.names })).toEqual({
      opened: ["souscription api → gestion-contrats/app :http"],
      closed: ["souscription api → sinistre/api :http"],
    });
  });

  it("reads a same-app call removed as one flow closed, though both sides' policies change", () => {
    const before = renderedWith();
    const after = renderedWith((app) => {
      delete app.components.web.dependsOn;
    });
    expect(networkChanges(before.policies, after.policies)).toEqual({ opened: [], closed: ["souscription web → souscription api :8080"] });
  });

  it("reads an egress removed as the service no longer reachable, by its name", () => {
    const before = renderedWith();
    const after = renderedWith((app) => {
      app.components.api.egress = [{ service: "souscription-db" }];
    });
    expect(networkChanges(before.policies, after.policies, before.names)).toEqual({
      opened: [],
      closed: ["souscription api → pricing 10.60.4.0/24 :80"],
    });
  });
});
