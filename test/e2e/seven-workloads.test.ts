/**
 * e2e: a seven-workload critical app (api, web, three workers, two batches, M profile, 2 → 4–6 pods)
 * deploys in Dev, Int, RE7 and Prod on the embedded platform with the quota the platform layer derives
 * for it — no quota edited by hand. Its namespace objects (namespace, derived ResourceQuota, LimitRange,
 * NetworkPolicies, RBAC) are the platform layer's own render for it, applied server-side; the app goes
 * through the real engine and the policy pack, and `up` returns only once every rollout is complete, so
 * the API server's quota admission let every pod of the minimum scale in.
 */
import { Beluga } from "../../constructs/beluga";
import { renderPlatform } from "../../constructs/k8s";
import { namespaceOf } from "../../constructs/model";
import { deployApp } from "../../constructs/pulumi";
import { instance } from "../../platform/company-instance";
import { upStack } from "../../platform/deploy";
import { fleetProjectDir } from "../../platform/lab/fleet/fleet-projects";
import { sevenWorkloadApp } from "../fixtures/declarations";
import { clusterUp, kubectl, kubectlJson, requirePlatformEnv } from "./platform-harness";

jest.setTimeout(1_200_000);

const sept = sevenWorkloadApp();
const seven = new Beluga(instance, [sept]);

beforeAll(() => {
  requirePlatformEnv();
  clusterUp();
});

describe.each(seven.environments.names)("in %s", (env) => {
  it("deploys every component at its minimum within the derived quota", async () => {
    const spec = seven.environment(env);
    const namespace = namespaceOf(sept.name, spec);
    const objects = renderPlatform(spec, seven.tenants(spec)).filter(
      (o) => o.metadata.namespace === namespace || (o.kind === "Namespace" && o.metadata.name === namespace),
    );
    const quota = objects.find((o) => o.kind === "ResourceQuota");
    expect(quota).toBeDefined();
    const applied = kubectl(
      ["apply", "--server-side", "--force-conflicts", "--field-manager=beluga-seven", "-f", "-"],
      objects.map((o) => JSON.stringify(o)).join("\n"),
    );
    expect({ code: applied.code, out: applied.code === 0 ? "" : applied.out }).toEqual({ code: 0, out: "" });

    const result = await upStack(
      { project: "sept", env },
      { program: async () => ({ ...deployApp(seven, sept) }), workDir: fleetProjectDir("sept"), refresh: false },
    );
    expect(result.outputs.namespace).toBe(namespace);
    // A new Deployment starts with one pod until its HPA (15 s sync) raises it to the minimum: wait for it.
    const belowMinimum = () =>
      kubectlJson(["get", "deployments", "-n", namespace])
        .items.filter((d: any) => (d.status.readyReplicas ?? 0) < 2)
        .map((d: any) => d.metadata.name);
    const deadline = Date.now() + 120_000;
    while (belowMinimum().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
    expect({ namespace, belowMinimum: belowMinimum() }).toEqual({ namespace, belowMinimum: [] });
    const deployments = kubectlJson(["get", "deployments", "-n", namespace]).items;
    expect(deployments.map((d: any) => d.metadata.name).sort()).toEqual(
      ["api", "web", "worker-a", "worker-b", "worker-c"].map((c) => `sept-${c}`),
    );
    // The quota the cluster enforces is the derived one, and it holds what runs.
    const live = kubectlJson(["get", "resourcequota", quota!.metadata.name, "-n", namespace]);
    expect(live.spec.hard).toEqual(expect.objectContaining({ pods: String((quota as any).spec.hard.pods) }));
  });
});
