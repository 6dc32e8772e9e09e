import { belowMinimum, orphansAndMissing, readySample, stateObjects } from "../../../platform/lab/chaos/chaos-checks";
import { chaosSummary, chaosTable, lostOf, type RoundResult } from "../../../platform/lab/chaos/chaos-report";

describe("chaos checks", () => {
  it("lists the Kubernetes objects of an exported state, not the stack, the providers or the components", () => {
    const objects = stateObjects({
      resources: [
        { type: "pulumi:pulumi:Stack", id: undefined, custom: false },
        { type: "pulumi:providers:kubernetes", id: "abc", custom: true },
        { type: "beluga:app:BelugaApp", custom: false },
        { type: "kubernetes:apps/v1:Deployment", id: "sinistre-dev/sinistre-api", custom: true },
        { type: "kubernetes:core/v1:Service", id: "sinistre-dev/sinistre-api", custom: true },
      ],
    });
    expect(objects).toEqual(["Deployment/sinistre-dev/sinistre-api", "Service/sinistre-dev/sinistre-api"]);
  });

  it("finds objects the cluster holds that the state does not, and the other way round", () => {
    expect(orphansAndMissing(["Deployment/ns/a", "Service/ns/a"], ["Deployment/ns/a", "Deployment/ns/a-old", "ConfigMap/ns/x"])).toEqual({
      orphans: ["ConfigMap/ns/x", "Deployment/ns/a-old"],
      missing: ["Service/ns/a"],
    });
    expect(orphansAndMissing(["Deployment/ns/a"], ["Deployment/ns/a"])).toEqual({ orphans: [], missing: [] });
    // The platform layer's objects in the app's namespace belong to the platform stack.
    expect(
      orphansAndMissing(["Deployment/ns/a"], ["Deployment/ns/a", "NetworkPolicy/ns/default-deny"], ["NetworkPolicy/ns/default-deny"]),
    ).toEqual({
      orphans: [],
      missing: [],
    });
  });

  it("reads ready pods against the HPA minimum, and reports each reading below it", () => {
    const sample = readySample(5000, {
      items: [
        { kind: "Deployment", metadata: { name: "api" }, status: { readyReplicas: 1 } },
        { kind: "Deployment", metadata: { name: "web" }, status: {} },
        { kind: "Deployment", metadata: { name: "no-hpa" }, status: { readyReplicas: 0 } },
        { kind: "HorizontalPodAutoscaler", spec: { scaleTargetRef: { name: "api" }, minReplicas: 2 } },
        { kind: "HorizontalPodAutoscaler", spec: { scaleTargetRef: { name: "web" } } },
      ],
    });
    expect(sample.deployments).toEqual({ api: { ready: 1, minimum: 2 }, web: { ready: 0, minimum: 1 } });
    expect(belowMinimum([sample, { at: 6000, deployments: { api: { ready: 2, minimum: 2 } } }], 2000)).toEqual([
      "api ready 1 < min 2 at +3.0s",
      "web ready 0 < min 1 at +3.0s",
    ]);
  });
});

describe("chaos report", () => {
  const clean: RoundResult = {
    round: 1,
    app: "sinistre",
    fault: "kill",
    faultedExit: [-1],
    converged: true,
    recovered: true,
    pendingOperations: 0,
    orphans: [],
    missing: [],
    belowMinimum: [],
    seconds: 40,
  };

  it("counts nothing lost for a round that recovered cleanly", () => {
    expect(lostOf(clean)).toEqual([]);
    expect(chaosSummary([clean], 5)).toMatchObject({ rounds: 1, recoveries: 1, lost: 0, faults: { kill: 1, none: 0 } });
  });

  it("counts every loss of a round, and says which round lost what", () => {
    const bad: RoundResult = {
      ...clean,
      round: 2,
      fault: "two-runners",
      converged: false,
      pendingOperations: 1,
      orphans: ["Deployment/ns/x"],
    };
    const summary = chaosSummary([clean, bad], 5);
    expect(summary.lost).toBe(3);
    expect(summary.details).toEqual([
      "round 2 (sinistre, two-runners): the next deploy did not converge",
      "round 2 (sinistre, two-runners): 1 unfinished operation(s) in the state",
      "round 2 (sinistre, two-runners): orphan Deployment/ns/x",
    ]);
    expect(chaosTable([clean, bad], 5)).toMatch(/lost \(must be 0\)\s+3\n {2}✗ round 2/);
  });
});
