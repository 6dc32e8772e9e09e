import { spawnSync } from "node:child_process";
import { type StackTarget, programOf, upStack } from "../../platform/deploy";
import { clusterUp as startCluster } from "../../platform/local/cluster/cluster-up";

/** Fails early, with the fix, when the suite is not run through `npm test` / `npm run test:e2e`. */
export function requirePlatformEnv(): void {
  for (const name of ["PULUMI_BACKEND_URL", "KUBECONFIG", "PULUMI_CONFIG_PASSPHRASE"]) {
    if (!process.env[name])
      throw new Error(`${name} is not set: run the e2e suite with npm run test:e2e (it sources platform/local/env.sh)`);
  }
}

/**
 * `pulumi up` of a target's declaration as written (the digests in `app.ts`), promotion NOT checked:
 * how a test seeds an environment (Prod) without running the environments before it. Every other deploy
 * path (`beluga deploy`, `upStack` without a program) plans the release from the stacks and checks it.
 */
export const seedStack = (target: StackTarget) => upStack(target, { program: programOf(target) });

/** `cluster up` (idempotent), its output kept out of the test report. */
export const clusterUp = (): void => startCluster("pipe");

/** kubectl with the embedded cluster's kubeconfig; returns status and output instead of throwing. */
export function kubectl(args: readonly string[], input?: string): { code: number; out: string } {
  const r = spawnSync("kubectl", [...args], { encoding: "utf8", input, timeout: 120_000 });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** kubectl … -o json, parsed. */
export function kubectlJson(args: readonly string[]): any {
  const r = kubectl([...args, "-o", "json"]);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed: ${r.out}`);
  return JSON.parse(r.out);
}

const QUANTITY = /^([0-9.]+)(m|Ki|Mi|Gi|Ti)?$/;
const FACTORS: Record<string, number> = { m: 0.001, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected === "number" && typeof actual === "string") return String(expected) === actual;
  if (typeof expected === "string" && typeof actual === "string") {
    const a = QUANTITY.exec(expected);
    const b = QUANTITY.exec(actual);
    if (a && b) return Math.abs(Number(a[1]) * (FACTORS[a[2]] ?? 1) - Number(b[1]) * (FACTORS[b[2]] ?? 1)) < 1e-9;
  }
  return false;
}

/**
 * Paths where the live object differs from what was rendered: every rendered field must be present
 * with the same value (quantities compared by value: `1000m` = `1`; zero values the API server omits
 * count as present); fields the API server adds are ignored.
 */
export function differences(rendered: unknown, live: unknown, path = ""): string[] {
  // The API server omits zero values (omitempty): a rendered 0, false, "", [] or {} is the default.
  if (live === undefined && isZeroValue(rendered)) return [];
  if (Array.isArray(rendered)) {
    if (!Array.isArray(live)) return [`${path}: expected a list`];
    if (rendered.length !== live.length) return [`${path}: ${rendered.length} items rendered, ${live.length} live`];
    return rendered.flatMap((item, i) => differences(item, live[i], `${path}[${i}]`));
  }
  if (rendered !== null && typeof rendered === "object") {
    if (live === null || typeof live !== "object") return [`${path}: expected an object`];
    return Object.entries(rendered).flatMap(([k, v]) => differences(v, (live as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return sameScalar(rendered, live) ? [] : [`${path}: rendered ${JSON.stringify(rendered)}, live ${JSON.stringify(live)}`];
}

/** Samples a Deployment's ready replicas until stopped: the zero-downtime witness. */
export function watchReady(namespace: string, name: string, everyMs = 300) {
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const r = kubectl(["get", "deployment", name, "-n", namespace, "-o", "jsonpath={.status.readyReplicas}"]);
      if (r.code === 0) samples.push(Number(r.out || "0"));
      await new Promise((res) => setTimeout(res, everyMs));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

function isZeroValue(value: unknown): boolean {
  if (value === 0 || value === false || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return value !== null && typeof value === "object" && Object.keys(value).length === 0;
}
