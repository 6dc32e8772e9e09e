/**
 * e2e: a `beluga deploy` killed mid-rollout (SIGKILL of its whole process group, as a vanished runner)
 * leaves a lock in the shared S3 backend and an unfinished operation; the next plain `beluga deploy`
 * recovers by itself — stale lock removed, unfinished operations cleared, state refreshed, engine
 * processes the killed run left stopped — and converges, with nothing done by hand.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, openStack, upStack } from "../../platform/deploy";
import { clusterUp, kubectl, requirePlatformEnv, seedStack } from "./platform-harness";

jest.setTimeout(900_000);

const TARGET = { project: "sinistre", env: "dev" } as const;
const NEW_DIGEST = `sha256:${"5e".repeat(32)}`;

/** `beluga deploy` of sinistre in Dev as a pipeline job runs it, in its own process group. */
function deploy(env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; done: Promise<number> } {
  const child = spawn(process.execPath, [join(REPO_ROOT, "platform/cli/bin/beluga.js"), "deploy", "--env", "dev", "--app", "sinistre"], {
    cwd: REPO_ROOT,
    detached: true,
    env: { ...process.env, BELUGA_EXTERNAL_CLUSTER: "1", ...env },
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const done = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? -1)));
  return { child, output: () => out, done };
}

const liveImage = () =>
  kubectl(["get", "deployment", "sinistre-api", "-n", "sinistre-dev", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).out;

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  await upStack({ project: "platform", env: "dev" });
  await upStack(TARGET);
});

// Leave sinistre as declared: a later deploy keeps what Dev runs for the same version (no rollback), so
// the digest this test deployed would otherwise stay for the suites that compare with the declaration.
afterAll(() => seedStack(TARGET));

it("recovers on the next plain deploy after the previous one was killed mid-rollout", async () => {
  const killed = deploy({ BELUGA_DIGEST_API: NEW_DIGEST });
  // Wait until the engine is updating the Deployment (the new template reached the API server).
  const deadline = Date.now() + 300_000;
  while (!liveImage().includes(NEW_DIGEST) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  expect(liveImage()).toContain(NEW_DIGEST);
  process.kill(-killed.child.pid!, "SIGKILL");
  await killed.done;
  expect(killed.output()).not.toMatch(/done in/);

  const again = deploy({ BELUGA_DIGEST_API: NEW_DIGEST });
  const code = await again.done;
  expect({ code, output: code === 0 ? "" : again.output() }).toEqual({ code: 0, output: "" });
  // It said what it did about the killed run's lock, and converged.
  expect(again.output()).toMatch(/sinistre\/dev: removed the lock of \S+@\S+ pid \d+ since .*: process \d+ on this host is gone/);
  expect(again.output()).toMatch(/sinistre\/dev: (cleared \d+ operation\(s\)|no unfinished operation)/);
  expect(again.output()).toMatch(/pulumi up sinistre\/dev \(log .*\) … done in/);
  expect(liveImage()).toContain(NEW_DIGEST);
  const state = await (await openStack(TARGET)).exportStack();
  expect(state.deployment.pending_operations ?? []).toEqual([]);
  // No engine process of the killed run is left behind (plugins run in their own process groups).
  expect(leftoverPlugins()).toEqual([]);
});

/** Provider plugin processes whose parent is gone (re-parented to init) and that served this checkout. */
function leftoverPlugins(): string[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").join(" ");
        const ppid = Number(readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1]);
        return /pulumi-resource-kubernetes|pulumi-analyzer-policy/.test(cmd) && ppid === 1 ? [`${p}: ${cmd.slice(0, 120)}`] : [];
      } catch {
        return [];
      }
    });
}
