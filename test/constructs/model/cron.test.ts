import { cronProblem } from "../../../constructs/model";

describe("cronProblem", () => {
  it("accepts five-field schedules with ranges, lists, steps, names and macros", () => {
    for (const s of ["30 2 * * *", "*/15 * * * *", "0 8-18/2 * * 1-5", "0 0 1 jan,jul *", "0 4 * * sun", "@daily"]) {
      expect(cronProblem(s)).toBeUndefined();
    }
  });

  it.each([
    ["0 25 * * *", 'hour "25" is outside 0-23'],
    ["* * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 3"],
    ["0 0 * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 6"],
    ["*/0 * * * *", 'invalid step "0" in minute'],
    ["0 18-8 * * *", 'range "18-8" in hour is reversed'],
    ["0 0 32 * *", 'day of month "32" is outside 1-31'],
    ["0 0 * foo *", 'month "foo" is outside 1-12'],
  ])("fails when the schedule is %s", (schedule, reason) => {
    expect(cronProblem(schedule)).toBe(reason);
  });
});
