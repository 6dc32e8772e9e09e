import { freezePeriodsOf, releaseWindowProblems } from "../../../../constructs/gitlab/io/project";
import { DeclarationError } from "../../../../constructs/resolve";
import type { ReleasePolicy } from "../../../../constructs/model";
import { checkReleaseWindow, monthDay } from "../../../../constructs/policy/release-window";
import { environments } from "../../../../environments";

const train = (...windows: Array<[string, string]>): ReleasePolicy => ({
  policy: "release-train",
  windows: windows.map(([from, to]) => ({ from, to })),
});
const prod = environments.get("prod");
const summary = (release: ReleasePolicy) =>
  freezePeriodsOf("app", release).map((f) => `${f.from}..${f.to} ${f.freezeStart} → ${f.freezeEnd}`);

describe("freezePeriodsOf", () => {
  it("freezes the complement of two windows, across the new year, in Europe/Paris", () => {
    expect(freezePeriodsOf("gestion-contrats", train(["04-01", "04-15"], ["10-01", "10-15"]))).toEqual([
      { from: "04-16", to: "09-30", freezeStart: "0 0 16 4 *", freezeEnd: "0 0 1 10 *", cronTimezone: "Europe/Paris" },
      { from: "10-16", to: "03-31", freezeStart: "0 0 16 10 *", freezeEnd: "0 0 1 4 *", cronTimezone: "Europe/Paris" },
    ]);
  });

  it("gives a continuous app no freeze", () => {
    expect(freezePeriodsOf("souscription", { policy: "continuous" })).toEqual([]);
  });

  it("freezes everything but a single window with one period", () => {
    expect(summary(train(["06-01", "06-30"]))).toEqual(["07-01..05-31 0 0 1 7 * → 0 0 1 6 *"]);
  });

  it("sorts windows and merges overlapping or touching ones", () => {
    expect(summary(train(["10-01", "10-31"], ["04-10", "04-30"], ["04-01", "04-12"], ["11-01", "11-05"]))).toEqual([
      "05-01..09-30 0 0 1 5 * → 0 0 1 10 *",
      "11-06..03-31 0 0 6 11 * → 0 0 1 4 *",
    ]);
  });

  it("treats windows touching across the new year as one", () => {
    expect(summary(train(["01-01", "01-31"], ["12-01", "12-31"]))).toEqual(["02-01..11-30 0 0 1 2 * → 0 0 1 12 *"]);
  });

  it("gives no freeze when the windows cover the whole year", () => {
    expect(summary(train(["01-01", "06-30"], ["07-01", "12-31"]))).toEqual([]);
  });

  it("starts a freeze that would begin on 02-29 on 03-01, so its cron fires every year", () => {
    expect(summary(train(["01-01", "02-28"], ["06-01", "06-30"]))).toEqual([
      "03-01..05-31 0 0 1 3 * → 0 0 1 6 *",
      "07-01..12-31 0 0 1 7 * → 0 0 1 1 *",
    ]);
    expect(summary(train(["01-01", "02-28"], ["03-01", "12-31"]))).toEqual([]);
  });

  it("freezes exactly the days the Prod release gate refuses, every day of a leap and a common year", () => {
    for (const release of [
      train(["04-01", "04-30"], ["10-01", "10-31"]),
      train(["03-01", "03-31"]),
      train(["12-01", "12-31"], ["01-01", "01-10"], ["06-15", "07-15"]),
    ]) {
      const freezes = freezePeriodsOf("app", release);
      const frozen = (day: string) => freezes.some((f) => (f.from <= f.to ? f.from <= day && day <= f.to : day >= f.from || day <= f.to));
      for (const year of [2024, 2025]) {
        for (let date = new Date(Date.UTC(year, 0, 1, 11)); date.getUTCFullYear() === year; date = new Date(date.getTime() + 86_400_000)) {
          const day = monthDay(date);
          expect(`${day} frozen: ${frozen(day)}`).toBe(`${day} frozen: ${!checkReleaseWindow("app", release, prod, date).allowed}`);
        }
      }
    }
  });
});

describe("releaseWindowProblems", () => {
  it("finds nothing wrong in the declared apps' windows", () => {
    expect(releaseWindowProblems("gestion-contrats", train(["04-01", "04-30"], ["10-01", "10-31"]))).toEqual([]);
  });

  it("fails when a window names a day that does not exist, or runs backwards, or opens on 02-29 — all reported at once", () => {
    const release = train(["04-31", "05-10"], ["12-15", "01-15"], ["02-29", "03-10"]);
    expect(() => freezePeriodsOf("gestion-contrats", release)).toThrow(DeclarationError);
    expect(releaseWindowProblems("gestion-contrats", release)).toEqual([
      {
        app: "gestion-contrats",
        path: "release.windows[0].from",
        message: "(04-31) is not a day of the year",
        fix: "write it as MM-DD, e.g. 04-30",
      },
      {
        app: "gestion-contrats",
        path: "release.windows[1]",
        message: "(12-15 → 01-15) runs backwards: windows do not wrap the new year",
        fix: "split it into 12-15 → 12-31 and 01-01 → 01-15",
      },
      {
        app: "gestion-contrats",
        path: "release.windows[2].from",
        message: "(02-29) exists only in leap years, so the freeze before it would not end in other years",
        fix: "open the window on 02-28 or 03-01",
      },
    ]);
  });

  it("fails when a window runs backwards, with the exact message", () => {
    expect(() => freezePeriodsOf("gestion-contrats", train(["12-15", "01-15"]))).toThrow(
      "gestion-contrats: release.windows[0] (12-15 → 01-15) runs backwards: windows do not wrap the new year; split it into 12-15 → 12-31 and 01-01 → 01-15",
    );
  });
});
