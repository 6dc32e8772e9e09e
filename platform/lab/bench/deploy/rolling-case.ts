/**
 * The rolling-update case of `npm run bench:deploy`: the same rolling update (a new image digest for a
 * 2-replica component) done by `pulumi up` (real engine, inline program, await on the rollout) and by
 * `kubectl apply --server-side` + `kubectl rollout status` of the same rendered manifests, interleaved
 * in one run on the embedded cluster, on two bench apps of their own (and a platform stack for their
 * namespaces), removed at the end.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Beluga } from "../../../../constructs/beluga";
import { type AppDeclaration, type EnvironmentSpec, namespaceOf } from "../../../../constructs/model";
import { BelugaPlatform, deployApp } from "../../../../constructs/pulumi";
import { toYaml } from "../../../../constructs/k8s";
import { instance } from "../../../instance";
import { destroyStack, upStack } from "../../../deploy/stack-runner";
import { benchMachine } from "../bench-stats";
import { type RollingLine, rollingLine } from "./deploy-bench-report";

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

async function timed(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Runs `runs` rolling updates each way (after one untimed creation) and removes what it deployed, also on failure. */
export async function rollingCase({ runs, env }: { readonly runs: number; readonly env: EnvironmentSpec }): Promise<RollingLine> {
  // A state backend of its own: the bench's stacks never mix with the repository's.
  const backend = process.env.PULUMI_BACKEND_URL;
  process.env.PULUMI_BACKEND_URL = `file://${mkdtempSync(join(tmpdir(), "bench-state-"))}`;
  const appDir = workDir("bench-pulumi");
  const platformDir = workDir("bench-platform");
  const tenants = [
    { name: "bench-pulumi", team: "bench", criticality: "standard" as const },
    { name: "bench-kubectl", team: "bench", criticality: "standard" as const },
  ];
  const platform = { project: "bench-platform", env: env.name };
  const platformProgram = async () => ({ ns: new BelugaPlatform("bench", { env, tenants }).namespaces });
  const app = { project: "bench-pulumi", env: env.name };
  const program = (version: string) => async () => {
    const apps = bench(version);
    return { ...deployApp(apps, apps.app("bench-pulumi")) };
  };
  const kubectlDeploy = (version: string) => {
    const objects = bench(version).render("bench-kubectl", env).objects;
    kubectl(["apply", "--server-side", "--field-manager=bench", "-f", "-"], toYaml(objects));
    kubectl(["rollout", "status", "deployment/bench-kubectl-web", "-n", namespaceOf("bench-kubectl", env), "--timeout=300s"]);
  };
  process.stderr.write(`rolling: ${runs} rolling updates each way, pulumi up vs kubectl apply --server-side + rollout status\n`);
  try {
    await upStack(platform, { workDir: platformDir, program: platformProgram });
    // Warm-up: first creation of both, not measured.
    await upStack(app, { workDir: appDir, program: program("0.0.0") });
    kubectlDeploy("0.0.0");

    const pulumiTimes: number[] = [];
    const kubectlTimes: number[] = [];
    for (let i = 1; i <= runs; i++) {
      pulumiTimes.push(await timed(() => upStack(app, { workDir: appDir, program: program(`1.0.${i}`) })));
      kubectlTimes.push(await timed(() => kubectlDeploy(`1.0.${i}`)));
      process.stderr.write(
        `  run ${i}/${runs}: pulumi up ${pulumiTimes[i - 1].toFixed(2)} s, kubectl apply + rollout status ${kubectlTimes[i - 1].toFixed(2)} s\n`,
      );
    }
    return rollingLine(pulumiTimes, kubectlTimes, benchMachine());
  } finally {
    const cleanups: [string, () => Promise<unknown> | unknown][] = [
      ["destroy bench-pulumi", () => destroyStack(app, { workDir: appDir, program: program("0.0.0") })],
      [
        "delete bench-kubectl namespace",
        () => kubectl(["delete", "namespace", namespaceOf("bench-kubectl", env), "--ignore-not-found", "--wait=false"]),
      ],
      ["destroy bench-platform", () => destroyStack(platform, { workDir: platformDir, program: platformProgram })],
    ];
    for (const [what, cleanup] of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(
          `rolling: clean-up failed (${what}): ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`,
        );
      }
    }
    if (backend === undefined) delete process.env.PULUMI_BACKEND_URL;
    else process.env.PULUMI_BACKEND_URL = backend;
  }
}
