/**
 * The kubectl side of `npm run bench:fleet`: each app's rendered objects applied with
 * `kubectl apply --server-side`, then `kubectl rollout status` of each of its Deployments (what the
 * Pulumi provider awaits), `parallel` apps at a time.
 */
import { execFile } from "node:child_process";
import type { K8sObject } from "../../../../constructs/k8s";
import { runPool } from "./worker-pool";

/** One app as kubectl deploys it: its rendered objects in a multi-document YAML file. */
export interface KubectlApp {
  readonly name: string;
  readonly namespace: string;
  readonly file: string;
  /** `deployment/<name>` of every Deployment in the file. */
  readonly rollouts: readonly string[];
}

/** Field manager of the bench's applies: its own, so nothing it writes is mistaken for the deploy's. */
export const KUBECTL_FIELD_MANAGER = "beluga-bench-fleet";

/** The kubectl resources whose rollout is awaited: every Deployment, as `deployment/<name>`. */
export function rolloutTargets(objects: readonly K8sObject[]): string[] {
  return objects.filter((o) => o.apiVersion === "apps/v1" && o.kind === "Deployment").map((o) => `deployment/${o.metadata.name}`);
}

/** kubectl with its output kept; rejects with the command and its stderr when it fails. */
export function kubectl(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("kubectl", [...args], { maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error)
        reject(
          new Error(`kubectl ${args.slice(0, 2).join(" ")} … failed: ${(stderr || error.message).trim().split("\n").slice(-5).join("\n")}`),
        );
      else resolve(stdout);
    });
  });
}

/** Applies one app and waits for every rollout of it (in parallel, as the engine awaits them). */
export async function kubectlDeployApp(app: KubectlApp): Promise<void> {
  await kubectl(["apply", "--server-side", `--field-manager=${KUBECTL_FIELD_MANAGER}`, "-f", app.file]);
  await Promise.all(app.rollouts.map((r) => kubectl(["rollout", "status", r, "-n", app.namespace, "--timeout=300s"])));
}

/** Deletes what `kubectlDeployApp` applied (not waiting: the namespace's removal finishes the job). */
export async function kubectlDeleteApp(app: KubectlApp): Promise<void> {
  await kubectl(["delete", "--ignore-not-found", "--wait=false", "-f", app.file]);
}

/** What the kubectl side did: per app, whether it succeeded and when it completed. */
export interface KubectlFleetReport {
  readonly seconds: number;
  readonly results: readonly { readonly app: string; readonly ok: boolean; readonly completedAt: number; readonly error?: string }[];
}

/** Deploys every app with kubectl, `parallel` at a time, timing each completion from the start. */
export async function kubectlFleet(
  apps: readonly KubectlApp[],
  parallel: number,
  onResult?: (result: { app: string; ok: boolean; error?: string }, done: number) => void,
): Promise<KubectlFleetReport> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const results: KubectlFleetReport["results"][number][] = [];
  await runPool(apps, parallel, kubectlDeployApp, (r, done) => {
    const result = { app: r.item.name, ok: r.ok, completedAt: elapsed(), ...(r.ok ? {} : { error: r.error }) };
    results.push(result);
    onResult?.(result, done);
  });
  return { seconds: elapsed(), results };
}

/**
 * Waits until none of the namespaces holds a pod: a destroyed app's pods still count against the
 * namespace quota while they terminate, and would slow the next side's rollouts.
 * @throws Error naming the namespaces still holding pods after `timeoutSeconds`
 */
export async function waitForNoPods(namespaces: readonly string[], timeoutSeconds = 180): Promise<void> {
  const wanted = new Set(namespaces);
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const out = await kubectl(["get", "pods", "--all-namespaces", "--no-headers", "-o", "custom-columns=NS:.metadata.namespace"]);
    const left = [
      ...new Set(
        out
          .split("\n")
          .map((ns) => ns.trim())
          .filter((ns) => wanted.has(ns)),
      ),
    ];
    if (left.length === 0) return;
    if (Date.now() > deadline) throw new Error(`pods still terminating after ${timeoutSeconds} s in ${left.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
