/**
 * e2e: the chaos run's short variant (`npm run chaos` runs the long one): four rounds of sinistre in Dev,
 * each a new api digest deployed through the `beluga deploy` CLI with one fault — SIGKILL of the deploy,
 * an API server restart, a kwok restart, a second runner on the same stack. After each, a plain deploy
 * converges, the state has no unfinished operation, the cluster holds exactly what the state says, and
 * no reading during the round saw fewer ready pods than the HPA minimum. The run deploys sinistre back
 * to its declared digests at the end.
 */
import { upStack } from "../../platform/deploy";
import { chaosApps, runChaos } from "../../platform/lab/chaos/chaos-run";
import { chaosPlan } from "../../platform/lab/chaos/chaos-plan";
import { chaosSummary } from "../../platform/lab/chaos/chaos-report";
import { clusterUp, kubectl, requirePlatformEnv } from "./platform-harness";

jest.setTimeout(900_000);

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  await upStack({ project: "platform", env: "dev" });
});

it("loses nothing through a killed deploy, an API server restart, a kwok restart and two runners on one stack", async () => {
  const plan = chaosPlan({
    rounds: 4,
    seed: 2026,
    apps: chaosApps(["sinistre"]),
    faults: ["kill", "apiserver-restart", "kwok-restart", "two-runners"],
  });
  const results = await runChaos(plan);
  const summary = chaosSummary(results, 2026);
  expect(summary.details).toEqual([]);
  expect(summary).toMatchObject({ rounds: 4, lost: 0, faults: { kill: 1, "apiserver-restart": 1, "kwok-restart": 1, "two-runners": 1 } });
  expect(results.every((r) => r.converged)).toBe(true);
  // The run put sinistre back on its declared digest: no chaos digest is left running.
  const image = kubectl([
    "get",
    "deployment",
    "sinistre-api",
    "-n",
    "sinistre-dev",
    "-o",
    "jsonpath={.spec.template.spec.containers[0].image}",
  ]).out;
  expect(plan.map((r) => r.digest)).not.toContain(image.slice(image.indexOf("@") + 1));
});
