import { instanceLabel, socleLabel } from "../model";
import type { ResolvedApp, ResolvedImage } from "../resolve";

/**
 * Labels every object of a component or batch carries (`app.kubernetes.io/*` and `beluga.io/*`).
 * Nothing here changes with a release, so a new version touches only the workload (see
 * `releaseLabels`): Services, routes, HPAs and PDBs stay untouched and review diffs stay small.
 */
export function workloadLabels(app: ResolvedApp, name: string): Record<string, string> {
  return {
    ...selectorLabels(app, name),
    "app.kubernetes.io/name": `${app.app}-${name}`,
    "app.kubernetes.io/instance": instanceLabel(app.app, name, app.env),
    "app.kubernetes.io/managed-by": "beluga",
    ...appLabels(app),
  };
}

/** Labels of the workload and its pods: the stable ones plus what a release changes (version, socle). */
export function releaseLabels(app: ResolvedApp, name: string, image: ResolvedImage): Record<string, string> {
  return {
    ...workloadLabels(app, name),
    "app.kubernetes.io/version": image.version,
    "beluga.io/socle": socleLabel(image.lineage.socle.name, image.lineage.socle.version),
  };
}

/** Labels that identify the pods of a component; stable across versions (selectors are immutable). */
export function selectorLabels(app: ResolvedApp, name: string): Record<string, string> {
  return { "app.kubernetes.io/part-of": app.app, "app.kubernetes.io/component": name };
}

/** Labels of app-wide objects. */
export function appLabels(app: Pick<ResolvedApp, "app" | "team" | "env" | "criticality">): Record<string, string> {
  return {
    "app.kubernetes.io/part-of": app.app,
    "beluga.io/team": app.team,
    "beluga.io/env": app.env,
    "beluga.io/criticality": app.criticality,
  };
}
