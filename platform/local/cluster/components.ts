/** The control-plane processes: binary, arguments and health check of each, in start order. */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import { encryptionConfigFile } from "./encryption";
import { BIN, DIR, HOST, PKI, POD_CIDR, PORTS, SERVICE_CIDR } from "./layout";
import { STORE_PORTS, stateStoreArgs, stateStoreCredentials } from "./state-store";

export interface Component {
  name: string;
  bin: string;
  args: () => string[];
  /** Environment added to the process's. @default - none */
  env?: () => Record<string, string>;
  /** resolves true when healthy */
  health: () => Promise<boolean>;
}

function httpGet(url: string, tlsClient = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const opts: https.RequestOptions = { hostname: u.hostname, port: u.port, path: u.pathname + u.search, timeout: 3000 };
    let mod: typeof http | typeof https = http;
    if (u.protocol === "https:") {
      mod = https;
      Object.assign(
        opts,
        tlsClient
          ? {
              ca: fs.readFileSync(path.join(PKI, "ca.crt")),
              cert: fs.readFileSync(path.join(PKI, "admin.crt")),
              key: fs.readFileSync(path.join(PKI, "admin.key")),
            }
          : { rejectUnauthorized: false },
      ); // controller-manager/scheduler serve self-signed certs on loopback
    }
    const req = mod.get(opts, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
  });
}
const healthy =
  (url: string, tlsClient = false) =>
  async () => {
    try {
      return (await httpGet(url, tlsClient)).status === 200;
    } catch {
      return false;
    }
  };

const pki = (n: string) => path.join(PKI, n);
export const COMPONENTS: Component[] = [
  {
    name: "state-store",
    bin: BIN.weed,
    args: stateStoreArgs,
    env: stateStoreCredentials,
    health: healthy(`http://${HOST}:${STORE_PORTS.s3}/healthz`),
  },
  {
    name: "etcd",
    bin: BIN.etcd,
    args: () => [
      "--name=beluga",
      `--data-dir=${path.join(DIR, "etcd-data")}`,
      `--listen-client-urls=http://${HOST}:${PORTS.etcdClient}`,
      `--advertise-client-urls=http://${HOST}:${PORTS.etcdClient}`,
      `--listen-peer-urls=http://${HOST}:${PORTS.etcdPeer}`,
      `--initial-advertise-peer-urls=http://${HOST}:${PORTS.etcdPeer}`,
      `--initial-cluster=beluga=http://${HOST}:${PORTS.etcdPeer}`,
      "--listen-metrics-urls=",
      "--quota-backend-bytes=4294967296",
      "--unsafe-no-fsync=true",
      "--log-level=warn",
    ],
    health: healthy(`http://${HOST}:${PORTS.etcdClient}/health`),
  },
  {
    name: "kube-apiserver",
    bin: BIN.apiserver,
    args: () => [
      `--etcd-servers=http://${HOST}:${PORTS.etcdClient}`,
      `--bind-address=${HOST}`,
      `--advertise-address=${HOST}`,
      `--secure-port=${PORTS.apiserver}`,
      `--tls-cert-file=${pki("apiserver.crt")}`,
      `--tls-private-key-file=${pki("apiserver.key")}`,
      `--client-ca-file=${pki("ca.crt")}`,
      `--service-account-key-file=${pki("sa.pub")}`,
      `--service-account-signing-key-file=${pki("sa.key")}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      "--authorization-mode=Node,RBAC",
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      "--allow-privileged=true",
      // Secrets (and ConfigMaps) are written to etcd encrypted with a key made on this machine.
      `--encryption-provider-config=${encryptionConfigFile()}`,
      "--enable-admission-plugins=NodeRestriction",
      "--profiling=false",
      "--v=1",
    ],
    health: healthy(`https://${HOST}:${PORTS.apiserver}/readyz`, true),
  },
  {
    name: "kube-controller-manager",
    bin: BIN.controllerManager,
    args: () => {
      const kc = path.join(DIR, "controller-manager.kubeconfig");
      return [
        `--kubeconfig=${kc}`,
        `--authentication-kubeconfig=${kc}`,
        `--authorization-kubeconfig=${kc}`,
        `--bind-address=${HOST}`,
        `--secure-port=${PORTS.controllerManager}`,
        "--leader-elect=false",
        "--use-service-account-credentials=true",
        `--service-account-private-key-file=${pki("sa.key")}`,
        `--root-ca-file=${pki("ca.crt")}`,
        `--cluster-signing-cert-file=${pki("ca.crt")}`,
        `--cluster-signing-key-file=${pki("ca.key")}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        "--allocate-node-cidrs=false",
        // everything except the controllers that need a cloud provider
        "--controllers=*,-service-lb-controller,-node-route-controller,-cloud-node-lifecycle-controller",
        "--horizontal-pod-autoscaler-sync-period=15s",
        "--v=1",
      ];
    },
    health: healthy(`https://${HOST}:${PORTS.controllerManager}/healthz`),
  },
  {
    name: "kube-scheduler",
    bin: BIN.scheduler,
    args: () => {
      const kc = path.join(DIR, "scheduler.kubeconfig");
      return [
        `--kubeconfig=${kc}`,
        `--authentication-kubeconfig=${kc}`,
        `--authorization-kubeconfig=${kc}`,
        `--bind-address=${HOST}`,
        `--secure-port=${PORTS.scheduler}`,
        "--leader-elect=false",
        "--v=1",
      ];
    },
    health: healthy(`https://${HOST}:${PORTS.scheduler}/healthz`),
  },
  {
    name: "kwok",
    bin: BIN.kwok,
    args: () => [
      `--kubeconfig=${path.join(DIR, "kwok.kubeconfig")}`,
      `--config=${path.join(DIR, "kwok.yaml")}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      `--cidr=${POD_CIDR}`,
      `--node-ip=${HOST}`,
      "--node-lease-duration-seconds=40",
      `--server-address=${HOST}:${PORTS.kwok}`,
    ],
    health: healthy(`http://${HOST}:${PORTS.kwok}/healthz`),
  },
];
