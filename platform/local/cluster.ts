/**
 * Local Kubernetes control plane for Beluga: etcd + kube-apiserver + kube-controller-manager +
 * kube-scheduler + kwok (fake nodes, so pods get scheduled, become Running/Ready and rollouts finish).
 *
 *   npm run cluster -- up | down | status
 *
 * Everything binds 127.0.0.1. State, certificates, logs, pid files and the admin kubeconfig live
 * under <repo>/.beluga/ (gitignored). Tools come from platform/local/build-tools.sh (`npm run tools`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { COMPONENTS } from "./cluster/components";
import { FAKE_NODES, fakeNodes, kwokConfig } from "./cluster/kwok";
import { clusterIdentity } from "./cluster/identity";
import { BIN, DIR, KUBECONFIG, KWOK_STAGES, LOGS, MONITORING_CRDS, PIDS, ROUTE_CRD, TOOLS_ROOT } from "./cluster/layout";
import { ensurePki, writeKubeconfig } from "./cluster/pki";
import { leftoverProcesses, ours, pidFile, readPid, start, stopPid, waitFor } from "./cluster/processes";
import { commandExists, fail, isExecutable, kubectl, log } from "./cluster/shell";

function requireTools(): void {
  const missing = Object.values(BIN).filter((b) => !isExecutable(b));
  if (!fs.existsSync(path.join(KWOK_STAGES, "pod-ready.yaml"))) missing.push(KWOK_STAGES + "/*.yaml");
  if (missing.length) {
    fail(`missing tools:\n  ${missing.join("\n  ")}\nrun: npm run tools   (builds them into ${TOOLS_ROOT})`);
  }
  if (!commandExists("openssl")) fail("openssl is not installed: run npm run setup (apt-get install openssl)");
}

async function statusRows(): Promise<{ name: string; pid?: number; running: boolean; healthy: boolean }[]> {
  const rows = [];
  for (const c of COMPONENTS) {
    const pid = readPid(c.name);
    const running = ours(c, pid);
    rows.push({ name: c.name, pid, running, healthy: running && (await c.health()) });
  }
  return rows;
}

async function up(): Promise<void> {
  requireTools();
  for (const d of [DIR, LOGS, PIDS]) fs.mkdirSync(d, { recursive: true });
  const before = await statusRows();
  if (before.every((r) => r.healthy) && fs.existsSync(KUBECONFIG)) {
    // A cluster started before the identity existed gets it too (the deploy preflight requires it).
    kubectl(["apply", "-f", "-"], { input: clusterIdentity() });
    log(`already up and healthy (kubeconfig: ${KUBECONFIG}); nothing to do`);
    return;
  }
  ensurePki();
  writeKubeconfig(KUBECONFIG, "beluga-admin", "admin");
  writeKubeconfig(path.join(DIR, "controller-manager.kubeconfig"), "system:kube-controller-manager", "controller-manager");
  writeKubeconfig(path.join(DIR, "scheduler.kubeconfig"), "system:kube-scheduler", "scheduler");
  writeKubeconfig(path.join(DIR, "kwok.kubeconfig"), "kwok-controller", "kwok");
  fs.writeFileSync(path.join(DIR, "kwok.yaml"), kwokConfig());

  const t0 = Date.now();
  for (const c of COMPONENTS) {
    const pid = readPid(c.name);
    if (ours(c, pid)) {
      if (await c.health()) {
        log(`${c.name} already running (pid ${pid})`);
        continue;
      }
      log(`${c.name} (pid ${pid}) is running but unhealthy: restarting it`);
      await stopPid(c.name, pid!);
    }
    const newPid = start(c);
    log(`${c.name} started (pid ${newPid}, log .beluga/cluster/logs/${c.name}.log)`);
    await waitFor(`${c.name} to become healthy`, c.health, c.name === "kube-apiserver" ? 120000 : 60000, c);
    log(`${c.name} healthy`);
  }

  log("writing the cluster identity (ConfigMap kube-public/beluga-cluster: the environments it serves)");
  kubectl(["apply", "-f", "-"], { input: clusterIdentity() });
  log(`creating ${FAKE_NODES.length} fake nodes (kwok): ${FAKE_NODES.join(", ")}`);
  kubectl(["apply", "-f", "-"], { input: fakeNodes() });
  log("installing CRD routes.route.openshift.io (OpenShift Route)");
  kubectl(["apply", "-f", ROUTE_CRD]);
  kubectl(["wait", "--for=condition=Established", "--timeout=60s", "crd/routes.route.openshift.io"]);
  log("installing CRDs servicemonitors, podmonitors, prometheusrules (monitoring.coreos.com, prometheus-operator)");
  // Server-side: the generated CRDs are large, and no last-applied annotation is needed.
  kubectl(["apply", "--server-side", ...MONITORING_CRDS.flatMap((f) => ["-f", f])]);
  kubectl([
    "wait",
    "--for=condition=Established",
    "--timeout=60s",
    ...MONITORING_CRDS.map((f) => `crd/${path.basename(f, ".yaml").split("_")[1]}.monitoring.coreos.com`),
  ]);
  kubectl(["wait", "--for=condition=Ready", "--timeout=90s", ...FAKE_NODES.map((n) => `node/${n}`)]);
  log("fake nodes Ready");
  await waitFor(
    "the default ServiceAccount in namespace default",
    async () => kubectl(["get", "serviceaccount", "default", "-n", "default"], { allowFail: true }).status === 0,
    60000,
  );
  log(
    `up in ${Math.round((Date.now() - t0) / 1000)}s. Use it with: . platform/local/env.sh && kubectl get nodes   (KUBECONFIG=${KUBECONFIG})`,
  );
}

async function down(): Promise<void> {
  if (!fs.existsSync(PIDS)) {
    log("not running (no .beluga/cluster/pids)");
    return;
  }
  let stopped = 0;
  for (const c of [...COMPONENTS].reverse()) {
    const pid = readPid(c.name);
    if (pid && ours(c, pid)) {
      await stopPid(c.name, pid);
      log(`${c.name} stopped (pid ${pid})`);
      stopped++;
    }
    fs.rmSync(pidFile(c.name), { force: true });
  }
  // Verify: nothing started from our tool directories with our state dir is left.
  const leftovers = leftoverProcesses();
  if (leftovers.length) fail(`processes still running after down:\n${leftovers.join("\n")}`);
  log(stopped ? `down: stopped ${stopped} component(s); none left running` : "not running");
}

async function status(): Promise<void> {
  const rows = await statusRows();
  for (const r of rows) {
    const state = r.healthy ? "healthy" : r.running ? "running, NOT healthy" : "stopped";
    log(`${r.name.padEnd(24)} ${state}${r.running ? ` (pid ${r.pid})` : ""}`);
  }
  const all = rows.every((r) => r.healthy);
  if (all) {
    const nodes = kubectl(["get", "nodes", "--no-headers"], { allowFail: true }).stdout.trim();
    log(
      `nodes:\n${nodes
        .split("\n")
        .map((l) => "    " + l)
        .join("\n")}`,
    );
    log(`kubeconfig: ${KUBECONFIG}`);
  }
  // 0 healthy, 1 stopped or unhealthy (the CLI's convention: 2 is kept for usage errors).
  process.exitCode = all ? 0 : 1;
}

/**
 * Stops one running component and starts it again, waiting until it is healthy: the fault the chaos run
 * injects (an API server or kwok restart in the middle of a deploy), and a way to apply a flag change.
 */
async function restart(name: string): Promise<void> {
  const c = COMPONENTS.find((k) => k.name === name);
  if (!c) fail(`restart: no component ${name}; one of ${COMPONENTS.map((k) => k.name).join(", ")}`);
  const pid = readPid(c.name);
  if (!ours(c, pid)) fail(`restart: ${c.name} is not running; start the cluster with \`npm run cluster -- up\``);
  const t0 = Date.now();
  await stopPid(c.name, pid!);
  const newPid = start(c);
  await waitFor(`${c.name} to become healthy`, c.health, c.name === "kube-apiserver" ? 120000 : 60000, c);
  log(`${c.name} restarted (pid ${pid} → ${newPid}) and healthy in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** `beluga cluster <up|down|status|restart>`: the embedded control plane on 127.0.0.1 (lab only). */
export function clusterCommand(): Command {
  const program = new Command("cluster").description(
    "embedded Kubernetes control plane for local work and tests (etcd, kube-apiserver, controller-manager, scheduler, kwok) on 127.0.0.1",
  );
  program.command("up").description("start the cluster (idempotent)").action(up);
  program.command("down").description("stop every process the cluster started").action(down);
  program.command("status").description("print each component's state; exit 0 when healthy, 1 otherwise").action(status);
  program
    .command("restart")
    .description("stop one component and start it again, waiting until it is healthy")
    .argument("<component>", `one of ${COMPONENTS.map((c) => c.name).join(", ")}`)
    .action(restart);
  return program;
}

// Run directly (`ts-node platform/local/cluster.ts up`) by clusterUp() and the test script, without the instance.
if (require.main === module) {
  clusterCommand()
    .name("cluster")
    .parseAsync(process.argv)
    .catch((e) => fail(e instanceof Error ? e.message : String(e)));
}
