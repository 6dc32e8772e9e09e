import { runPool } from "../../../../platform/lab/bench/fleet/worker-pool";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runPool", () => {
  it("runs every item, never more than `parallel` at once, and returns results in the items' order", async () => {
    let running = 0;
    let peak = 0;
    const settled: string[] = [];
    // Given items that take different times
    const results = await runPool(
      [200, 5, 20, 5, 10],
      2,
      async (ms) => {
        running++;
        peak = Math.max(peak, running);
        await tick(ms);
        running--;
        return ms * 2;
      },
      (r, done) => settled.push(`${done}:${r.item}`),
    );
    expect(peak).toBe(2);
    expect(results.map((r) => (r.ok ? r.value : r.error))).toEqual([400, 10, 40, 10, 20]);
    // A free worker takes the next item at once: the short ones all finish while the slow one runs.
    expect(settled).toEqual(["1:5", "2:20", "3:5", "4:10", "5:200"]);
  });

  it("reports a failed item and goes on with the others", async () => {
    const results = await runPool(["a", "boom", "c"], 1, async (item) => {
      if (item === "boom") throw new Error("kubectl apply … failed: quota exceeded");
      return item.toUpperCase();
    });
    expect(results).toEqual([
      { item: "a", ok: true, value: "A" },
      { item: "boom", ok: false, error: "kubectl apply … failed: quota exceeded" },
      { item: "c", ok: true, value: "C" },
    ]);
  });

  it("returns nothing for no items", async () => {
    expect(await runPool([], 3, async () => 1)).toEqual([]);
  });
});
