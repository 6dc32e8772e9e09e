/**
 * e2e: rollouts of a fixture app through the real engine on the embedded control plane — zero
 * downtime on a new digest, a failed release that keeps the previous one serving, drift, an `up`
 * killed mid-rollout, and destroy. The fixture's stacks live in a throwaway folder.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { destroyStack, openStack, previewStack, recoverInterruptedStack, upStack } from "../../platform/deploy";
import { fixtureWorkDir, shopDigest, shopPlatformProgram, shopProgram } from "./fixtures/shop";
import { clusterUp, kubectl, kubectlJson, requirePlatformEnv, watchReady } from "./platform-harness";

jest.setTimeout(900_000);
const NS = "e2e-shop-dev";
const APP = { project: "e2e-shop", env: "dev" as const };
const PLATFORM = { project: "e2e-platform", env: "dev" as const };
const appDir = fixtureWorkDir("e2e-shop");
const platformDir = fixtureWorkDir("e2e-platform");
const up = (version: string) => upStack(APP, { workDir: appDir, program: shopProgram(version) });
const image = () => kubectlJson(["get", "deployment", "e2e-shop-web", "-n", NS]).spec.template.spec.containers[0].image as string;
const managedObjects = () =>
  kubectl([
    "get",
    "deployment,service,hpa,pdb,serviceaccount,routes.route.openshift.io,networkpolicy,servicemonitors.monitoring.coreos.com,podmonitors.monitoring.coreos.com,prometheusrules.monitoring.coreos.com",
    "-n",
    NS,
    "-l",
    "app.kubernetes.io/managed-by=beluga,app.kubernetes.io/part-of=e2e-shop",
    "-o",
    "name",
  ])
    .out.trim()
    .split("\n")
    .filter(Boolean)
    .sort();

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  // A state of its own, so a run interrupted earlier leaves neither a lock nor stale resources behind.
  process.env.PULUMI_BACKEND_URL = `file://${mkdtempSync(join(tmpdir(), "e2e-state-"))}`;
  kubectl(["delete", "namespace", NS, "--ignore-not-found", "--wait=true", "--timeout=120s"]);
  await upStack(PLATFORM, { workDir: platformDir, program: shopPlatformProgram() });
  await up("1.0.0");
  // A new Deployment starts with one pod until the HPA raises it to its minimum: wait for that first.
  const deadline = Date.now() + 120_000;
  while ((kubectlJson(["get", "deployment", "e2e-shop-web", "-n", NS]).status.readyReplicas ?? 0) < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 1000));
});

afterAll(async () => {
  await destroyStack(APP, { workDir: appDir, program: shopProgram("1.0.0") }).catch(() => undefined);
  await destroyStack(PLATFORM, { workDir: platformDir, program: shopPlatformProgram() }).catch(() => undefined);
});

it("rolls out a new digest without ever dropping below the minimum, and returns when the rollout is complete", async () => {
  const watcher = watchReady(NS, "e2e-shop-web");
  await up("1.1.0");
  const samples = await watcher.stop();
  expect(samples.length).toBeGreaterThan(3);
  expect(Math.min(...samples)).toBeGreaterThanOrEqual(2);
  const d = kubectlJson(["get", "deployment", "e2e-shop-web", "-n", NS]);
  expect(d.spec.template.spec.containers[0].image).toContain(`:1.1.0@${shopDigest("1.1.0")}`);
  expect(d.status).toMatchObject({ updatedReplicas: d.status.replicas, readyReplicas: d.status.replicas });
});

it("fails a release whose pods never become ready within the progress deadline, keeps the previous one serving, and heals on redeploy", async () => {
  const watcher = watchReady(NS, "e2e-shop-web");
  const failure = await up("never-ready").then(
    () => undefined,
    (e: Error) => e.message,
  );
  const samples = await watcher.stop();
  expect(failure).toMatch(/e2e-shop-web/);
  expect(failure).toMatch(/ProgressDeadlineExceeded|progress deadline|failed to become available|timed out/i);
  expect(Math.min(...samples)).toBeGreaterThanOrEqual(2);
  await up("1.1.0");
  expect(image()).toContain(":1.1.0@");
  expect(kubectlJson(["get", "deployment", "e2e-shop-web", "-n", NS]).status.readyReplicas).toBeGreaterThanOrEqual(2);
});

it("reports a manual kubectl change as drift on preview --refresh and undoes it on up", async () => {
  expect(kubectl(["patch", "hpa", "e2e-shop-web", "-n", NS, "--type=merge", "-p", '{"spec":{"minReplicas":3}}']).code).toBe(0);
  const preview = await previewStack(APP, { workDir: appDir, program: shopProgram("1.1.0"), refresh: true });
  expect(preview.changeSummary.update ?? 0).toBeGreaterThanOrEqual(1);
  expect(preview.stdout).toMatch(/HorizontalPodAutoscaler/);
  await upStack(APP, { workDir: appDir, program: shopProgram("1.1.0") });
  expect(kubectlJson(["get", "hpa", "e2e-shop-web", "-n", NS]).spec.minReplicas).toBe(2);
});

it("recovers from an up killed mid-rollout: no pending operation, no orphan, the next up converges", async () => {
  const before = managedObjects();
  const out = openSync(join(appDir, "interrupted-up.out"), "w");
  const child = spawn(
    process.execPath,
    [
      "-r",
      join(__dirname, "../../platform/cli/bin/ts-cached-loader.js"),
      join(__dirname, "fixtures/interrupted-up.ts"),
      appDir,
      "never-ready",
    ],
    { detached: true, stdio: ["ignore", out, out], env: process.env },
  );
  const deadline = Date.now() + 180_000;
  while (!image().includes(":never-ready@") && Date.now() < deadline && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 500));
  expect({
    image: image(),
    runner: child.exitCode === null ? "running" : readFileSync(join(appDir, "interrupted-up.out"), "utf8"),
  }).toEqual({ image: expect.stringContaining(":never-ready@"), runner: "running" });
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((r) => setTimeout(r, 1000));

  await recoverInterruptedStack(APP, { workDir: appDir, program: shopProgram("1.1.0") });
  const state = await (await openStack(APP, { workDir: appDir, program: shopProgram("1.1.0") })).exportStack();
  expect(state.deployment.pending_operations ?? []).toEqual([]);

  await up("1.1.0");
  expect(image()).toContain(":1.1.0@");
  expect(managedObjects()).toEqual(before);
  const inState = state.deployment.resources.filter(
    (r: any) => r.type.startsWith("kubernetes:") && r.outputs?.metadata?.namespace === NS,
  ).length;
  expect(inState).toBe(before.length);
});

it("destroys everything it created", async () => {
  await destroyStack(APP, { workDir: appDir, program: shopProgram("1.1.0") });
  expect(managedObjects()).toEqual([]);
  await destroyStack(PLATFORM, { workDir: platformDir, program: shopPlatformProgram() });
  const ns = kubectl(["get", "namespace", NS, "-o", "jsonpath={.status.phase}"]);
  expect(ns.code !== 0 || ns.out === "Terminating").toBe(true);
});
