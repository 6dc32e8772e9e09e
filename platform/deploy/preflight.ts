import { CLUSTER_IDENTITY } from "./cluster-identity";
import { existsSync, readFileSync } from "node:fs";
import { type EnvironmentSpec, namespaceOf } from "../../constructs/model";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import { type KubeTarget, kubeGet, kubeconfigPath, readKubeTarget } from "./kube-api";
import { REPO_ROOT, type StackTarget, workDirOf } from "./stack-target";

/** How long the preflight waits for the API server, per request. */
export const PREFLIGHT_TIMEOUT_MS = 3000;

/** One reason a deploy would fail before it starts, with what to do about it. */
export interface PreflightProblem {
  readonly check: "kubeconfig" | "cluster" | "cluster-identity" | "namespace" | "stack-config";
  readonly message: string;
  /** What to do next, as a command where there is one. */
  readonly next: string;
}

/** What the preflight of one stack looks at. */
export interface PreflightInput {
  readonly target: StackTarget;
  /** Environment name as people say it (`Int`), for messages. */
  readonly envDisplayName: string;
  /** The kubeconfig the engine will use. @default kubeconfigPath() */
  readonly kubeconfig?: string;
  /** Namespace the app deploys into, which the platform layer creates. @default - none (the platform layer) */
  readonly namespace?: string;
  /** Stack and project files to parse. @default Pulumi.yaml and Pulumi.<env>.yaml of the target's folder */
  readonly stackFiles?: readonly string[];
  /** Per request. @default PREFLIGHT_TIMEOUT_MS */
  readonly timeoutMs?: number;
  /**
   * The kube context the environment deploys through (`EnvironmentSpec.cluster.context`): when given, the
   * cluster must say it serves the target's environment (`checkClusterServes`). @default - not checked
   */
  readonly clusterContext?: string;
}

/**
 * Checks, before the engine starts (and before the stack is created), what makes a deploy fail late
 * or with the engine's words: the kubeconfig exists, the cluster answers, the app's namespace exists,
 * the stack files parse. Every problem is reported at once; each check takes at most `timeoutMs`.
 * @returns the problems found; empty when the deploy can go.
 */
export async function preflight(input: PreflightInput): Promise<PreflightProblem[]> {
  const timeoutMs = input.timeoutMs ?? PREFLIGHT_TIMEOUT_MS;
  const files = input.stackFiles ?? [
    join(workDirOf(input.target), "Pulumi.yaml"),
    join(workDirOf(input.target), `Pulumi.${input.target.env}.yaml`),
  ];
  const problems: PreflightProblem[] = [...checkStackConfig(files)];
  const kubeconfig = input.kubeconfig ?? kubeconfigPath();
  const found = checkKubeconfig(kubeconfig, input.envDisplayName);
  if ("check" in found) return [found, ...problems];
  // The namespace request goes out with the readiness one: a dead cluster costs one timeout, not two.
  const [cluster, serves, namespace] = await Promise.all([
    checkCluster(found, timeoutMs),
    input.clusterContext !== undefined
      ? checkClusterServes(found, input.target.env, input.envDisplayName, input.clusterContext, timeoutMs)
      : undefined,
    input.namespace ? checkNamespace(found, input.namespace, input.target, input.envDisplayName, timeoutMs) : undefined,
  ]);
  if (cluster) return [cluster, ...problems];
  // On the wrong cluster, whether the namespace exists there says nothing.
  if (serves) return [serves, ...problems];
  return namespace ? [namespace, ...problems] : problems;
}

/**
 * The preflight of one stack of an environment, as deploy, preview and drift run it: the cluster must
 * serve the environment, and an app's namespace (which the platform layer creates) must exist.
 */
export function preflightFor(target: StackTarget, env: EnvironmentSpec): Promise<PreflightProblem[]> {
  return preflight({
    target,
    envDisplayName: env.displayName,
    clusterContext: env.cluster.context,
    namespace: target.project === "platform" ? undefined : namespaceOf(target.project, env),
  });
}

/** The kubeconfig exists and names a cluster; otherwise the problem saying how to get one. */
export function checkKubeconfig(kubeconfig: string, envDisplayName: string): KubeTarget | PreflightProblem {
  const next = `run \`npm run cluster -- up\` (embedded cluster) or set KUBECONFIG to the ${envDisplayName} cluster's kubeconfig (with BELUGA_EXTERNAL_CLUSTER=1)`;
  if (!existsSync(kubeconfig)) return { check: "kubeconfig", message: `KUBECONFIG ${kubeconfig} does not exist`, next };
  try {
    return readKubeTarget(kubeconfig);
  } catch (error) {
    return { check: "kubeconfig", message: `KUBECONFIG ${kubeconfig} is not usable: ${firstLine(error)}`, next };
  }
}

/** The API server answers `/readyz` within the timeout, and accepts the credentials. */
export async function checkCluster(target: KubeTarget, timeoutMs: number = PREFLIGHT_TIMEOUT_MS): Promise<PreflightProblem | undefined> {
  const answer = await kubeGet(target, "/readyz", timeoutMs);
  const where = `the cluster of context ${target.context} (${target.server}, from ${target.kubeconfig})`;
  const next =
    "start the embedded cluster with `npm run cluster -- up` (see `npm run cluster -- status`), or check that KUBECONFIG points at a " +
    "reachable cluster; nothing was deployed";
  if ("error" in answer) return { check: "cluster", message: `${where} did not answer: ${answer.error}`, next };
  if (answer.status === 401)
    return {
      check: "cluster",
      message: `${where} refused the kubeconfig's credentials (401)`,
      next: "log in again (`oc login …`) or renew the kubeconfig",
    };
  // 403: /readyz is not open to this user, but the server answered — good enough to go on.
  if (answer.status !== 200 && answer.status !== 403)
    return {
      check: "cluster",
      message: `${where} is not ready (/readyz answered ${answer.status}: ${answer.body.trim().split("\n").pop()})`,
      next,
    };
  return undefined;
}

/**
 * The cluster the kubeconfig points at serves the target's environment, as its identity ConfigMap
 * (`kube-public/beluga-cluster`, `environments: dev,int`) says: a Prod job given the non-production
 * kubeconfig, or a laptop on the wrong context, is stopped here, before the engine changes anything.
 * The platform team creates that ConfigMap once per cluster (the embedded cluster's `up` does).
 */
export async function checkClusterServes(
  target: KubeTarget,
  envName: string,
  envDisplayName: string,
  expectedContext: string,
  timeoutMs: number = PREFLIGHT_TIMEOUT_MS,
): Promise<PreflightProblem | undefined> {
  const { namespace, name, key } = CLUSTER_IDENTITY;
  const answer = await kubeGet(target, `/api/v1/namespaces/${namespace}/configmaps/${name}`, timeoutMs);
  // Unreachable is the cluster check's to report.
  if ("error" in answer) return undefined;
  const where = `the cluster of context ${target.context} (${target.server})`;
  const elsewhere = `point KUBECONFIG at the ${envDisplayName} cluster (context ${expectedContext}; in a pipeline, $BELUGA_KUBECONFIG_${envName.toUpperCase()}); nothing was deployed`;
  if (answer.status === 404 || answer.status === 403)
    return {
      check: "cluster-identity",
      message: `${where} does not say which environments it serves (ConfigMap ${namespace}/${name} ${answer.status === 404 ? "is missing" : "is not readable"})`,
      next: `${elsewhere}; if it is the ${envDisplayName} cluster, have the platform team create it: kubectl create configmap ${name} -n ${namespace} --from-literal=${key}=${envName}`,
    };
  if (answer.status !== 200) return undefined;
  let served: string[] = [];
  try {
    served = String((JSON.parse(answer.body) as { data?: Record<string, string> }).data?.[key] ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter(Boolean);
  } catch {
    served = [];
  }
  if (served.includes(envName)) return undefined;
  return {
    check: "cluster-identity",
    message: `${where} serves ${served.length > 0 ? served.join(", ") : "no environment"} (ConfigMap ${namespace}/${name}), not ${envDisplayName}`,
    next: elsewhere,
  };
}

/** The app's namespace exists and is not being deleted (the platform layer creates it). */
export async function checkNamespace(
  target: KubeTarget,
  namespace: string,
  stack: StackTarget,
  envDisplayName: string,
  timeoutMs: number = PREFLIGHT_TIMEOUT_MS,
): Promise<PreflightProblem | undefined> {
  const answer = await kubeGet(target, `/api/v1/namespaces/${encodeURIComponent(namespace)}`, timeoutMs);
  const next = `deploy the platform layer for ${envDisplayName} first: npm run deploy -- --env ${stack.env} --platform --app ${stack.project}`;
  // Unreachable is the cluster check's to report; forbidden means we cannot tell, and the engine will.
  if ("error" in answer || answer.status === 403) return undefined;
  if (answer.status === 404) return { check: "namespace", message: `namespace ${namespace} does not exist in ${envDisplayName}`, next };
  if (answer.status === 200 && /"phase"\s*:\s*"Terminating"/.test(answer.body))
    return {
      check: "namespace",
      message: `namespace ${namespace} is being deleted in ${envDisplayName}`,
      next: `wait for it to go, then ${next}`,
    };
  return undefined;
}

/** Every stack file parses as a YAML mapping; otherwise one problem per file, with the line. */
export function checkStackConfig(files: readonly string[]): PreflightProblem[] {
  return files.flatMap((file): PreflightProblem[] => {
    if (!existsSync(file)) return [];
    const shown = relative(REPO_ROOT, file).startsWith("..") ? file : relative(REPO_ROOT, file);
    const doc = parseDocument(readFileSync(file, "utf8"));
    const error = doc.errors[0];
    const next = `fix the YAML in ${shown} (one \`key: value\` per line, two-space indentation, config under \`config:\`)`;
    if (error) {
      const at = error.linePos?.[0];
      const where = at ? ` line ${at.line}, column ${at.col}` : "";
      return [{ check: "stack-config", message: `${shown}${where}: ${error.message.split("\n")[0]}`, next }];
    }
    const root: unknown = doc.toJS();
    if (root !== null && (typeof root !== "object" || Array.isArray(root)))
      return [{ check: "stack-config", message: `${shown}: the document is not a mapping of keys`, next }];
    return [];
  });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}
