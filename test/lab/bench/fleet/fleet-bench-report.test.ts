import {
  FLEET_GOAL,
  appsPerMinute,
  batchThroughput,
  defaultBatchSize,
  fleetLine,
} from "../../../../platform/lab/bench/fleet/fleet-bench-report";

const machine = { cpus: 2, model: "AMD EPYC" };

describe("appsPerMinute", () => {
  it("converts apps over seconds to apps per minute, 0 when nothing completed", () => {
    expect(appsPerMinute(10, 120)).toBe(5);
    expect(appsPerMinute(0, 0)).toBe(0);
  });
});

describe("batchThroughput", () => {
  it("cuts sorted completions into batches, each measured from the previous batch's last completion", () => {
    // Given five completions out of order, batches of two
    const batches = batchThroughput([30, 10, 20, 70, 50], 2);
    // Then 2 apps in 0–20 s, 2 in 20–50 s, and the smaller last batch 1 in 50–70 s
    expect(batches).toEqual([
      { batch: 1, apps: 2, fromSeconds: 0, toSeconds: 20, appsPerMinute: 6 },
      { batch: 2, apps: 2, fromSeconds: 20, toSeconds: 50, appsPerMinute: 4 },
      { batch: 3, apps: 1, fromSeconds: 50, toSeconds: 70, appsPerMinute: 3 },
    ]);
  });

  it("shows throughput falling as the cluster fills when later batches take longer", () => {
    const rates = batchThroughput([6, 12, 24, 36, 54, 72], 2).map((b) => b.appsPerMinute);
    expect(rates).toEqual([10, 5, 3.333]);
  });

  it("gives no batch when nothing completed", () => {
    expect(batchThroughput([], 3)).toEqual([]);
  });

  it.each([0, 1.5])("fails when the batch size is %s", (size) => {
    expect(() => batchThroughput([1], size)).toThrow(`batch size must be an integer ≥ 1 (got ${size})`);
  });
});

describe("defaultBatchSize", () => {
  it("makes five batches over the fleet, at least one app each", () => {
    expect(defaultBatchSize(10)).toBe(2);
    expect(defaultBatchSize(11)).toBe(3);
    expect(defaultBatchSize(3)).toBe(1);
  });
});

describe("fleetLine", () => {
  const side = (seconds: number, completedAt: number[], failed = 0) => ({ seconds, completedAt, failed });

  it("prints each side's apps per minute, overall and per batch, and the ratio against the goal", () => {
    // Given 4 apps: the fleet runner in 120 s, kubectl in 60 s
    const line = fleetLine({
      env: "dev",
      apps: 4,
      parallel: 2,
      batchSize: 2,
      fleet: side(120, [50, 40, 100, 110]),
      kubectl: side(60, [25, 20, 55, 50]),
      machine,
    });
    // Then 2 vs 4 apps/min: ratio 0.5, below the 0.7 goal
    expect(line).toEqual({
      bench: "fleet",
      env: "dev",
      apps: 4,
      parallel: 2,
      batchSize: 2,
      fleet: {
        seconds: 120,
        ok: 4,
        failed: 0,
        appsPerMinute: 2,
        batches: [
          { batch: 1, apps: 2, fromSeconds: 0, toSeconds: 50, appsPerMinute: 2.4 },
          { batch: 2, apps: 2, fromSeconds: 50, toSeconds: 110, appsPerMinute: 2 },
        ],
      },
      kubectl: {
        seconds: 60,
        ok: 4,
        failed: 0,
        appsPerMinute: 4,
        batches: [
          { batch: 1, apps: 2, fromSeconds: 0, toSeconds: 25, appsPerMinute: 4.8 },
          { batch: 2, apps: 2, fromSeconds: 25, toSeconds: 55, appsPerMinute: 4 },
        ],
      },
      ratio: 0.5,
      goal: FLEET_GOAL,
      met: false,
      machine,
    });
  });

  it("meets the goal at 0.7 × kubectl's throughput, counting only the apps that succeeded", () => {
    // 7 of 8 apps succeed in 60 s on the fleet side (7 apps/min), 10 in 60 s with kubectl
    const line = fleetLine({
      env: "dev",
      apps: 10,
      parallel: 2,
      batchSize: 5,
      fleet: side(60, [10, 20, 30, 40, 50, 55, 60], 3),
      kubectl: side(60, [6, 12, 18, 24, 30, 36, 42, 48, 54, 60]),
      machine,
    });
    expect({ ratio: line.ratio, met: line.met, ok: line.fleet.ok, failed: line.fleet.failed }).toEqual({
      ratio: 0.7,
      met: true,
      ok: 7,
      failed: 3,
    });
  });

  it("fails the goal, with a null ratio in JSON, when no app completed with kubectl", () => {
    const line = fleetLine({ env: "dev", apps: 1, parallel: 1, batchSize: 1, fleet: side(30, [30]), kubectl: side(5, [], 1), machine });
    expect(line.met).toBe(false);
    expect(JSON.parse(JSON.stringify(line)).ratio).toBeNull();
  });
});
