import type { ReleasePolicy } from "../../../model";
import { RELEASE_TIME_ZONE } from "../../../policy/release-window";
import { DeclarationError, type Problem } from "../../../resolve/declaration-error";

/** One deploy freeze: readable inclusive days, and the crons GitLab takes. */
export interface FreezePeriodSpec {
  /** First frozen day, `MM-DD`. */
  readonly from: string;
  /** Last frozen day, `MM-DD` (inclusive). */
  readonly to: string;
  /** Cron at which the freeze begins: 00:00 on `from`. */
  readonly freezeStart: string;
  /** Cron at which the freeze ends: 00:00 on the day the next window opens. */
  readonly freezeEnd: string;
  /** Always `Europe/Paris`, the zone release windows are written in. */
  readonly cronTimezone: string;
}

/** A calendar with Feb 29, so every `MM-DD` a window may name has a day number (0–365). */
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_IN_YEAR = 366;
const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/**
 * Problems in the release windows of a declaration that the freeze derivation cannot honour: a day
 * that does not exist, a window running backwards (windows do not wrap the new year; the release
 * gate compares `from ≤ today ≤ to`), or a window opening on 02-29 (its cron would fire only in leap
 * years, freezing Prod for three years out of four).
 */
export function releaseWindowProblems(app: string, release: ReleasePolicy): Problem[] {
  if (release.policy !== "release-train") return [];
  const problems: Problem[] = [];
  release.windows.forEach((window, i) => {
    const path = `release.windows[${i}]`;
    for (const bound of ["from", "to"] as const) {
      if (dayOfYear(window[bound]) === undefined) {
        problems.push({
          app,
          path: `${path}.${bound}`,
          message: `(${window[bound]}) is not a day of the year`,
          fix: "write it as MM-DD, e.g. 04-30",
        });
      }
    }
    const from = dayOfYear(window.from);
    const to = dayOfYear(window.to);
    if (from !== undefined && to !== undefined && from > to) {
      problems.push({
        app,
        path,
        message: `(${window.from} → ${window.to}) runs backwards: windows do not wrap the new year`,
        fix: `split it into ${window.from} → 12-31 and 01-01 → ${window.to}`,
      });
    }
    if (window.from === "02-29") {
      problems.push({
        app,
        path: `${path}.from`,
        message: "(02-29) exists only in leap years, so the freeze before it would not end in other years",
        fix: "open the window on 02-28 or 03-01",
      });
    }
  });
  return problems;
}

/**
 * The deploy freezes of an app: the complement of its release-train windows over the year, each as a
 * GitLab freeze period in Europe/Paris. A window is open from 00:00 on `from` to the end of `to`, so a
 * freeze starts at 00:00 the day after a window closes and ends at 00:00 the day the next one opens.
 * Overlapping or touching windows merge; the gap across the new year is one freeze. A continuous app,
 * or windows covering the whole year, gets none. A freeze that would start on 02-29 starts on 03-01 so
 * its cron fires every year (in leap years 02-29 stays deployable).
 *
 * @example
 * freezePeriodsOf("gestion-contrats", { policy: "release-train", windows: [{ from: "04-01", to: "04-15" }, { from: "10-01", to: "10-15" }] })
 * // → 04-16 … 09-30 (0 0 16 4 * → 0 0 1 10 *) and 10-16 … 03-31 (0 0 16 10 * → 0 0 1 4 *)
 * @throws DeclarationError listing every `releaseWindowProblems`.
 */
export function freezePeriodsOf(app: string, release: ReleasePolicy): FreezePeriodSpec[] {
  if (release.policy !== "release-train") return [];
  const problems = releaseWindowProblems(app, release);
  if (problems.length > 0) throw new DeclarationError(problems);
  const open = mergedWindows(release.windows.map((w) => [dayOfYear(w.from)!, dayOfYear(w.to)!] as const));
  const freezes: FreezePeriodSpec[] = [];
  open.forEach(([, end], i) => {
    const nextStart = i + 1 < open.length ? open[i + 1][0] : open[0][0] + DAYS_IN_YEAR;
    let first = end + 1;
    const last = nextStart - 1;
    if (first % DAYS_IN_YEAR === dayOfYear("02-29")) first += 1;
    if (first > last) return;
    freezes.push({
      from: monthDayOf(first),
      to: monthDayOf(last),
      freezeStart: midnightCron(first),
      freezeEnd: midnightCron(nextStart),
      cronTimezone: RELEASE_TIME_ZONE,
    });
  });
  return freezes;
}

/** Sorted, merged open intervals of day numbers (touching windows become one). */
function mergedWindows(windows: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...windows].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  // The year is a circle: a window ending 12-31 touches one starting 01-01 of the next year.
  if (merged.length > 1 && merged[merged.length - 1][1] === DAYS_IN_YEAR - 1 && merged[0][0] === 0) {
    merged[0][0] = merged.pop()![0] - DAYS_IN_YEAR;
  }
  return merged;
}

/** Day number of `MM-DD` in a leap year (01-01 → 0), or undefined when no such day exists. */
function dayOfYear(monthDay: string): number | undefined {
  const match = MONTH_DAY.exec(monthDay);
  if (!match) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  if (month < 1 || month > 12 || day < 1 || day > MONTH_LENGTHS[month - 1]) return undefined;
  return MONTH_LENGTHS.slice(0, month - 1).reduce((sum, n) => sum + n, 0) + day - 1;
}

/** `MM-DD` of a day number (taken modulo the year). */
function monthDayOf(dayNumber: number): string {
  let rest = ((dayNumber % DAYS_IN_YEAR) + DAYS_IN_YEAR) % DAYS_IN_YEAR;
  let month = 0;
  while (rest >= MONTH_LENGTHS[month]) rest -= MONTH_LENGTHS[month++];
  return `${String(month + 1).padStart(2, "0")}-${String(rest + 1).padStart(2, "0")}`;
}

/** `0 0 <day> <month> *`: midnight of that day, every year. */
function midnightCron(dayNumber: number): string {
  const [month, day] = monthDayOf(dayNumber).split("-").map(Number);
  return `0 0 ${day} ${month} *`;
}
