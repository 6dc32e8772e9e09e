/**
 * Local Kubernetes control plane for Beluga: etcd + kube-apiserver + kube-controller-manager +
 * kube-scheduler + kwok (fake nodes, so pods get scheduled, become Running/Ready and rollouts finish).
 *
 *   npm run cluster -- up | down | status
 *
 * Everything binds 127.0.0.1. State, certificates, logs, pid files and the admin kubeconfig live
 * under <repo>/.beluga/ (gitignored). Tools come from platform/local/build-tools.sh (`npm run tools`).
 */
import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command } from 'commander';

const REPO = path.resolve(__dirname, '..', '..');
const STATE = path.join(REPO, '.beluga');
const DIR = path.join(STATE, 'cluster');
const PKI = path.join(DIR, 'pki');
const LOGS = path.join(DIR, 'logs');
const PIDS = path.join(DIR, 'pids');
const KUBECONFIG = path.join(STATE, 'kubeconfig');
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'beluga');
const TOOLS_ROOT = path.join(CACHE, 'tools');

const HOST = '127.0.0.1';
const port = (name: string, dflt: number): number => Number(process.env[name] || dflt);
const PORTS = {
  etcdClient: port('BELUGA_ETCD_PORT', 23790),
  etcdPeer: port('BELUGA_ETCD_PEER_PORT', 23800),
  apiserver: port('BELUGA_APISERVER_PORT', 6443),
  controllerManager: port('BELUGA_KCM_PORT', 10257),
  scheduler: port('BELUGA_SCHEDULER_PORT', 10259),
  kwok: port('BELUGA_KWOK_PORT', 10247),
};
const SERVICE_CIDR = '10.96.0.0/16';
const SERVICE_IP = '10.96.0.1';
const POD_CIDR = '10.244.0.1/16';
const FAKE_NODES = ['kwok-node-0', 'kwok-node-1', 'kwok-node-2'];
const ROUTE_CRD = path.join(__dirname, '..', '..', 'constructs', 'k8s', 'crds', 'route.openshift.io_routes.yaml');

// ------------------------------------------------------------------------------------------ tools
interface ToolSpec { name: string; version: string; displayVersion?: string; binaries: string[]; unavailable?: string }
const toolsJson: { tools: ToolSpec[] } = JSON.parse(fs.readFileSync(path.join(__dirname, 'tools.json'), 'utf8'));
function toolDir(name: string): string {
  const t = toolsJson.tools.find((x) => x.name === name);
  if (!t) throw new Error(`tool ${name} is not in tools.json`);
  return path.join(TOOLS_ROOT, `${t.name}-${t.displayVersion ?? t.version}`);
}
const BIN = {
  etcd: path.join(toolDir('etcd'), 'etcd'),
  apiserver: path.join(toolDir('kubernetes'), 'kube-apiserver'),
  controllerManager: path.join(toolDir('kubernetes'), 'kube-controller-manager'),
  scheduler: path.join(toolDir('kubernetes'), 'kube-scheduler'),
  kubectl: path.join(toolDir('kubernetes'), 'kubectl'),
  kwok: path.join(toolDir('kwok'), 'kwok'),
};
const KWOK_STAGES = path.join(toolDir('kwok'), 'stages');

function requireTools(): void {
  const missing = Object.values(BIN).filter((b) => !isExecutable(b));
  if (!fs.existsSync(path.join(KWOK_STAGES, 'pod-ready.yaml'))) missing.push(KWOK_STAGES + '/*.yaml');
  if (missing.length) {
    fail(`missing tools:\n  ${missing.join('\n  ')}\nrun: npm run tools   (builds them into ${TOOLS_ROOT})`);
  }
  if (!commandExists('openssl')) fail('openssl is not installed: run npm run setup (apt-get install openssl)');
}

// ---------------------------------------------------------------------------------------- helpers
function log(msg: string): void { process.stdout.write(`[cluster] ${msg}\n`); }
function fail(msg: string): never { process.stderr.write(`[cluster] ERROR: ${msg}\n`); process.exit(1); }
function isExecutable(p: string): boolean { try { fs.accessSync(p, fs.constants.X_OK); return true; } catch { return false; } }
function commandExists(cmd: string): boolean { return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0; }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], opts: { input?: string; allowFail?: boolean } = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input: opts.input, env: { ...process.env, KUBECONFIG } });
  if (r.status !== 0 && !opts.allowFail) {
    fail(`${path.basename(cmd)} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
  return r;
}
const kubectl = (args: string[], opts: { input?: string; allowFail?: boolean } = {}) =>
  run(BIN.kubectl, ['--kubeconfig', KUBECONFIG, ...args], opts);

// ------------------------------------------------------------------------------------------- PKI
function openssl(args: string[]): void { run('openssl', args); }

function ensurePki(): void {
  fs.mkdirSync(PKI, { recursive: true, mode: 0o700 });
  const f = (n: string) => path.join(PKI, n);
  if (!fs.existsSync(f('ca.crt'))) {
    log('generating certificates (openssl) in .beluga/cluster/pki');
    openssl(['genrsa', '-out', f('ca.key'), '2048']);
    openssl(['req', '-x509', '-new', '-nodes', '-key', f('ca.key'), '-sha256', '-days', '3650',
      '-subj', '/CN=beluga-local-ca', '-out', f('ca.crt')]);
  }
  const leaf = (name: string, subj: string, ext: string) => {
    if (fs.existsSync(f(`${name}.crt`))) return;
    openssl(['genrsa', '-out', f(`${name}.key`), '2048']);
    openssl(['req', '-new', '-key', f(`${name}.key`), '-subj', subj, '-out', f(`${name}.csr`)]);
    fs.writeFileSync(f(`${name}.ext`), ext);
    openssl(['x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial',
      '-days', '3650', '-sha256', '-extfile', f(`${name}.ext`), '-out', f(`${name}.crt`)]);
    fs.rmSync(f(`${name}.csr`)); fs.rmSync(f(`${name}.ext`));
  };
  const client = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';
  leaf('apiserver', '/CN=kube-apiserver',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' +
    `subjectAltName=IP:${HOST},IP:${SERVICE_IP},DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,` +
    'DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local\n');
  leaf('admin', '/O=system:masters/CN=beluga-admin', client);
  leaf('controller-manager', '/CN=system:kube-controller-manager', client);
  leaf('scheduler', '/CN=system:kube-scheduler', client);
  leaf('kwok', '/O=system:masters/CN=kwok-controller', client);
  if (!fs.existsSync(f('sa.key'))) {
    openssl(['genrsa', '-out', f('sa.key'), '2048']);
    openssl(['rsa', '-in', f('sa.key'), '-pubout', '-out', f('sa.pub')]);
  }
}

function writeKubeconfig(file: string, user: string, certName: string): void {
  const b64 = (n: string) => fs.readFileSync(path.join(PKI, n)).toString('base64');
  fs.writeFileSync(file, [
    'apiVersion: v1', 'kind: Config',
    'clusters:', '- name: beluga-local', '  cluster:', `    server: https://${HOST}:${PORTS.apiserver}`,
    `    certificate-authority-data: ${b64('ca.crt')}`,
    'users:', `- name: ${user}`, '  user:',
    `    client-certificate-data: ${b64(`${certName}.crt`)}`, `    client-key-data: ${b64(`${certName}.key`)}`,
    'contexts:', '- name: beluga-local', '  context:', '    cluster: beluga-local', `    user: ${user}`,
    'current-context: beluga-local', '',
  ].join('\n'), { mode: 0o600 });
}

// ------------------------------------------------------------------------------------ components
interface Component {
  name: string;
  bin: string;
  args: () => string[];
  /** resolves true when healthy */
  health: () => Promise<boolean>;
}

function httpGet(url: string, tlsClient = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const opts: https.RequestOptions = { hostname: u.hostname, port: u.port, path: u.pathname + u.search, timeout: 3000 };
    let mod: typeof http | typeof https = http;
    if (u.protocol === 'https:') {
      mod = https;
      Object.assign(opts, tlsClient
        ? { ca: fs.readFileSync(path.join(PKI, 'ca.crt')), cert: fs.readFileSync(path.join(PKI, 'admin.crt')),
            key: fs.readFileSync(path.join(PKI, 'admin.key')) }
        : { rejectUnauthorized: false }); // controller-manager/scheduler serve self-signed certs on loopback
    }
    const req = mod.get(opts, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
const healthy = (url: string, tlsClient = false) => async () => {
  try { return (await httpGet(url, tlsClient)).status === 200; } catch { return false; }
};

const pki = (n: string) => path.join(PKI, n);
const COMPONENTS: Component[] = [
  {
    name: 'etcd',
    bin: BIN.etcd,
    args: () => [
      '--name=beluga', `--data-dir=${path.join(DIR, 'etcd-data')}`,
      `--listen-client-urls=http://${HOST}:${PORTS.etcdClient}`, `--advertise-client-urls=http://${HOST}:${PORTS.etcdClient}`,
      `--listen-peer-urls=http://${HOST}:${PORTS.etcdPeer}`, `--initial-advertise-peer-urls=http://${HOST}:${PORTS.etcdPeer}`,
      `--initial-cluster=beluga=http://${HOST}:${PORTS.etcdPeer}`,
      '--listen-metrics-urls=', '--quota-backend-bytes=4294967296', '--unsafe-no-fsync=true', '--log-level=warn',
    ],
    health: healthy(`http://${HOST}:${PORTS.etcdClient}/health`),
  },
  {
    name: 'kube-apiserver',
    bin: BIN.apiserver,
    args: () => [
      `--etcd-servers=http://${HOST}:${PORTS.etcdClient}`,
      `--bind-address=${HOST}`, `--advertise-address=${HOST}`, `--secure-port=${PORTS.apiserver}`,
      `--tls-cert-file=${pki('apiserver.crt')}`, `--tls-private-key-file=${pki('apiserver.key')}`,
      `--client-ca-file=${pki('ca.crt')}`,
      `--service-account-key-file=${pki('sa.pub')}`, `--service-account-signing-key-file=${pki('sa.key')}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--authorization-mode=Node,RBAC',
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--allow-privileged=true',
      '--enable-admission-plugins=NodeRestriction',
      '--profiling=false',
      '--v=1',
    ],
    health: healthy(`https://${HOST}:${PORTS.apiserver}/readyz`, true),
  },
  {
    name: 'kube-controller-manager',
    bin: BIN.controllerManager,
    args: () => {
      const kc = path.join(DIR, 'controller-manager.kubeconfig');
      return [
        `--kubeconfig=${kc}`, `--authentication-kubeconfig=${kc}`, `--authorization-kubeconfig=${kc}`,
        `--bind-address=${HOST}`, `--secure-port=${PORTS.controllerManager}`,
        '--leader-elect=false', '--use-service-account-credentials=true',
        `--service-account-private-key-file=${pki('sa.key')}`, `--root-ca-file=${pki('ca.crt')}`,
        `--cluster-signing-cert-file=${pki('ca.crt')}`, `--cluster-signing-key-file=${pki('ca.key')}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`, '--allocate-node-cidrs=false',
        // everything except the controllers that need a cloud provider
        '--controllers=*,-service-lb-controller,-node-route-controller,-cloud-node-lifecycle-controller',
        '--horizontal-pod-autoscaler-sync-period=15s',
        '--v=1',
      ];
    },
    health: healthy(`https://${HOST}:${PORTS.controllerManager}/healthz`),
  },
  {
    name: 'kube-scheduler',
    bin: BIN.scheduler,
    args: () => {
      const kc = path.join(DIR, 'scheduler.kubeconfig');
      return [
        `--kubeconfig=${kc}`, `--authentication-kubeconfig=${kc}`, `--authorization-kubeconfig=${kc}`,
        `--bind-address=${HOST}`, `--secure-port=${PORTS.scheduler}`, '--leader-elect=false', '--v=1',
      ];
    },
    health: healthy(`https://${HOST}:${PORTS.scheduler}/healthz`),
  },
  {
    name: 'kwok',
    bin: BIN.kwok,
    args: () => [
      `--kubeconfig=${path.join(DIR, 'kwok.kubeconfig')}`,
      `--config=${path.join(DIR, 'kwok.yaml')}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      `--cidr=${POD_CIDR}`, `--node-ip=${HOST}`,
      '--node-lease-duration-seconds=40',
      `--server-address=${HOST}:${PORTS.kwok}`,
    ],
    health: healthy(`http://${HOST}:${PORTS.kwok}/healthz`),
  },
];

// ------------------------------------------------------------------------------- process control
const pidFile = (name: string) => path.join(PIDS, `${name}.pid`);
function readPid(name: string): number | undefined {
  try { const n = Number(fs.readFileSync(pidFile(name), 'utf8').trim()); return n > 0 ? n : undefined; } catch { return undefined; }
}
function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try { process.kill(pid, 0); } catch { return false; }
  // a zombie or a recycled pid that is not ours does not count
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return false;
  } catch { /* non-Linux: trust kill(0) */ }
  return true;
}
/** pid is alive and still runs the binary we started (guards against pid reuse). */
function ours(c: Component, pid: number | undefined): boolean {
  if (!alive(pid)) return false;
  try { return fs.readlinkSync(`/proc/${pid}/exe`).startsWith(path.dirname(c.bin)); } catch { return true; }
}

function start(c: Component): number {
  const out = fs.openSync(path.join(LOGS, `${c.name}.log`), 'a');
  const child = spawn(c.bin, c.args(), { detached: true, stdio: ['ignore', out, out], cwd: DIR });
  fs.closeSync(out);
  if (!child.pid) fail(`could not start ${c.name}`);
  child.unref();
  fs.writeFileSync(pidFile(c.name), `${child.pid}\n`);
  return child.pid;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, c?: Component): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return;
    if (c && !ours(c, readPid(c.name))) {
      fail(`${c.name} exited during startup; see ${path.join(LOGS, `${c.name}.log`)}:\n${tail(path.join(LOGS, `${c.name}.log`), 15)}`);
    }
    await sleep(500);
  }
  fail(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}` +
    (c ? `; see ${path.join(LOGS, `${c.name}.log`)}:\n${tail(path.join(LOGS, `${c.name}.log`), 15)}` : ''));
}
function tail(file: string, n: number): string {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n'); } catch { return ''; }
}

async function stopPid(name: string, pid: number): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try { process.kill(-pid, sig); } catch { /* group gone */ }
    try { process.kill(pid, sig); } catch { /* gone */ }
  };
  signal('SIGTERM');
  const t0 = Date.now();
  while (alive(pid) && Date.now() - t0 < 15000) await sleep(200);
  if (alive(pid)) { log(`${name} (pid ${pid}) ignored SIGTERM; sending SIGKILL`); signal('SIGKILL'); }
  while (alive(pid) && Date.now() - t0 < 20000) await sleep(100);
  if (alive(pid)) fail(`${name} (pid ${pid}) is still running`);
}

// ----------------------------------------------------------------------------------- resources
/** Simulated failures (see the file): excluded from kwok's pod-ready stage, handled by their own. */
const NEVER_READY_STAGE = path.join(__dirname, 'kwok', 'pod-never-ready.yaml');
const NEVER_READY_EXCLUSION = [
  "    - key: '.metadata.labels[\"app.kubernetes.io/version\"]'",
  "      operator: 'NotIn'",
  '      values:',
  "      - 'never-ready'",
].join('\n');

function kwokConfig(): string {
  const stages = fs.readdirSync(KWOK_STAGES).filter((f) => f.endsWith('.yaml')).sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(KWOK_STAGES, f), 'utf8').trim();
      return f === 'pod-ready.yaml' ? text.replace('    matchExpressions:\n', `    matchExpressions:\n${NEVER_READY_EXCLUSION}\n`) : text;
    });
  stages.push(fs.readFileSync(NEVER_READY_STAGE, 'utf8').trim());
  // Stages only: without a KwokConfiguration document kwok applies its defaults (parallelism etc.).
  return stages.join('\n---\n') + '\n';
}

/**
 * Fake nodes sized for a fleet run (`npm run fleet`: 50 generated apps ≈ 1,300 pods), not like real
 * nodes: kwok pods cost nothing, and the kubelet default of 110 pods per node made the 20th app of a
 * fleet wait unschedulable until its progress deadline.
 */
function fakeNodes(): string {
  return FAKE_NODES.map((n) => `apiVersion: v1
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
`).join('---\n');
}

// -------------------------------------------------------------------------------------- commands
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
    log(`already up and healthy (kubeconfig: ${KUBECONFIG}); nothing to do`);
    return;
  }
  ensurePki();
  writeKubeconfig(KUBECONFIG, 'beluga-admin', 'admin');
  writeKubeconfig(path.join(DIR, 'controller-manager.kubeconfig'), 'system:kube-controller-manager', 'controller-manager');
  writeKubeconfig(path.join(DIR, 'scheduler.kubeconfig'), 'system:kube-scheduler', 'scheduler');
  writeKubeconfig(path.join(DIR, 'kwok.kubeconfig'), 'kwok-controller', 'kwok');
  fs.writeFileSync(path.join(DIR, 'kwok.yaml'), kwokConfig());

  const t0 = Date.now();
  for (const c of COMPONENTS) {
    const pid = readPid(c.name);
    if (ours(c, pid)) {
      if (await c.health()) { log(`${c.name} already running (pid ${pid})`); continue; }
      log(`${c.name} (pid ${pid}) is running but unhealthy: restarting it`);
      await stopPid(c.name, pid!);
    }
    const newPid = start(c);
    log(`${c.name} started (pid ${newPid}, log .beluga/cluster/logs/${c.name}.log)`);
    await waitFor(`${c.name} to become healthy`, c.health, c.name === 'kube-apiserver' ? 120000 : 60000, c);
    log(`${c.name} healthy`);
  }

  log(`creating ${FAKE_NODES.length} fake nodes (kwok): ${FAKE_NODES.join(', ')}`);
  kubectl(['apply', '-f', '-'], { input: fakeNodes() });
  log('installing CRD routes.route.openshift.io (OpenShift Route)');
  kubectl(['apply', '-f', ROUTE_CRD]);
  kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd/routes.route.openshift.io']);
  kubectl(['wait', '--for=condition=Ready', '--timeout=90s', ...FAKE_NODES.map((n) => `node/${n}`)]);
  log('fake nodes Ready');
  await waitFor('the default ServiceAccount in namespace default', async () =>
    kubectl(['get', 'serviceaccount', 'default', '-n', 'default'], { allowFail: true }).status === 0, 60000);
  log(`up in ${Math.round((Date.now() - t0) / 1000)}s. Use it with: . platform/local/env.sh && kubectl get nodes   (KUBECONFIG=${KUBECONFIG})`);
}

async function down(): Promise<void> {
  if (!fs.existsSync(PIDS)) { log('not running (no .beluga/cluster/pids)'); return; }
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
  if (leftovers.length) fail(`processes still running after down:\n${leftovers.join('\n')}`);
  log(stopped ? `down: stopped ${stopped} component(s); none left running` : 'not running');
}

/** Processes whose command line references this repo's .beluga/cluster dir (our components). */
function leftoverProcesses(): string[] {
  const out: string[] = [];
  for (const p of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(p) || Number(p) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ');
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue;
      if (cmd.includes(DIR) && Object.values(BIN).some((b) => cmd.startsWith(b))) out.push(`  pid ${p}: ${cmd.slice(0, 160)}`);
    } catch { /* raced */ }
  }
  return out;
}

async function status(): Promise<void> {
  const rows = await statusRows();
  for (const r of rows) {
    const state = r.healthy ? 'healthy' : r.running ? 'running, NOT healthy' : 'stopped';
    log(`${r.name.padEnd(24)} ${state}${r.running ? ` (pid ${r.pid})` : ''}`);
  }
  const all = rows.every((r) => r.healthy);
  if (all) {
    const nodes = kubectl(['get', 'nodes', '--no-headers'], { allowFail: true }).stdout.trim();
    log(`nodes:\n${nodes.split('\n').map((l) => '    ' + l).join('\n')}`);
    log(`kubeconfig: ${KUBECONFIG}`);
  }
  process.exitCode = all ? 0 : rows.some((r) => r.running) ? 2 : 3;
}

const program = new Command()
  .name('cluster')
  .description('Local Kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler, kwok) on 127.0.0.1');
program.command('up').description('start the cluster (idempotent)').action(up);
program.command('down').description('stop every process the cluster started').action(down);
program.command('status').description("print each component's state").action(status);
program.parseAsync(process.argv).catch((e) => fail(e instanceof Error ? e.message : String(e)));
