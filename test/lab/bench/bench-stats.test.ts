import { goalMet, median, spread } from "../../../platform/lab/bench/bench-stats";

describe("median", () => {
  it("takes the middle of an odd count and the mean of the two middles of an even count, whatever the order", () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("leaves its input as it was", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("fails when the list is empty", () => {
    expect(() => median([])).toThrow("median of an empty list");
  });
});

describe("spread", () => {
  it("gives median, min and max rounded to the millisecond", () => {
    expect(spread([2.00049, 1.23456, 9.87654])).toEqual({ median: 2, min: 1.235, max: 9.877 });
  });
});

describe("goalMet", () => {
  it("holds a ratio at the goal for an upper bound and for a lower bound", () => {
    expect(goalMet(4, 4, "atMost")).toBe(true);
    expect(goalMet(4.001, 4, "atMost")).toBe(false);
    expect(goalMet(0.7, 0.7, "atLeast")).toBe(true);
    expect(goalMet(0.699, 0.7, "atLeast")).toBe(false);
  });

  it("fails when the ratio is not a number (no floor measured)", () => {
    expect(goalMet(Number.NaN, 4, "atMost")).toBe(false);
    expect(goalMet(Number.POSITIVE_INFINITY, 0.7, "atLeast")).toBe(false);
  });
});
