/**
 * e2e: a Prod preview or deploy through a kubeconfig whose cluster serves only Dev and Int (its
 * identity ConfigMap `kube-public/beluga-cluster` says so) is refused by the preflight, in seconds,
 * before the engine starts: nothing is read from or written to that cluster's objects, and the Prod
 * stack's history does not grow. The embedded cluster serves every environment; the test narrows its
 * identity for the duration and puts it back.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { openStack } from "../../platform/deploy";
import { REPO_ROOT } from "../../platform/repo-root";
import { clusterIdentity } from "../../platform/local/cluster/identity";
import { clusterUp, kubectl, requirePlatformEnv, seedStack } from "./platform-harness";

jest.setTimeout(300_000);

const beluga = (...args: string[]) => {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(REPO_ROOT, "platform/cli/bin/beluga.js"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, BELUGA_EXTERNAL_CLUSTER: "1" },
    timeout: 120_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, seconds: (Date.now() - started) / 1000 };
};

beforeAll(async () => {
  requirePlatformEnv();
  clusterUp();
  // A Prod stack with history, to show the refused runs add none.
  await seedStack({ project: "sinistre", env: "prod" });
  expect(kubectl(["apply", "-f", "-"], clusterIdentity(["dev", "int"])).code).toBe(0);
});

afterAll(() => {
  kubectl(["apply", "-f", "-"], clusterIdentity());
});

it("refuses a Prod preview and deploy on a cluster that serves Dev and Int, before the engine starts", async () => {
  const stack = await openStack({ project: "sinistre", env: "prod" });
  const historyBefore = (await stack.history()).length;
  const said =
    /the cluster of context \S+ \(https:\/\/127\.0\.0\.1:\d+\) serves dev, int \(ConfigMap kube-public\/beluga-cluster\), not Prod; point KUBECONFIG at the Prod cluster \(context beluga-prod; in a pipeline, \$BELUGA_KUBECONFIG_PROD\)/;

  const preview = beluga("preview", "--app", "sinistre", "--env", "prod");
  expect({ code: preview.code, said: said.test(preview.out) }).toEqual({ code: 1, said: true });

  const deploy = beluga("deploy", "--app", "sinistre", "--env", "prod");
  expect({ code: deploy.code, said: said.test(deploy.out) }).toEqual({ code: 1, said: true });
  expect(deploy.out).toContain("pulumi up sinistre/prod … NOT STARTED");
  expect(deploy.out).not.toMatch(/^\s+at /m);
  // The preflight's requests are bounded at 3 s; the rest is the CLI's start.
  expect(deploy.seconds).toBeLessThan(30);

  expect((await stack.history()).length).toBe(historyBefore);
});
