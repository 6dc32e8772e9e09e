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

  describe("given the environment's placement: losing one node", () => {
    const prod = environments.get("prod");
    const apiOf = (objects: any[], placement = prod.placement) =>
      checkZeroDowntime(objects, prodQuota, placement).components.find((c) => c.name === "full-api")!;

    it("is proved to keep the PDB's minimum when Prod's required spread has a node for each pod at the minimum", () => {
      const api = apiOf(rendered("prod"));
      expect(api.verdict).toBe("proved");
      expect(api.evidence).toContain(
        "required spread over 6 nodes puts at most 1 of the 4 pods on one node: losing or draining a node leaves at least 3 (PDB minAvailable 3)",
      );
      expect(api.risks).toEqual([]);
    });

    it("fails when the environment has fewer nodes than the spread needs to keep the PDB's minimum", () => {
      const api = apiOf(rendered("prod"), { spread: "required", nodes: 3 });
      expect(api.verdict).toBe("refuted");
      expect(api.refutations).toEqual([
        "spread over 3 nodes (maxSkew 1), one node may hold 2 of the 4 pods: losing it leaves 2, below the PDB's minAvailable 3; lower scaling.min to 3 or less, or ask the platform team for more nodes",
      ]);
    });

    it("fails when a required spread has a single node to drain to", () => {
      expect(apiOf(rendered("prod"), { spread: "required", nodes: 1 }).refutations).toEqual([
        "a required spread over the environment's 1 node leaves a drain nowhere to put the replacement pods: the drain blocks; relax the spread or add nodes",
      ]);
    });

    it("fails when the spread counts cordoned nodes or old ReplicaSets", () => {
      const objects = rendered("prod");
      const [hostname] = pick(objects, "Deployment", "full-api").spec.template.spec.topologySpreadConstraints;
      delete hostname.nodeTaintsPolicy;
      delete hostname.matchLabelKeys;
      expect(apiOf(objects).refutations).toEqual([
        "the hostname spread counts cordoned nodes (nodeTaintsPolicy is not Honor): during a drain the emptied node holds every other node to one pod more, and replacement pods stay Pending; set nodeTaintsPolicy: Honor",
        "the hostname spread counts old and new ReplicaSets together (no matchLabelKeys: [pod-template-hash]): after a rollout the new pods may be stacked on a few nodes; add it",
      ]);
    });

    it("reports a relaxed spread as a risk naming the reason, not as downtime", () => {
      const decl = fullApp();
      (decl.components.api as any).placement = { spread: "relaxed", reason: "licence bound to two nodes" };
      const api = apiOf(renderApp(resolve(decl, prod, catalog), prod));
      expect(api.verdict).toBe("proved");
      expect(api.risks).toEqual([
        "pods are not required to spread across nodes (relaxed by the component: licence bound to two nodes): one node may hold several of the 4 pods, and losing it may leave fewer than the PDB's minAvailable 3",
      ]);
    });

    it("says nothing of nodes where the environment spreads nothing", () => {
      const dev = environments.get("dev");
      const objects = renderApp(resolve(fullApp(), dev, catalog), dev);
      for (const c of checkZeroDowntime(objects, {}, dev.placement).components)
        expect([...c.evidence, ...c.risks, ...c.refutations].join("\n")).not.toMatch(/spread|nodes/);
    });
  });
});
