/** kwok's configuration (the tool's stages plus ours) and the fake nodes it manages. */
import * as fs from "node:fs";
import * as path from "node:path";
import { KWOK_STAGES, NEVER_READY_STAGE } from "./layout";

/**
 * Three fake nodes, one per fake zone: enough for RE7's and Prod's required spread over nodes and
 * zones to be observable (pods of a component land on different nodes), and for a node drain to have
 * somewhere to move pods.
 */
export const FAKE_NODES = ["kwok-node-0", "kwok-node-1", "kwok-node-2"];
/** Zone label (`topology.kubernetes.io/zone`) of each fake node: a required zone spread excludes unlabelled nodes. */
export function fakeZoneOf(node: string): string {
  return `lab-zone-${FAKE_NODES.indexOf(node)}`;
}

/** Simulated failures (see the stage file): excluded from kwok's pod-ready stage, handled by their own. */
const NEVER_READY_EXCLUSION = [
  "    - key: '.metadata.labels[\"app.kubernetes.io/version\"]'",
  "      operator: 'NotIn'",
  "      values:",
  "      - 'never-ready'",
].join("\n");

export function kwokConfig(): string {
  const stages = fs
    .readdirSync(KWOK_STAGES)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(KWOK_STAGES, f), "utf8").trim();
      return f === "pod-ready.yaml" ? text.replace("    matchExpressions:\n", `    matchExpressions:\n${NEVER_READY_EXCLUSION}\n`) : text;
    });
  stages.push(fs.readFileSync(NEVER_READY_STAGE, "utf8").trim());
  // Stages only: without a KwokConfiguration document kwok applies its defaults (parallelism etc.).
  return stages.join("\n---\n") + "\n";
}

/**
 * Fake nodes sized for a fleet run (`npm run fleet`: 50 generated apps ≈ 1,300 pods), not like real
 * nodes: kwok pods cost nothing, and the kubelet default of 110 pods per node made the 20th app of a
 * fleet wait unschedulable until its progress deadline.
 */
export function fakeNodes(): string {
  return FAKE_NODES.map(
    (n) => `apiVersion: v1
kind: Node
metadata:
  name: ${n}
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    beta.kubernetes.io/arch: amd64
    beta.kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    kubernetes.io/hostname: ${n}
    kubernetes.io/os: linux
    kubernetes.io/role: agent
    topology.kubernetes.io/zone: ${fakeZoneOf(n)}
    node-role.kubernetes.io/agent: ""
    type: kwok
status:
  allocatable: {cpu: "256", memory: 2Ti, pods: "1000", ephemeral-storage: 8Ti}
  capacity: {cpu: "256", memory: 2Ti, pods: "1000", ephemeral-storage: 8Ti}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: fake
    kubeProxyVersion: fake
`,
  ).join("---\n");
}
