import { type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT, type EnvironmentSpec, type ReleasePolicy, malformedChangeId } from "../model";
import type { GateDecision } from "./gate-decision";

/** Time zone release windows are expressed in (see `ReleaseWindow`). */
export const RELEASE_TIME_ZONE = "Europe/Paris";

/** `MM-DD` of an instant in the release time zone. */
export function monthDay(now: Date, timeZone = RELEASE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, month: "2-digit", day: "2-digit" }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("month")}-${get("day")}`;
}

/**
 * Release windows: an app on a release train deploys to an environment with `releaseWindows` (Prod
 * here) only inside its windows (inclusive month-day bounds, Europe/Paris), unless a change id is
 * given. Other environments and continuous apps pass. A change id that is given must be in the
 * instance's format (`changeManagement.idPattern`, the format the freeze rule lets through and the
 * release record records) in every environment: a malformed one is refused before anything deploys,
 * so no record ever carries it. The decision says why, so it can be logged as is.
 * @default changeManagement DEFAULT_CHANGE_MANAGEMENT
 */
export function checkReleaseWindow(
  app: string,
  release: ReleasePolicy,
  env: Pick<EnvironmentSpec, "displayName" | "releaseWindows">,
  now: Date,
  emergencyChange?: string,
  changeManagement: ChangeManagement = DEFAULT_CHANGE_MANAGEMENT,
): GateDecision {
  const gate = "release-window" as const;
  const malformed = emergencyChange !== undefined ? malformedChangeId(changeManagement, emergencyChange) : undefined;
  if (malformed)
    return { gate, passed: false, allowed: false, messages: [`${app}: ${malformed}, so ${env.displayName} refuses this deploy.`] };
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
      `${app}: ${today} is outside the release windows (${windows}), so ${env.displayName} refuses this deploy; wait for the next window or give an emergency change id (${changeManagement.variable}=${changeManagement.example} or --emergency-change).`,
    ],
  };
}
