import type { EnvironmentSet } from "../instance";
import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import type { BuildUnit } from "./build-unit";
import { PIPELINE_IMAGES } from "./pipeline-images";
import { onDefaultBranch, onMergeRequest } from "./pipeline-conditions";
import type { Changes, Job } from "./pipeline-model";

/** `<app>:build:<unit>`: the name is a contract (needs, MR note, dashboards); pinned in tests. */
export const buildJobName = (app: string, unit: BuildUnit): string => `${app}:build:${unit.key}`;
/** `<app>:image:<unit>`. */
export const imageJobName = (app: string, unit: BuildUnit): string => `${app}:image:${unit.key}`;

/** Where the synthesized Containerfile of an artifact is, relative to the repository root. */
export const containerfilePath = (app: string, artifact: string): string => `dist/images/apps/${app}/${artifact}/Containerfile`;

/**
 * Build and test of one artifact, on merge requests and on the default branch, only when its sources,
 * the declaration or the socle catalog changed. Also renders the image's Containerfile (FROM the socle
 * by digest, lineage labels) with `npm run synth`, so the image job needs no Node.js.
 */
export function buildJob(app: string, unit: BuildUnit, changes: Changes, defaultBranch: string): Job {
  return {
    name: buildJobName(app, unit),
    stage: "build",
    interruptible: true,
    rules: [
      { if: onMergeRequest, changes: { ...changes, compareTo: `refs/heads/${defaultBranch}` } },
      { if: onDefaultBranch, changes },
    ],
    needs: [],
    script: [INSTALL_DEPENDENCIES, `make -C ${unit.sourceDir} test build`, "npm run synth"],
    artifacts: { paths: [`${unit.sourceDir}/build/`, containerfilePath(app, unit.artifact)], expireIn: "1 week" },
  };
}

/**
 * The image of one artifact, on the default branch only: buildah (daemonless, no Docker socket) builds
 * FROM the socle digest, pushes the same manifest to every registry the environments pull from, and
 * exports each workload's digest as a dotenv report for the deploy jobs (build once, deploy everywhere).
 */
export function imageJob(app: string, team: string, unit: BuildUnit, changes: Changes, environments: EnvironmentSet): Job {
  // In promotion order: the image is built into the first environment's registry, then copied.
  const registries = [...new Set(environments.list.map((e) => e.registry))];
  const tag = `${unit.version}-$CI_COMMIT_SHORT_SHA`;
  const repos = registries.map((r) => `${r}/${team}/${unit.artifact}`);
  const hosts = [...new Set(registries.map((r) => r.split("/")[0]))];
  return {
    name: imageJobName(app, unit),
    stage: "image",
    image: PIPELINE_IMAGES.buildah,
    variables: { STORAGE_DRIVER: "vfs", BUILDAH_FORMAT: "oci" },
    rules: [{ if: onDefaultBranch, changes }],
    needs: [{ job: buildJobName(app, unit) }],
    script: [
      ...hosts.map((h) => `echo "$BELUGA_REGISTRY_PASSWORD" | buildah login --username "$BELUGA_REGISTRY_USER" --password-stdin ${h}`),
      `buildah build --layers --file ${containerfilePath(app, unit.artifact)} --tag ${repos[0]}:${tag} ${unit.sourceDir}`,
      `buildah push --digestfile image.digest ${repos[0]}:${tag}`,
      ...repos.slice(1).map((r) => `buildah push ${repos[0]}:${tag} docker://${r}:${tag}`),
      ...Object.values(unit.digestVariables).map((v) => `echo "${v}=$(cat image.digest)" >> image.env`),
    ],
    artifacts: { dotenv: "image.env", paths: ["image.digest"], expireIn: "30 days" },
  };
}
