import { renderApp } from "../../constructs/k8s";
import { checkZeroDowntime, formatContract, quotaOfApp, quotaOfEnvironment } from "../../constructs/policy";
import { resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { fullApp } from "../fixtures/declarations";
import { pick, rendered } from "./policy-harness";

describe("checkZeroDowntime", () => {
  const prodQuota = quotaOfApp(environments.get("prod"), resolve(fullApp(), environments.get("prod"), catalog));

  it("reads the quota the platform layer renders: the app's derived one, or the environment's bound for an app it cannot resolve", () => {
    expect(prodQuota).toEqual({ requestsCpu: 8, requestsMemory: 24 * 2 ** 30, limitsCpu: 32, limitsMemory: 24 * 2 ** 30, pods: 21 });
    expect(quotaOfEnvironment(environments.get("prod"), "full")).toEqual({
      requestsCpu: 160,
      requestsMemory: 80 * 2 ** 30,
      limitsCpu: 160,
      limitsMemory: 80 * 2 ** 30,
      pods: 150,
    });
  });

  it("proves Beluga's components and estimates rollouts from probes, replicas and surge", () => {
    const report = checkZeroDowntime(renderApp(resolve(fullApp(), environments.get("prod"), catalog), environments.get("prod")), prodQuota);
    expect(report.proved).toBe(true);
    const api = report.components.find((c) => c.name === "full-api")!;
    // startup tcp probe 5s period, readiness 3s period, minReadySeconds 5 → 13s a wave; 4 pods, surge 1 → 4 waves; drain 15s.
    expect(api.rollout.atMin).toEqual({
      replicas: 4,
      surge: 1,
      waves: 4,
      typicalSeconds: 4 * 13 + 15,
      worstCaseSeconds: 4 * (5 * 60 + 3 + 5) + 15,
    });
    expect(api.rollout.atMax.replicas).toBe(12);
    expect(api.evidence).toContain("old pods drain 15s (router delay 5s) and then have 30s to finish in-flight requests");
    expect(report.need).toMatchObject({ pods: 19 });
  });

  it("counts what the namespace must hold at minimum scale: each Deployment's HPA minimum × its pod's requests", () => {
    const objects = rendered("prod");
    const report = checkZeroDowntime(objects, prodQuota);
    const min = (d: any) =>
      objects.find((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.name === d.metadata.name)?.spec.minReplicas ??
      d.spec.replicas;
    const cpu = (q: string) => (q.endsWith("m") ? Number(q.slice(0, -1)) / 1000 : Number(q));
    const deployments = objects.filter((o) => o.kind === "Deployment");
    const podCpu = (d: any) => d.spec.template.spec.containers.reduce((n: number, c: any) => n + cpu(c.resources.requests.cpu), 0);
    expect(report.needAtMinimum.pods).toBe(deployments.reduce((n, d) => n + min(d), 0));
    expect(report.needAtMinimum.requestsCpu).toBeCloseTo(
      deployments.reduce((n, d) => n + min(d) * podCpu(d), 0),
      6,
    );
    expect(report.minimumShortfalls).toEqual([]);
    expect(checkZeroDowntime(objects, { ...prodQuota, pods: report.needAtMinimum.pods - 1 }).minimumShortfalls).toEqual([
      `pods ${report.needAtMinimum.pods} exceeds the namespace quota of ${report.needAtMinimum.pods - 1}`,
    ]);
  });

  it("refutes with every reason at once: no readiness, Recreate, replicas under an HPA, a PDB that blocks drains", () => {
    const objects = rendered("prod");
    const api = pick(objects, "Deployment", "full-api");
    delete api.spec.template.spec.containers[0].readinessProbe;
    api.spec.strategy = { type: "Recreate" };
    api.spec.replicas = 4;
    pick(objects, "PodDisruptionBudget", "full-api").spec.minAvailable = 4;
    const contract = checkZeroDowntime(objects, prodQuota).components.find((c) => c.name === "full-api")!;
    expect(contract.verdict).toBe("refuted");
    expect(contract.refutations).toEqual([
      "the Recreate strategy stops every pod before starting new ones",
      "container(s) api have no readiness probe: new pods receive traffic before they are ready",
      "spec.replicas (4) is set although HorizontalPodAutoscaler full-prod/full-api scales it: each deployment resets the count",
      "PodDisruptionBudget full-prod/full-api allows no eviction at 4 pods: node drains block",
    ]);
  });

  it("reports a single pod and a missing PDB as risks, not as rollout downtime", () => {
    const objects = rendered("dev").filter((o) => o.kind !== "PodDisruptionBudget");
    const api = checkZeroDowntime(objects, {}).components.find((c) => c.name === "full-api")!;
    expect(api.verdict).toBe("proved");
    expect(api.risks).toEqual(["only 1 pod at the minimum: a crash or a node drain leaves no ready pod"]);
    const front = checkZeroDowntime(objects, {}).components.find((c) => c.name === "full-front")!;
    expect(front.risks).toEqual(["no PodDisruptionBudget: a node drain may evict every pod at once"]);
  });

  it("refutes the namespace once, not each component, when a worst-case rollout exceeds the quota's pods", () => {
    const report = checkZeroDowntime(rendered("prod"), { ...prodQuota, pods: 18 });
    expect(report.quotaShortfalls).toEqual(["pods 19 exceeds the namespace quota of 18"]);
    expect(report.proved).toBe(false);
    expect(report.quotaRefutation).toBe(
      "with every component at its maximum and rolling at once, pods 19 exceeds the namespace quota of 18: surge pods would stay Pending",
    );
    expect(report.components.map((c) => c.verdict)).toEqual(["proved", "proved"]);
    expect(formatContract(report).filter((line) => line.includes("pods 19 exceeds"))).toEqual([
      "full-prod: zero downtime NOT proved for any component: with every component at its maximum and rolling at once, pods 19 exceeds the namespace quota of 18: surge pods would stay Pending",
    ]);
  });
});
