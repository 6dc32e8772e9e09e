/** Where the embedded cluster keeps its state, which ports it binds, and the Go-built tools it runs. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** platform/local */
const LOCAL = path.resolve(__dirname, "..");
export const REPO = path.resolve(LOCAL, "..", "..");
export const STATE = path.join(REPO, ".beluga");
export const DIR = path.join(STATE, "cluster");
export const PKI = path.join(DIR, "pki");
export const LOGS = path.join(DIR, "logs");
export const PIDS = path.join(DIR, "pids");
export const KUBECONFIG = path.join(STATE, "kubeconfig");
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "beluga");
export const TOOLS_ROOT = path.join(CACHE, "tools");

export const HOST = "127.0.0.1";
const port = (name: string, dflt: number): number => Number(process.env[name] || dflt);
export const PORTS = {
  etcdClient: port("BELUGA_ETCD_PORT", 23790),
  etcdPeer: port("BELUGA_ETCD_PEER_PORT", 23800),
  apiserver: port("BELUGA_APISERVER_PORT", 6443),
  controllerManager: port("BELUGA_KCM_PORT", 10257),
  scheduler: port("BELUGA_SCHEDULER_PORT", 10259),
  kwok: port("BELUGA_KWOK_PORT", 10247),
};
export const SERVICE_CIDR = "10.96.0.0/16";
export const SERVICE_IP = "10.96.0.1";
export const POD_CIDR = "10.244.0.1/16";
export const ROUTE_CRD = path.join(REPO, "constructs", "k8s", "crds", "route.openshift.io_routes.yaml");
/** prometheus-operator CRDs Beluga renders objects of (generated: platform/local/generate-monitoring-crds.sh). */
export const MONITORING_CRDS = ["servicemonitors", "podmonitors", "prometheusrules"].map((kind) =>
  path.join(REPO, "constructs", "k8s", "crds", `monitoring.coreos.com_${kind}.yaml`),
);
/** kwok's stage for the simulated never-ready pods (see the file). */
export const NEVER_READY_STAGE = path.join(LOCAL, "kwok", "pod-never-ready.yaml");

interface ToolSpec {
  name: string;
  version: string;
  displayVersion?: string;
  binaries: string[];
  unavailable?: string;
}
const toolsJson: { tools: ToolSpec[] } = JSON.parse(fs.readFileSync(path.join(LOCAL, "tools.json"), "utf8"));
function toolDir(name: string): string {
  const t = toolsJson.tools.find((x) => x.name === name);
  if (!t) throw new Error(`tool ${name} is not in tools.json`);
  return path.join(TOOLS_ROOT, `${t.name}-${t.displayVersion ?? t.version}`);
}
export const BIN = {
  etcd: path.join(toolDir("etcd"), "etcd"),
  apiserver: path.join(toolDir("kubernetes"), "kube-apiserver"),
  controllerManager: path.join(toolDir("kubernetes"), "kube-controller-manager"),
  scheduler: path.join(toolDir("kubernetes"), "kube-scheduler"),
  kubectl: path.join(toolDir("kubernetes"), "kubectl"),
  kwok: path.join(toolDir("kwok"), "kwok"),
  weed: path.join(toolDir("seaweedfs"), "weed"),
};
export const KWOK_STAGES = path.join(toolDir("kwok"), "stages");
