import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  checkCluster,
  checkClusterServes,
  checkKubeconfig,
  checkNamespace,
  checkStackConfig,
  preflight,
} from "../../../platform/deploy/preflight";
import { readKubeTarget } from "../../../platform/deploy/kube-api";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "beluga-preflight-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A kubeconfig whose current context points at `server`. */
function kubeconfig(server: string): string {
  const file = join(dir, "kubeconfig");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "current-context: beluga",
      "clusters: [{ name: local, cluster: { server: '" + server + "', insecure-skip-tls-verify: true } }]",
      "users: [{ name: admin, user: { token: t0k3n } }]",
      "contexts: [{ name: beluga, context: { cluster: local, user: admin } }]",
    ].join("\n"),
  );
  return file;
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A real HTTP API server that knows one namespace and records the token it was sent. */
async function apiServer(
  namespaces: Record<string, string>,
  /** The `environments` of the cluster's identity ConfigMap; none: no ConfigMap. */
  serves?: string,
): Promise<{ server: Server; url: string; tokens: string[] }> {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    tokens.push(String(req.headers.authorization));
    if (req.url === "/readyz") return void res.writeHead(200).end("ok");
    if (req.url === "/api/v1/namespaces/kube-public/configmaps/beluga-cluster" && serves !== undefined)
      return void res.writeHead(200).end(JSON.stringify({ kind: "ConfigMap", data: { environments: serves } }));
    const ns = /^\/api\/v1\/namespaces\/(.+)$/.exec(req.url ?? "")?.[1];
    if (ns && namespaces[ns])
      return void res.writeHead(200).end(JSON.stringify({ metadata: { name: ns }, status: { phase: namespaces[ns] } }));
    res.writeHead(404).end(JSON.stringify({ kind: "Status", reason: "NotFound" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tokens };
}

const SINISTRE_INT = { project: "sinistre", env: "int" } as const;

describe("kubeconfig", () => {
  it("fails when the kubeconfig file is missing, naming it and the two ways out", () => {
    const missing = join(dir, "nope", "kubeconfig");
    expect(checkKubeconfig(missing, "Dev")).toEqual({
      check: "kubeconfig",
      message: `KUBECONFIG ${missing} does not exist`,
      next: "run `npm run cluster -- up` (embedded cluster) or set KUBECONFIG to the Dev cluster's kubeconfig (with BELUGA_EXTERNAL_CLUSTER=1)",
    });
  });

  it("fails when the current context is not among the contexts", () => {
    const file = join(dir, "kubeconfig");
    writeFileSync(file, "current-context: gone\ncontexts: []\n");
    expect(checkKubeconfig(file, "Dev")).toMatchObject({
      check: "kubeconfig",
      message: `KUBECONFIG ${file} is not usable: ${file}: current-context gone is not among its contexts`,
    });
  });
});

describe("cluster", () => {
  it("fails within 5 s when nothing listens on the server's port, naming the server", async () => {
    const port = await closedPort();
    const started = Date.now();
    const problem = await checkCluster(readKubeTarget(kubeconfig(`https://127.0.0.1:${port}`)));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problem).toMatchObject({
      check: "cluster",
      message: expect.stringContaining(`(https://127.0.0.1:${port}, from ${dir}/kubeconfig) did not answer: ECONNREFUSED`),
    });
    expect(problem?.next).toContain("npm run cluster -- up");
  });

  it("fails within 5 s when the server accepts the connection and never answers (3 s timeout)", async () => {
    // A listener that never speaks: what a hung API server or a half-open tunnel looks like.
    const silent = createTcpServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const problem = await checkCluster(readKubeTarget(kubeconfig(`https://127.0.0.1:${port}`)));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(problem?.message).toBe(
        `the cluster of context beluga (https://127.0.0.1:${port}, from ${dir}/kubeconfig) did not answer: no answer within 3 s`,
      );
    } finally {
      silent.close();
    }
  }, 10_000);

  it("passes when /readyz answers, sending the kubeconfig's token", async () => {
    const api = await apiServer({});
    try {
      expect(await checkCluster(readKubeTarget(kubeconfig(api.url)))).toBeUndefined();
      expect(api.tokens).toEqual(["Bearer t0k3n"]);
    } finally {
      api.server.close();
    }
  });
});

describe("namespace", () => {
  it("fails when the app's namespace does not exist, saying to deploy the platform layer with the real CLI syntax", async () => {
    const api = await apiServer({ "sinistre-dev": "Active" });
    try {
      expect(await checkNamespace(readKubeTarget(kubeconfig(api.url)), "sinistre-int", SINISTRE_INT, "Int")).toEqual({
        check: "namespace",
        message: "namespace sinistre-int does not exist in Int",
        next: "deploy the platform layer for Int first: npm run deploy -- --env int --platform --app sinistre",
      });
    } finally {
      api.server.close();
    }
  });

  it("fails when the namespace is being deleted", async () => {
    const api = await apiServer({ "sinistre-int": "Terminating" });
    try {
      const problem = await checkNamespace(readKubeTarget(kubeconfig(api.url)), "sinistre-int", SINISTRE_INT, "Int");
      expect(problem?.message).toBe("namespace sinistre-int is being deleted in Int");
    } finally {
      api.server.close();
    }
  });
});

describe("stack config", () => {
  it("fails when a stack file is not YAML, naming the file and the line", () => {
    const file = join(dir, "Pulumi.int.yaml");
    writeFileSync(file, "encryptionsalt: v1:abc\nconfig:\n  beluga:digests: {api: sha256:1\n  other: x\n");
    const [problem, ...rest] = checkStackConfig([file, join(dir, "Pulumi.missing.yaml")]);
    expect(rest).toEqual([]);
    expect(problem.check).toBe("stack-config");
    expect(problem.message).toMatch(new RegExp(`^${file.replace(/[.]/g, "\\.")} line \\d+, column \\d+: `));
    expect(problem.next).toBe(`fix the YAML in ${file} (one \`key: value\` per line, two-space indentation, config under \`config:\`)`);
  });

  it("passes the repository's own stack files", () => {
    expect(
      checkStackConfig([join(__dirname, "../../../apps/sinistre/Pulumi.yaml"), join(__dirname, "../../../apps/sinistre/Pulumi.int.yaml")]),
    ).toEqual([]);
  });
});

describe("the cluster's identity", () => {
  it("passes when the cluster says it serves the environment", async () => {
    const api = await apiServer({}, "re7, prod");
    try {
      expect(await checkClusterServes(readKubeTarget(kubeconfig(api.url)), "prod", "Prod", "beluga-prod")).toBeUndefined();
    } finally {
      api.server.close();
    }
  });

  it("fails when the cluster serves other environments, naming them, the expected context and the pipeline's variable", async () => {
    const api = await apiServer({}, "dev,int");
    try {
      expect(await checkClusterServes(readKubeTarget(kubeconfig(api.url)), "prod", "Prod", "beluga-prod")).toEqual({
        check: "cluster-identity",
        message: `the cluster of context beluga (${api.url}) serves dev, int (ConfigMap kube-public/beluga-cluster), not Prod`,
        next: "point KUBECONFIG at the Prod cluster (context beluga-prod; in a pipeline, $BELUGA_KUBECONFIG_PROD); nothing was deployed",
      });
    } finally {
      api.server.close();
    }
  });

  it("fails when the cluster does not say which environments it serves, with the command that says it", async () => {
    const api = await apiServer({});
    try {
      const problem = await checkClusterServes(readKubeTarget(kubeconfig(api.url)), "int", "Int", "beluga-int");
      expect(problem?.message).toBe(
        `the cluster of context beluga (${api.url}) does not say which environments it serves (ConfigMap kube-public/beluga-cluster is missing)`,
      );
      expect(problem?.next).toContain("kubectl create configmap beluga-cluster -n kube-public --from-literal=environments=int");
    } finally {
      api.server.close();
    }
  });

  it("stops a deploy on the wrong cluster before the namespace check, which would say nothing there", async () => {
    const api = await apiServer({}, "dev,int");
    try {
      const problems = await preflight({
        target: { project: "sinistre", env: "prod" },
        envDisplayName: "Prod",
        kubeconfig: kubeconfig(api.url),
        namespace: "sinistre-prod",
        clusterContext: "beluga-prod",
      });
      expect(problems.map((p) => p.check)).toEqual(["cluster-identity"]);
    } finally {
      api.server.close();
    }
  });
});

describe("preflight", () => {
  it("reports every problem at once, within 5 s, before any stack exists", async () => {
    const port = await closedPort();
    const bad = join(dir, "Pulumi.int.yaml");
    writeFileSync(bad, "config: [unclosed\n");
    const started = Date.now();
    const problems = await preflight({
      target: SINISTRE_INT,
      envDisplayName: "Int",
      kubeconfig: kubeconfig(`https://127.0.0.1:${port}`),
      namespace: "sinistre-int",
      stackFiles: [bad],
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(problems.map((p) => p.check)).toEqual(["cluster", "stack-config"]);
  });

  it("passes when the cluster answers and the namespace exists", async () => {
    const api = await apiServer({ "sinistre-int": "Active" });
    try {
      const problems = await preflight({
        target: SINISTRE_INT,
        envDisplayName: "Int",
        kubeconfig: kubeconfig(api.url),
        namespace: "sinistre-int",
      });
      expect(problems).toEqual([]);
    } finally {
      api.server.close();
    }
  });
});
