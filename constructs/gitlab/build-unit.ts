import type { AppDeclaration } from "../model";
import type { Problem } from "../resolve";

/**
 * What a pipeline builds: one image per artifact. Components and batches that share an artifact
 * (gestion-contrats' web app and its archive batch) share one build and one image job, so the image
 * is built once and the same digest is deployed to each workload.
 */
export interface BuildUnit {
  /** The artifact (image repository name under the team path). */
  readonly artifact: string;
  /** Short name used in job names: the artifact without a leading `<app>-`. */
  readonly key: string;
  readonly socle: string;
  readonly version: string;
  /** Component and batch names deployed from this image, components first. */
  readonly workloads: readonly string[];
  /** Source folder of the artifact, relative to the repository root. */
  readonly sourceDir: string;
  /** Dotenv variable each workload's digest is exported under, by workload name. */
  readonly digestVariables: Readonly<Record<string, string>>;
}

/** `BELUGA_DIGEST_<WORKLOAD>`: the dotenv variable carrying a workload's built digest to deploy jobs. */
export function digestVariable(workload: string): string {
  return `BELUGA_DIGEST_${workload.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** Where an artifact's sources live: `apps/<app>/src/<artifact>/` with a Makefile (`test`, `build`). */
export function sourceDirOf(app: string, artifact: string): string {
  return `apps/${app}/src/${artifact}`;
}

/**
 * Groups the app's workloads by artifact. Reports (in `problems`) an artifact declared with two socles
 * or two versions, which cannot be one build.
 */
export function buildUnitsOf(app: AppDeclaration, problems: Problem[]): BuildUnit[] {
  const units = new Map<string, { socle: string; version: string; workloads: string[]; firstPath: string }>();
  const workloads = [
    ...Object.entries(app.components).map(([name, spec]) => ({ name, image: spec.image, path: `components.${name}.image` })),
    ...Object.entries(app.batches ?? {}).map(([name, spec]) => ({ name, image: spec.image, path: `batches.${name}.image` })),
  ];
  const seenVariables = new Map<string, string>();
  for (const w of workloads) {
    const variable = digestVariable(w.name);
    const clash = seenVariables.get(variable);
    if (clash) {
      problems.push({
        app: app.name,
        path: w.path.replace(/\.image$/, ""),
        message: `exports its digest as ${variable}, like ${clash}`,
        fix: "rename one of the two workloads so their upper-cased names differ",
      });
    }
    seenVariables.set(variable, w.path.replace(/\.image$/, ""));
    const unit = units.get(w.image.artifact);
    if (!unit) {
      units.set(w.image.artifact, { socle: w.image.socle, version: w.image.version, workloads: [w.name], firstPath: w.path });
      continue;
    }
    if (unit.socle !== w.image.socle) {
      problems.push({
        app: app.name,
        path: `${w.path}.socle`,
        message: `(${JSON.stringify(w.image.socle)}) differs from ${unit.firstPath}.socle (${JSON.stringify(unit.socle)}) for the same artifact ${JSON.stringify(w.image.artifact)}: one artifact is one image built FROM one socle`,
        fix: "use the same socle or give this workload its own artifact",
      });
    } else if (unit.version !== w.image.version) {
      problems.push({
        app: app.name,
        path: `${w.path}.version`,
        message: `(${JSON.stringify(w.image.version)}) differs from ${unit.firstPath}.version (${JSON.stringify(unit.version)}) for the same artifact ${JSON.stringify(w.image.artifact)}: one build produces one version`,
        fix: "use the same version or give this workload its own artifact",
      });
    }
    unit.workloads.push(w.name);
  }
  return [...units.entries()].map(([artifact, u]) => ({
    artifact,
    key: artifact.startsWith(`${app.name}-`) ? artifact.slice(app.name.length + 1) : artifact,
    socle: u.socle,
    version: u.version,
    workloads: u.workloads,
    sourceDir: sourceDirOf(app.name, artifact),
    digestVariables: Object.fromEntries(u.workloads.map((w) => [w, digestVariable(w)])),
  }));
}
