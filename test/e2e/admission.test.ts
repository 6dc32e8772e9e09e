/**
 * e2e: the platform layer's admission policies (PlatformAdmission) on the embedded API server. RBAC
 * lets an app's deployer write NetworkPolicies in its namespace; the policies must still refuse it the
 * platform's own (`default-deny`) and policies opening what no declaration renders, while the
 * platform's identity (the lab's admin) and the namespace controller keep full control.
 * Renders the platform layer of a throwaway environment (`e2eadm`) so the lab's own platform stacks
 * are untouched. Needs the tools: `npm run tools`.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { renderPlatform, toYaml } from "../../constructs/k8s";
import { environments } from "../../environments";

const REPO = path.resolve(__dirname, "..", "..");
const KUBECONFIG = path.join(REPO, ".beluga", "kubeconfig");
const ENV = { ...environments.get("dev"), name: "e2eadm" };
const APP = `adm${process.pid % 100000}`;
const NS = `${APP}-${ENV.name}`;
const DEPLOYER = `system:serviceaccount:${NS}:deployer`;

function sh(cmd: string, args: string[], input?: string) {
  const r = spawnSync("bash", ["-c", `. platform/local/env.sh && exec "$0" "$@"`, cmd, ...args], {
    cwd: REPO,
    encoding: "utf8",
    input,
    env: { ...process.env },
    timeout: 240_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
const cluster = (verb: string) => sh("node", ["-r", "./platform/cli/bin/ts-cached-loader.js", "platform/local/cluster.ts", verb]);
const kubectl = (args: string[], input?: string) => sh("kubectl", ["--kubeconfig", KUBECONFIG, ...args], input);

/** Retries while the API server has not loaded the policy yet (it compiles bindings asynchronously). */
function untilRefused(run: () => { code: number; out: string }, seconds = 30): { code: number; out: string } {
  let last = run();
  for (let i = 0; i < seconds && last.code === 0; i++) {
    spawnSync("sleep", ["1"]);
    last = run();
  }
  return last;
}

const openPolicy = (name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${NS}}
spec: ${spec}
`;

let wasUp = false;
const objects = renderPlatform(ENV, [{ name: APP, team: "e2e", criticality: "standard" }]);

beforeAll(() => {
  wasUp = cluster("status").code === 0;
  const up = cluster("up");
  if (up.code !== 0) throw new Error(`cluster up failed:\n${up.out}`);
  const applied = kubectl(["apply", "-f", "-"], toYaml(objects));
  if (applied.code !== 0) throw new Error(`applying the platform layer failed:\n${applied.out}`);
}, 300_000);

afterAll(() => {
  // The namespace controller (kube-system) deletes the owned objects: the policy must let it.
  kubectl(["delete", "namespace", NS, "--wait=true", "--timeout=90s", "--ignore-not-found"]);
  for (const o of objects.filter((x) => x.apiVersion === "admissionregistration.k8s.io/v1"))
    kubectl(["delete", o.kind.toLowerCase(), o.metadata.name, "--ignore-not-found"]);
  if (!wasUp) cluster("down");
}, 180_000);

test("refuses the app's deployer deleting the platform's default-deny, naming the rule", () => {
  expect(kubectl(["auth", "can-i", "delete", "networkpolicies", "-n", NS, "--as", DEPLOYER]).out.trim()).toBe("yes");
  const refused = untilRefused(() => kubectl(["delete", "networkpolicy", "default-deny", "-n", NS, "--as", DEPLOYER, "--dry-run=server"]));
  expect(refused.code).not.toBe(0);
  expect(refused.out).toContain(
    `networkpolicies ${NS}/default-deny belongs to the platform layer (label beluga.io/owner=platform); ${DEPLOYER} may not DELETE it`,
  );
}, 120_000);

test("refuses the deployer a NetworkPolicy opening every source to every pod, and admits one the model would render", () => {
  const open = untilRefused(() =>
    kubectl(["apply", "--dry-run=server", "--as", DEPLOYER, "-f", "-"], openPolicy("allow-all", "{podSelector: {}, ingress: [{}]}")),
  );
  expect(open.code).not.toBe(0);
  expect(open.out).toContain("selects every pod of the namespace");
  // The API server reports the first validation a request fails: this one selects every pod.
  const world = kubectl(
    ["apply", "--dry-run=server", "--as", DEPLOYER, "-f", "-"],
    openPolicy("to-world", "{podSelector: {matchLabels: {app: x}}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}"),
  );
  expect(world.code).not.toBe(0);
  expect(world.out).toContain("has a peer selecting every namespace or an ipBlock wider than /8");
  const declared = kubectl(
    ["apply", "--dry-run=server", "--as", DEPLOYER, "-f", "-"],
    openPolicy("api", "{podSelector: {matchLabels: {app: api}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}"),
  );
  expect(declared).toEqual({ code: 0, out: expect.stringContaining("created (server dry run)") });
}, 120_000);

test("lets the platform's identity change what it owns", () => {
  const admin = kubectl(["delete", "networkpolicy", "default-deny", "-n", NS, "--dry-run=server"]);
  expect(admin).toEqual({ code: 0, out: expect.stringMatching(/deleted( from \S+ namespace)? \(server dry run\)/) });
}, 60_000);
