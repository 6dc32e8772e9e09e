import { environments } from "../../../environments";
import { formatTable, readWorkloads, renderStatusPage, shortImage } from "../../../platform/deploy";

/** API server answers shaped like `kubectl get … -o json`, for two namespaces. */
function fakeApi(args: readonly string[]): any {
  const ns = args[args.indexOf("-n") + 1];
  if (args[1] === "deployments") {
    return {
      items:
        ns === "sinistre-dev"
          ? [
              {
                metadata: {
                  name: "sinistre-api",
                  labels: { "app.kubernetes.io/part-of": "sinistre", "app.kubernetes.io/component": "api", "beluga.io/env": "dev" },
                },
                spec: {
                  template: {
                    spec: { containers: [{ image: `registry.beluga.internal/dev/claims/sinistre-api:2.3.1@sha256:${"a1".repeat(32)}` }] },
                  },
                },
                status: { replicas: 2, readyReplicas: 2 },
              },
            ]
          : [
              {
                metadata: {
                  name: "mini-worker",
                  labels: { "app.kubernetes.io/part-of": "mini", "app.kubernetes.io/component": "worker", "beluga.io/env": "dev" },
                },
                spec: { template: { spec: { containers: [{ image: "registry.beluga.internal/dev/core/mini-worker:1.0.0" }] } } },
                status: { replicas: 2, readyReplicas: 1 },
              },
            ],
    };
  }
  return {
    items:
      ns === "sinistre-dev"
        ? [{ spec: { host: "sinistre-api-dev.apps.dev.beluga.internal", path: "/api", to: { name: "sinistre-api" } } }]
        : [],
  };
}

describe("workload status", () => {
  const rows = readWorkloads(["sinistre-dev", "mini-dev"], fakeApi);

  it("reads ready and desired pods, the image and the route URLs of each component", () => {
    expect(rows).toEqual([
      {
        app: "mini",
        env: "dev",
        component: "worker",
        ready: 1,
        desired: 2,
        image: "registry.beluga.internal/dev/core/mini-worker:1.0.0",
        urls: [],
      },
      {
        app: "sinistre",
        env: "dev",
        component: "api",
        ready: 2,
        desired: 2,
        image: `registry.beluga.internal/dev/claims/sinistre-api:2.3.1@sha256:${"a1".repeat(32)}`,
        urls: ["https://sinistre-api-dev.apps.dev.beluga.internal/api"],
      },
    ]);
  });

  it("prints a table that marks what is fully ready", () => {
    const lines = formatTable(rows).split("\n");
    expect(lines[0]).toMatch(/^APP\s+COMPONENT\s+READY\s+IMAGE\s+URL$/);
    expect(lines[2]).toMatch(/^mini\s+worker\s+1\/2 …\s+mini-worker:1\.0\.0\s+-$/);
    expect(lines[3]).toMatch(
      /^sinistre\s+api\s+2\/2 ✓\s+sinistre-api:2\.3\.1@sha256:a1a1a1a1\s+https:\/\/sinistre-api-dev\.apps\.dev\.beluga\.internal\/api$/,
    );
  });

  it("shortens image references to artifact, version and digest prefix", () => {
    expect(shortImage(`r.example/t/a:1@sha256:${"0f".repeat(32)}`)).toBe("a:1@sha256:0f0f0f0f");
  });

  it("renders the apps × environments page with one row per component and a cell per environment", () => {
    const page = renderStatusPage(rows, environments, "2026-11-22T10:00:00Z");
    expect(page).toContain("<th>Dev</th><th>Int</th><th>RE7</th><th>Prod</th>");
    expect(page).toContain('<tr><th>sinistre/api</th><td class="ready"><b>2/2</b>');
    expect(page).toContain('<tr><th>mini/worker</th><td class="progressing"><b>1/2</b>');
    expect(page.match(/<td class="absent">/g)).toHaveLength(6);
  });
});
