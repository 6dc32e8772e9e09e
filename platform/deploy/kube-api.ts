import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:https";
import { request as httpRequest } from "node:http";
import { homedir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";

/** The cluster and credentials a kubeconfig's current context points at, as the preflight needs them. */
export interface KubeTarget {
  readonly kubeconfig: string;
  readonly context: string;
  readonly server: string;
  readonly ca?: Buffer;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly token?: string;
  readonly insecure: boolean;
  /** The user authenticates through an exec or auth-provider plugin: only kubectl can speak for it. */
  readonly needsKubectl: boolean;
}

/** The parts of a kubeconfig the preflight reads (`kubectl config view` field names). */
interface KubeconfigFile {
  readonly "current-context"?: string;
  readonly contexts?: ReadonlyArray<{ name?: string; context?: { cluster?: string; user?: string } }>;
  readonly clusters?: ReadonlyArray<{ name?: string; cluster?: Record<string, unknown> & { server?: string } }>;
  readonly users?: ReadonlyArray<{ name?: string; user?: Record<string, unknown> }>;
}

/** An answer of the API server, or why there was none. */
export type KubeAnswer = { readonly status: number; readonly body: string } | { readonly error: string };

/** The kubeconfig the engine uses: the first file of `$KUBECONFIG`, else `~/.kube/config`. */
export function kubeconfigPath(processEnv: NodeJS.ProcessEnv = process.env): string {
  const first = (processEnv.KUBECONFIG ?? "").split(":").find((p) => p.length > 0);
  return first ?? join(homedir(), ".kube", "config");
}

/**
 * Reads the current context of a kubeconfig: server, CA, client certificate or token.
 * @throws Error naming the file and what is missing, when the file does not describe a cluster.
 */
export function readKubeTarget(kubeconfig: string): KubeTarget {
  const doc = (parse(readFileSync(kubeconfig, "utf8")) ?? {}) as KubeconfigFile;
  const contextName = doc["current-context"];
  if (!contextName) throw new Error(`${kubeconfig} has no current-context; set one with \`kubectl config use-context <name>\``);
  const context = (doc.contexts ?? []).find((c) => c?.name === contextName)?.context;
  if (!context) throw new Error(`${kubeconfig}: current-context ${contextName} is not among its contexts`);
  const cluster = (doc.clusters ?? []).find((c) => c?.name === context.cluster)?.cluster;
  if (!cluster?.server) throw new Error(`${kubeconfig}: context ${contextName} names cluster ${context.cluster}, which has no server`);
  const user = (doc.users ?? []).find((u) => u?.name === context.user)?.user ?? {};
  const bytes = (data: unknown, file: unknown) =>
    typeof data === "string" ? Buffer.from(data, "base64") : typeof file === "string" ? readFileSync(file) : undefined;
  return {
    kubeconfig,
    context: contextName,
    server: String(cluster.server).replace(/\/+$/, ""),
    ca: bytes(cluster["certificate-authority-data"], cluster["certificate-authority"]),
    cert: bytes(user["client-certificate-data"], user["client-certificate"]),
    key: bytes(user["client-key-data"], user["client-key"]),
    token:
      typeof user.token === "string"
        ? user.token
        : typeof user.tokenFile === "string"
          ? readFileSync(user.tokenFile, "utf8").trim()
          : undefined,
    insecure: cluster["insecure-skip-tls-verify"] === true,
    needsKubectl: Boolean(user.exec || user["auth-provider"]),
  };
}

/**
 * `GET <path>` on the API server with the kubeconfig's credentials, giving up after `timeoutMs`
 * (connection and answer together). Never throws: an unreachable server is an answer too.
 */
export function kubeGet(target: KubeTarget, path: string, timeoutMs: number): Promise<KubeAnswer> {
  if (target.needsKubectl) return kubectlGet(target, path, timeoutMs);
  return new Promise((resolve) => {
    const url = new URL(target.server + path);
    const send = url.protocol === "http:" ? httpRequest : request;
    let settled = false;
    const done = (answer: KubeAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(answer);
    };
    const req = send(
      url,
      {
        method: "GET",
        ca: target.ca,
        cert: target.cert,
        key: target.key,
        rejectUnauthorized: !target.insecure,
        headers: target.token ? { Authorization: `Bearer ${target.token}` } : {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => done({ status: res.statusCode ?? 0, body }));
        res.on("error", (e) => done({ error: e.message }));
      },
    );
    const timer = setTimeout(() => done({ error: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => done({ error: e.code ? `${e.code}: ${e.message}` : e.message }));
    req.end();
  });
}

/** The same request through kubectl, for users that authenticate with an exec plugin (oc login, OIDC). */
function kubectlGet(target: KubeTarget, path: string, timeoutMs: number): Promise<KubeAnswer> {
  return new Promise((resolve) => {
    const child = spawn(
      "kubectl",
      ["--kubeconfig", target.kubeconfig, `--request-timeout=${Math.ceil(timeoutMs / 1000)}s`, "get", "--raw", path],
      {
        stdio: ["ignore", "pipe", "pipe"],
        timeout: timeoutMs + 500,
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", (e) => resolve({ error: `kubectl: ${e.message}` }));
    child.on("close", (code) => {
      if (code === 0) return resolve({ status: 200, body: out });
      if (/NotFound|\(NotFound\)|not found/i.test(err)) return resolve({ status: 404, body: err });
      if (/Forbidden/i.test(err)) return resolve({ status: 403, body: err });
      resolve({ error: err.trim().split("\n").pop() || `kubectl exited with ${code}` });
    });
  });
}
