/**
 * `npm run bench:deploy`: the same rolling update (a new image digest for a 2-replica component) done
 * by `pulumi up` (real engine, inline program, await on the rollout) and by
 * `kubectl apply --server-side` + `kubectl rollout status` of the same rendered manifests, side by side
 * in one run on the embedded cluster; medians of several repetitions and the ratio.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { Beluga } from "../../../../constructs/beluga";
import { type AppDeclaration, namespaceOf } from "../../../../constructs/model";
import { BelugaPlatform, deployApp } from "../../../../constructs/pulumi";
import { toYaml } from "../../../../constructs/k8s";
import { instance } from "../../../instance";
import { destroyStack, upStack } from "../../../deploy/stack-runner";

const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
/** The first environment of the promotion chain (Dev): where teams deploy themselves. */
const [env] = instance.environments.list;

function declaration(name: string, version: string): AppDeclaration {
  const digest = `sha256:${Buffer.from(`${name}-${version}`.padEnd(32, "-")).toString("hex").slice(0, 64)}`;
  return {
    name,
    team: "bench",
    criticality: "standard",
    release: { policy: "continuous" },
    components: {
      web: { image: { socle: "nginx-static", artifact: "bench-web", version, digest }, scaling: { min: 2, max: 2 }, routes: [{}] },
    },
  };
}

function workDir(project: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${project}-`));
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\n`);
  return dir;
}

function kubectl(args: string[], input?: string): void {
  execFileSync("kubectl", args, { input, stdio: ["pipe", "ignore", "inherit"] });
}

/** The façade over the two bench apps at one version. */
const bench = (version: string) => new Beluga(instance, [declaration("bench-pulumi", version), declaration("bench-kubectl", version)]);

function kubectlDeploy(version: string): void {
  const objects = bench(version).render("bench-kubectl", env).objects;
  kubectl(["apply", "--server-side", "--field-manager=bench", "-f", "-"], toYaml(objects));
  kubectl(["rollout", "status", "deployment/bench-kubectl-web", "-n", namespaceOf("bench-kubectl", env), "--timeout=300s"]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main() {
  process.env.PULUMI_BACKEND_URL = `file://${mkdtempSync(join(tmpdir(), "bench-state-"))}`;
  const appDir = workDir("bench-pulumi");
  const platformDir = workDir("bench-platform");
  const tenants = [
    { name: "bench-pulumi", team: "bench", criticality: "standard" as const },
    { name: "bench-kubectl", team: "bench", criticality: "standard" as const },
  ];
  const platform = { project: "bench-platform", env: env.name };
  const app = { project: "bench-pulumi", env: env.name };
  const program = (version: string) => async () => {
    const apps = bench(version);
    return { ...deployApp(apps, apps.app("bench-pulumi")) };
  };
  console.log(`deploy benchmark: ${REPETITIONS} rolling updates each, embedded cluster, ${process.platform} ${cpus().length} cores`);
  await upStack(platform, {
    workDir: platformDir,
    program: async () => ({ ns: new BelugaPlatform("bench", { env, tenants }).namespaces }),
  });
  // Warm-up: first creation of both, not measured.
  await upStack(app, { workDir: appDir, program: program("0.0.0") });
  kubectlDeploy("0.0.0");

  const pulumiTimes: number[] = [];
  const kubectlTimes: number[] = [];
  for (let i = 1; i <= REPETITIONS; i++) {
    pulumiTimes.push(await timed(() => upStack(app, { workDir: appDir, program: program(`1.0.${i}`) })));
    kubectlTimes.push(await timed(() => kubectlDeploy(`1.0.${i}`)));
    console.log(
      `  run ${i}: pulumi up ${pulumiTimes[i - 1].toFixed(2)} s, kubectl apply + rollout status ${kubectlTimes[i - 1].toFixed(2)} s`,
    );
  }
  const p = median(pulumiTimes);
  const k = median(kubectlTimes);
  console.log("\n| method | median (s) | min (s) | max (s) |\n| --- | --- | --- | --- |");
  console.log(
    `| pulumi up (inline program, rollout awaited) | ${p.toFixed(2)} | ${Math.min(...pulumiTimes).toFixed(2)} | ${Math.max(...pulumiTimes).toFixed(2)} |`,
  );
  console.log(
    `| kubectl apply --server-side + rollout status | ${k.toFixed(2)} | ${Math.min(...kubectlTimes).toFixed(2)} | ${Math.max(...kubectlTimes).toFixed(2)} |`,
  );
  console.log(`ratio pulumi / kubectl: ${(p / k).toFixed(2)}`);
  console.log(JSON.stringify({ bench: "deploy", repetitions: REPETITIONS, pulumiMedianSeconds: p, kubectlMedianSeconds: k, ratio: p / k }));

  await destroyStack(app, { workDir: appDir, program: program("0.0.0") });
  kubectl(["delete", "namespace", namespaceOf("bench-kubectl", env), "--wait=false"]);
  await destroyStack(platform, {
    workDir: platformDir,
    program: async () => ({ ns: new BelugaPlatform("bench", { env, tenants }).namespaces }),
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
