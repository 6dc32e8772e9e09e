import type { EnvironmentSet } from "../../../constructs/instance";
import type { EnvName } from "../../../constructs/model";
import type { AppDiff, ClassifiedChange } from "./app-diff";
import { CHANGE_CLASSES, type ChangeClass } from "./change-class";
import { showValue } from "./field-changes";

/** A representative change of a class: the first component it occurs in, and how many others share it. */
export interface ChangeExample {
  readonly app: string;
  readonly component: string;
  readonly change: ClassifiedChange;
  /** Other components (any app) of the same environment with the same change. */
  readonly others: number;
}

/** Totals of one class in one environment. */
export interface ClassTotals {
  readonly apps: number;
  readonly components: number;
  readonly pods: number;
  /** The most widespread distinct changes of the class, most widespread first. */
  readonly examples: readonly ChangeExample[];
}

/** One environment of the fleet summary. */
export interface EnvironmentSummary {
  readonly env: EnvName;
  /** How people write the environment's name (`RE7`); the name itself for one the instance lacks. */
  readonly display: string;
  /** Apps with any change (new and removed apps included). */
  readonly apps: number;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly classes: Readonly<Record<ChangeClass, ClassTotals>>;
}

/** What a change does to the whole estate, environment by environment in promotion order. */
export interface FleetSummary {
  /** Apps compared (the union of both sides). */
  readonly appsCompared: number;
  readonly environments: readonly EnvironmentSummary[];
  /** Every app diff, sorted by environment then app: the per-app detail of the reports. */
  readonly diffs: readonly AppDiff[];
}

/** Options of `summarizeFleet`. */
export interface SummarizeFleetOptions {
  /** Examples kept per class and environment. @default 3 */
  readonly examples?: number;
}

/**
 * Aggregates app diffs per environment and change class: how many apps, components and pods each
 * class touches, and the most widespread distinct changes as examples (one change repeated across
 * 120 components is one example saying "and 119 more", not three copies of it). Environments come
 * in the instance's promotion order, followed by any other the diffs name (one the change removes).
 */
export function summarizeFleet(
  diffs: readonly AppDiff[],
  appsCompared: number,
  instanceEnvironments: EnvironmentSet,
  options: SummarizeFleetOptions = {},
): FleetSummary {
  const keep = options.examples ?? 3;
  const order = [
    ...instanceEnvironments.names,
    ...[...new Set(diffs.map((d) => d.env))].filter((env) => !instanceEnvironments.has(env)).sort(),
  ];
  const sorted = [...diffs].sort((a, b) => order.indexOf(a.env) - order.indexOf(b.env) || a.app.localeCompare(b.app));
  const environments = order.map((env): EnvironmentSummary => {
    const mine = sorted.filter((d) => d.env === env);
    const classes = Object.fromEntries(CHANGE_CLASSES.map((cls) => [cls, totals(mine, cls, keep)])) as Record<ChangeClass, ClassTotals>;
    return {
      env,
      display: instanceEnvironments.display(env),
      apps: mine.length,
      added: mine.filter((d) => d.status === "added").map((d) => d.app),
      removed: mine.filter((d) => d.status === "removed").map((d) => d.app),
      classes,
    };
  });
  return { appsCompared, environments, diffs: sorted };
}

function totals(diffs: readonly AppDiff[], cls: ChangeClass, keep: number): ClassTotals {
  let apps = 0;
  let components = 0;
  let pods = 0;
  const bySignature = new Map<string, { first: ChangeExample; count: number }>();
  for (const diff of diffs) {
    const hit = diff.components.filter((c) => c.classes.includes(cls));
    if (hit.length === 0) continue;
    apps++;
    components += hit.length;
    for (const c of hit) {
      pods += c.pods;
      const seen = new Set<string>();
      for (const change of c.changes.filter((ch) => ch.classes.includes(cls))) {
        const signature = signatureOf(change);
        if (seen.has(signature)) continue;
        seen.add(signature);
        const entry = bySignature.get(signature);
        if (entry) entry.count++;
        else bySignature.set(signature, { first: { app: diff.app, component: c.component, change, others: 0 }, count: 1 });
      }
    }
  }
  const examples = [...bySignature.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, keep)
    .map(({ first, count }) => ({ ...first, others: count - 1 }));
  return { apps, components, pods, examples };
}

/** Same object kind, same field, same before and after: the same change in another component. */
function signatureOf(change: ClassifiedChange): string {
  const kind = change.object.split("/")[0];
  if (change.path === "") return `${kind}|${change.after === undefined ? "removed" : "added"}`;
  return `${kind}|${change.path}|${showValue(change.before)}|${showValue(change.after)}`;
}

/** One line of a change: `souscription/api: Deployment spec.….timeoutSeconds 1 → 3`, or a whole object added/removed. */
export function describeChange(app: string, component: string, change: ClassifiedChange): string {
  return `${component === "app" ? app : `${app}/${component}`}: ${describeField(change)}`;
}

/** A change without where it happens: `Deployment spec.….timeoutSeconds 1 → 3`, `new NetworkPolicy x`. */
export function describeField(change: ClassifiedChange): string {
  const [kind, name] = change.object.split("/");
  if (change.path === "") return change.after === undefined ? `${kind} ${name} removed` : `new ${kind} ${name}`;
  return `${kind} ${change.path} ${showValue(change.before)} → ${showValue(change.after)}`;
}
