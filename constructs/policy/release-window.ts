import type { EnvironmentSpec, ReleasePolicy } from "../model";
import type { GateDecision } from "./gate-decision";

/** Time zone release windows are expressed in (see `ReleaseWindow`). */
export const RELEASE_TIME_ZONE = "Europe/Paris";
/** An emergency change id as the change-management tool issues them, e.g. CHG-123456. */
export const EMERGENCY_CHANGE = /^[A-Z][A-Z0-9]{1,9}-[0-9]{1,10}$/;

/** `MM-DD` of an instant in the release time zone. */
export function monthDay(now: Date, timeZone = RELEASE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("month")}-${get("day")}`;
}

/**
 * Release windows: an app on a release train deploys to an environment with `releaseWindows` (Prod
 * here) only inside its windows (inclusive
 * month-day bounds, Europe/Paris), unless an emergency change id is given. Other environments and
 * continuous apps always pass. The decision says why, so it can be logged as is.
 */
export function checkReleaseWindow(
  app: string,
  release: ReleasePolicy,
  env: Pick<EnvironmentSpec, "displayName" | "releaseWindows">,
  now: Date,
  emergencyChange?: string,
): GateDecision {
  const gate = "release-window" as const;
  if (!env.releaseWindows) {
    return {
      gate,
      passed: true,
      allowed: true,
      messages: [`${app}: release windows do not apply in ${env.displayName}; it deploys at any time.`],
    };
  }
  if (release.policy === "continuous")
    return { gate, passed: true, allowed: true, messages: [`${app}: continuous delivery, no release window.`] };
  const today = monthDay(now);
  const windows = release.windows.map((w) => `${w.from} → ${w.to}`).join(", ");
  const open = release.windows.find((w) => w.from <= today && today <= w.to);
  if (open)
    return { gate, passed: true, allowed: true, messages: [`${app}: ${today} is inside the release window ${open.from} → ${open.to}.`] };
  if (emergencyChange !== undefined) {
    if (!EMERGENCY_CHANGE.test(emergencyChange)) {
      return {
        gate,
        passed: false,
        allowed: false,
        messages: [
          `${app}: emergency change id "${emergencyChange}" is malformed, and ${today} is outside the release windows (${windows}); give the change id as issued, e.g. CHG-123456.`,
        ],
      };
    }
    return {
      gate,
      passed: true,
      allowed: true,
      messages: [
        `${app}: ${today} is outside the release windows (${windows}); deploying to ${env.displayName} under emergency change ${emergencyChange}.`,
      ],
    };
  }
  return {
    gate,
    passed: false,
    allowed: false,
    messages: [
      `${app}: ${today} is outside the release windows (${windows}), so ${env.displayName} refuses this deploy; wait for the next window or give an emergency change id (BELUGA_EMERGENCY_CHANGE=CHG-123456 or --emergency-change).`,
    ],
  };
}
