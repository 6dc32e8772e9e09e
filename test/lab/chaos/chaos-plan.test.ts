import { FAULTS, chaosPlan, seededRandom } from "../../../platform/lab/chaos/chaos-plan";

const APPS = [
  { name: "sinistre", workloads: ["api"] },
  { name: "souscription", workloads: ["web", "api", "worker"] },
];

describe("chaosPlan", () => {
  it("replays the same plan from the same seed, and another from another seed", () => {
    expect(chaosPlan({ rounds: 12, seed: 7, apps: APPS })).toEqual(chaosPlan({ rounds: 12, seed: 7, apps: APPS }));
    expect(chaosPlan({ rounds: 12, seed: 8, apps: APPS })).not.toEqual(chaosPlan({ rounds: 12, seed: 7, apps: APPS }));
  });

  it("injects every kind of fault in each cycle of as many rounds as there are kinds", () => {
    const plan = chaosPlan({ rounds: FAULTS.length * 3, seed: 42, apps: APPS });
    for (let cycle = 0; cycle < 3; cycle++) {
      const kinds = plan.slice(cycle * FAULTS.length, (cycle + 1) * FAULTS.length).map((r) => r.fault);
      expect(new Set(kinds)).toEqual(new Set(FAULTS));
    }
  });

  it("changes only declared workloads, with well-formed, distinct digests and delays within bounds", () => {
    const plan = chaosPlan({ rounds: 50, seed: 3, apps: APPS, maxDelayMs: 5000 });
    for (const r of plan) {
      expect(APPS.find((a) => a.name === r.app)!.workloads).toContain(r.workload);
      expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(r.delayMs).toBeGreaterThanOrEqual(1000);
      expect(r.delayMs).toBeLessThan(5000);
    }
    expect(new Set(plan.map((r) => r.digest)).size).toBe(50);
    expect(new Set(plan.map((r) => r.app))).toEqual(new Set(["sinistre", "souscription"]));
  });

  it("keeps to the faults asked for", () => {
    expect(new Set(chaosPlan({ rounds: 6, seed: 1, apps: APPS, faults: ["kill"] }).map((r) => r.fault))).toEqual(new Set(["kill"]));
  });

  it("fails when no app has a workload to change", () => {
    expect(() => chaosPlan({ rounds: 1, seed: 1, apps: [{ name: "empty", workloads: [] }] })).toThrow("no app with a workload");
  });
});

it("draws numbers in [0, 1) from a seed", () => {
  const draw = seededRandom(99);
  const values = Array.from({ length: 1000 }, draw);
  expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...values)).toBeLessThan(1);
  expect(new Set(values).size).toBeGreaterThan(990);
});
