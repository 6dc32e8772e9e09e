/**
 * e2e: the local control plane (platform/local/cluster.ts) comes up, kwok's fake nodes make a
 * Deployment with a readinessProbe roll out, the Route CRD validates, RBAC is enforced, and
 * `down` leaves no process behind. Needs the tools: `npm run tools`.
 * If the cluster was already up before this file ran, it is left up.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "..", "..");
const KUBECONFIG = path.join(REPO, ".beluga", "kubeconfig");
const NS = `e2e-cluster-${process.pid}`;

function sh(cmd: string, args: string[], input?: string) {
  const env = { ...process.env };
  // env.sh: tools + node_modules/.bin on PATH, KUBECONFIG, PULUMI_*.
  const r = spawnSync("bash", ["-c", `. platform/local/env.sh && exec "$0" "$@"`, cmd, ...args], {
    cwd: REPO,
    encoding: "utf8",
    input,
    env,
    timeout: 240_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
const cluster = (verb: string) => sh("node", ["-r", "./platform/cli/bin/ts-cached-loader.js", "platform/local/cluster.ts", verb]);
const kubectl = (args: string[], input?: string) => sh("kubectl", ["--kubeconfig", KUBECONFIG, ...args], input);

let wasUp = false;

beforeAll(() => {
  wasUp = cluster("status").code === 0;
  const up = cluster("up");
  if (up.code !== 0) throw new Error(`cluster up failed:\n${up.out}`);
}, 300_000);

afterAll(() => {
  kubectl(["delete", "namespace", NS, "--wait=false", "--ignore-not-found"]);
  if (!wasUp) cluster("down");
}, 120_000);

test("up is idempotent", () => {
  const again = cluster("up");
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/already up and healthy/);
});

test("a Deployment with a readinessProbe rolls out on kwok nodes", () => {
  expect(kubectl(["create", "namespace", NS]).code).toBe(0);
  const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${NS}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: example.invalid/web:1
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        readinessProbe: {httpGet: {path: /healthz, port: 8080}, periodSeconds: 5}
`;
  expect(kubectl(["apply", "-f", "-"], manifest).code).toBe(0);
  const rollout = kubectl(["rollout", "status", "-n", NS, "deploy/web", "--timeout=120s"]);
  expect(rollout.out).toMatch(/successfully rolled out/);
  const ready = kubectl([
    "get",
    "pods",
    "-n",
    NS,
    "-o",
    'jsonpath={range .items[*]}{.status.phase}/{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
  ]);
  expect(ready.out.trim().split("\n")).toEqual(["Running/True", "Running/True"]);
}, 180_000);

test("the OpenShift Route CRD accepts a valid Route and rejects an invalid one", () => {
  const route = (termination: string) =>
    JSON.stringify({
      apiVersion: "route.openshift.io/v1",
      kind: "Route",
      metadata: { name: `r-${termination}`, namespace: NS },
      spec: {
        host: "web.apps.local",
        to: { kind: "Service", name: "web", weight: 100 },
        port: { targetPort: 8080 },
        tls: { termination, insecureEdgeTerminationPolicy: "Redirect" },
      },
    });
  kubectl(["create", "namespace", NS]);
  expect(kubectl(["apply", "-f", "-"], route("edge")).code).toBe(0);
  const bad = kubectl(["apply", "-f", "-"], route("bogus"));
  expect(bad.code).not.toBe(0);
  expect(bad.out).toMatch(/spec\.tls\.termination/);
});

test("RBAC is enforced for non-admin identities", () => {
  const r = kubectl(["auth", "can-i", "create", "deployments", "-n", "default", "--as=system:serviceaccount:default:default"]);
  expect(r.out.trim()).toBe("no");
});

test("stores a Secret's bytes in etcd as ciphertext (encryption at rest)", async () => {
  kubectl(["create", "namespace", NS]);
  const plain = `beluga-plaintext-${process.pid}-marker`;
  expect(kubectl(["create", "secret", "generic", "at-rest", "-n", NS, `--from-literal=value=${plain}`]).code).toBe(0);
  // etcd's gRPC gateway: the raw value the API server wrote, without going through the API server.
  const key = Buffer.from(`/registry/secrets/${NS}/at-rest`).toString("base64");
  const response = await fetch(`http://127.0.0.1:${process.env.BELUGA_ETCD_PORT ?? 23790}/v3/kv/range`, {
    method: "POST",
    body: JSON.stringify({ key }),
  });
  const { kvs } = (await response.json()) as { kvs?: Array<{ value: string }> };
  expect(kvs).toHaveLength(1);
  const stored = Buffer.from(kvs![0].value, "base64");
  expect(stored.subarray(0, 26).toString()).toBe("k8s:enc:secretbox:v1:key1:");
  expect(stored.includes(Buffer.from(plain))).toBe(false);
  // The API server still serves it decrypted to those allowed to read it.
  const served = kubectl(["get", "secret", "at-rest", "-n", NS, "-o", "jsonpath={.data.value}"]);
  expect(Buffer.from(served.out, "base64").toString()).toBe(plain);
});

test("serves the S3 state bucket to the generated credentials only", async () => {
  const endpoint = `http://127.0.0.1:${process.env.BELUGA_S3_PORT ?? 18333}`;
  expect((await fetch(`${endpoint}/healthz`)).status).toBe(200);
  // Anonymous requests are refused: state is not world-readable on the machine.
  expect((await fetch(`${endpoint}/beluga-state?list-type=2`)).status).toBe(403);
  const pulumi = sh("pulumi", ["stack", "ls", "--all", "--json"]);
  expect({ code: pulumi.code, out: pulumi.code === 0 ? "" : pulumi.out }).toEqual({ code: 0, out: "" });
});

test("down stops every component and leaves no process", () => {
  if (wasUp) return; // someone else's cluster: leave it alone
  const down = cluster("down");
  expect(down.code).toBe(0);
  const left = fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").includes(path.join(REPO, ".beluga", "cluster"));
      } catch {
        return false;
      }
    });
  expect(left).toEqual([]);
  expect(cluster("status").code).toBe(1);
}, 120_000);
