import { show } from "./declaration-error";

type Report = (path: string, message: string, fix: string) => void;

/** IANA zones this runtime knows; ICU omits a few aliases (`UTC`, `Etc/UTC`, links such as `Asia/Kolkata`). */
const KNOWN_ZONES: ReadonlySet<string> = new Set(Intl.supportedValuesOf("timeZone"));

/**
 * The canonical zone an IANA name stands for, or undefined when the name is unknown. The API server
 * loads CronJob time zones from the IANA database, case-sensitively, and refuses anything else
 * (offsets such as `+01:00` included), so only exact IANA names and their links pass.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones
 */
export function ianaTimeZone(name: string): string | undefined {
  if (name === "UTC" || name === "Etc/UTC" || KNOWN_ZONES.has(name)) return name;
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  // ICU accepts any case (`europe/paris`); the IANA database does not.
  return KNOWN_ZONES.has(canonical) && canonical.toLowerCase() !== name.toLowerCase() ? canonical : undefined;
}

/** Refuses a CronJob time zone the API server would not load. */
export function checkTimeZone(path: string, timeZone: string, report: Report): void {
  if (ianaTimeZone(timeZone) !== undefined) return;
  let hint = "";
  try {
    const canonical = new Intl.DateTimeFormat("en", { timeZone }).resolvedOptions().timeZone;
    if (canonical.toLowerCase() === timeZone.toLowerCase()) hint = ` (did you mean ${show(canonical)}?)`;
  } catch {
    // unknown everywhere: no suggestion
  }
  report(
    path,
    `(${show(timeZone)}) is not an IANA time zone${hint}`,
    'use an IANA name such as "Europe/Paris" or "UTC" (offsets like "+01:00" are refused by Kubernetes)',
  );
}
