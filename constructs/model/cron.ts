/**
 * Validation of the five-field cron syntax accepted by Kubernetes CronJobs (no seconds field, no
 * `@every`). Ranges, lists and steps are checked against each field's bounds so `0 25 * * *` fails
 * at declaration time rather than at the API server.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#schedule-syntax
 */
const FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: string[] }> = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"] },
  { name: "day of week", min: 0, max: 7, names: ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] },
];
const MACROS = new Set(["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]);

/** Returns undefined when valid, otherwise the reason in a few words. */
export function cronProblem(schedule: string): string | undefined {
  const trimmed = schedule.trim();
  if (MACROS.has(trimmed)) return undefined;
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const field = FIELDS[i];
    for (const item of parts[i].split(",")) {
      const [range, step] = item.split("/");
      if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `invalid step "${step}" in ${field.name}`;
      if (range === "*" || range === "?") continue;
      const bounds = range.split("-");
      if (bounds.length > 2) return `invalid range "${range}" in ${field.name}`;
      const values = bounds.map((b) => parseCronValue(b, field.names));
      for (const v of values) {
        if (v === undefined || v < field.min || v > field.max) {
          return `${field.name} "${range}" is outside ${field.min}-${field.max}`;
        }
      }
      if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" in ${field.name} is reversed`;
    }
  }
  return undefined;
}

function parseCronValue(text: string, names?: string[]): number | undefined {
  if (/^[0-9]+$/.test(text)) return Number(text);
  const index = names?.indexOf(text.toLowerCase()) ?? -1;
  if (index < 0) return undefined;
  return names!.length === 12 ? index + 1 : index;
}
