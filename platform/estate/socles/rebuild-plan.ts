import { appContainerfile, socleContainerfile } from "../../../constructs/image";
import { type CatalogSpec, DIGEST, type EnvName, type ReleasePolicy } from "../../../constructs/model";
import { checkReleaseWindow, monthDay } from "../../../constructs/policy/release-window";
import { resolveImage } from "../../../constructs/resolve";
import { type SocleEstate, socleUsage } from "./socle-usage";

/** A socle (or base image) name the catalog lacks, or a malformed digest: the CLI prints the message alone. */
export class SocleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SocleError";
  }
}

/** One app image to rebuild: its Containerfile from the image chain, FROM the new socle digest. */
export interface ArtifactRebuild {
  readonly artifact: string;
  readonly socle: string;
  /** Declaration paths built from this artifact (`components.api`, `batches.nightly`). */
  readonly workloads: readonly string[];
  /** `apps/<app>/<artifact>/Containerfile`, as `imageChain` writes it. */
  readonly containerfile: string;
  /** The socle reference the rebuilt image is FROM. */
  readonly from: string;
}

/** What one app does in one environment of the plan. */
export interface WaveEntry {
  readonly app: string;
  /**
   * `deploy`; `wait` in an environment with release windows (Prod) outside the app's window;
   * `blocked` when the environment refuses the socle's lifecycle.
   */
  readonly action: "deploy" | "wait" | "blocked";
  readonly note?: string;
}

/** The rebuild plan of a socle digest change. */
export interface RebuildPlan {
  /** What was asked: a socle, or a base image and the socles built FROM it. */
  readonly target: string;
  readonly socles: ReadonlyArray<{
    readonly socle: string;
    readonly lifecycle: string;
    readonly fromDigest: string;
    readonly toDigest?: string;
    readonly containerfile: string;
  }>;
  /** Per app (sorted), the images to rebuild. */
  readonly apps: ReadonlyArray<{ readonly app: string; readonly team: string; readonly artifacts: readonly ArtifactRebuild[] }>;
  /** Deploys in the instance's promotion order (Dev → Int → RE7 → Prod here). */
  readonly waves: ReadonlyArray<{ readonly env: EnvName; readonly displayName: string; readonly entries: readonly WaveEntry[] }>;
}

/**
 * The rebuild plan when a socle's digest changes (`java21-spring@sha256:…`), or a base image's
 * (every socle FROM it is rebuilt first): which app images are built FROM it (their Containerfiles
 * from the image chain, FROM the new digest, as built for the first environment of the promotion
 * chain), grouped per app, then the deploys in promotion order. An environment with release windows
 * (Prod) waits for release-train apps outside their window (`now`), and an environment that refuses
 * the socle's lifecycle blocks the app there until it migrates to the successor.
 *
 * @throws SocleError naming the known socles and base images when `target` is neither, or when the digest is malformed.
 */
export function rebuildPlan(estate: SocleEstate, target: string, now: Date): RebuildPlan {
  const [name, newDigest] = target.split("@");
  const { catalog, environments } = estate.instance;
  // Images are built once, for the first environment of the promotion chain, and promoted from there.
  const [buildEnvironment] = environments.list;
  if (newDigest !== undefined && !DIGEST.test(newDigest))
    throw new SocleError(
      `--rebuild ${target}: the digest must look like sha256:<64 hex digits>; give the digest the registry printed for the new socle image`,
    );
  const socles = catalog.socles[name]
    ? [name]
    : Object.keys(catalog.socles).filter((s) => catalog.baseImages[name] && catalog.socles[s].base === name);
  if (socles.length === 0) {
    throw new SocleError(
      `unknown socle ${name}; known: ${Object.keys(catalog.socles).join(", ")} (or a base image: ${Object.keys(catalog.baseImages).join(", ")}); use one of them, optionally with @sha256:<digest>`,
    );
  }
  // The catalog as it will be once the socle is rebuilt: every app image's FROM follows it.
  const next: CatalogSpec =
    newDigest && catalog.socles[name]
      ? { ...catalog, socles: { ...catalog.socles, [name]: { ...catalog.socles[name], digest: newDigest } } }
      : catalog;
  const usage = socleUsage(estate).filter((u) => socles.includes(u.socle));
  const apps = new Map<string, { app: string; team: string; artifacts: Map<string, ArtifactRebuild> }>();
  for (const u of usage) {
    for (const w of u.workloads) {
      const entry = apps.get(w.app) ?? { app: w.app, team: w.team, artifacts: new Map<string, ArtifactRebuild>() };
      apps.set(w.app, entry);
      const known = entry.artifacts.get(w.artifact);
      if (known) {
        entry.artifacts.set(w.artifact, { ...known, workloads: [...known.workloads, w.path] });
        continue;
      }
      const image = resolveImage(buildEnvironment, next, w.team, {
        socle: u.socle,
        artifact: w.artifact,
        version: w.versions[buildEnvironment.name],
      });
      const file = appContainerfile(w.app, w.artifact, image);
      entry.artifacts.set(w.artifact, {
        artifact: w.artifact,
        socle: u.socle,
        workloads: [w.path],
        containerfile: file.path,
        from: image.lineage.socle.ref,
      });
    }
  }
  const sortedApps = [...apps.values()]
    .sort((a, b) => a.app.localeCompare(b.app))
    .map((a) => ({ app: a.app, team: a.team, artifacts: [...a.artifacts.values()].sort((x, y) => x.artifact.localeCompare(y.artifact)) }));
  const release = new Map(estate.apps.map((a) => [a.name, a.release]));
  const waves = environments.list.map((env) => ({
    env: env.name,
    displayName: env.displayName,
    entries: sortedApps.map(({ app }): WaveEntry => {
      const refused = usage.filter((u) => u.environments[env.name].refused.includes(app));
      if (refused.length > 0)
        return {
          app,
          action: "blocked",
          note: `${env.displayName} refuses ${refused.map((u) => `${u.socle} (${u.lifecycle})`).join(", ")}; migrate to ${refused.map((u) => u.successor ?? "a supported socle").join(", ")}`,
        };
      const decision = checkReleaseWindow(app, release.get(app)!, env, now);
      return decision.allowed
        ? { app, action: "deploy" }
        : { app, action: "wait", note: `release train: next ${env.displayName} window opens ${nextWindow(release.get(app)!, now)}` };
    }),
  }));
  return {
    target,
    socles: socles.map((s) => ({
      socle: s,
      lifecycle: catalog.socles[s].lifecycle,
      fromDigest: catalog.socles[s].digest,
      toDigest: s === name ? newDigest : undefined,
      containerfile: socleContainerfile(next, s).path,
    })),
    apps: sortedApps,
    waves,
  };
}

/** `MM-DD` of the next window start after `now` (the first of next year's when none is left this year). */
function nextWindow(release: ReleasePolicy, now: Date): string {
  if (release.policy !== "release-train") return "now";
  const today = monthDay(now);
  const starts = release.windows.map((w) => w.from).sort();
  return starts.find((s) => s > today) ?? `${starts[0]} (next year)`;
}
