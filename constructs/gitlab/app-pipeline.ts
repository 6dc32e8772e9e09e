import type { EnvironmentSet } from "../instance";
import { type AppDeclaration, type CatalogSpec, type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT, type EnvName } from "../model";
import { DeclarationError, type Problem, type ResolvedApp, resolve } from "../resolve";
import { type BuildUnit, buildUnitsOf } from "./build-unit";
import { buildJob, imageJob } from "./build-jobs";
import { deployJob, deployStageOf } from "./deploy-jobs";
import { WORKFLOW_RULES } from "./pipeline-conditions";
import { NODE_CACHE } from "./node-dependencies";
import { PIPELINE_IMAGES } from "./pipeline-images";
import type { Changes, Job, Pipeline } from "./pipeline-model";
import { mrNoteJob, previewJob, releaseNotesJob } from "./review-jobs";

/**
 * Stage order of every generated pipeline: build, image, preview, one `deploy-<env>` stage per
 * environment in promotion order, release.
 */
export function stagesOf(environments: EnvironmentSet): string[] {
  return ["build", "image", "preview", ...environments.names.map(deployStageOf), "release"];
}

/** Inputs of the generator besides the app. */
export interface AppPipelineProps {
  /** The instance's environments, in promotion order: one deploy job each, shaped by its `pipeline` traits. */
  readonly environments: EnvironmentSet;
  readonly catalog: CatalogSpec;
  /**
   * The branch that deploys. Also the `compare_to` of merge-request `rules:changes`, so an MR into a
   * long-lived branch still compares against what is deployed.
   * @default "main"
   */
  readonly defaultBranch?: string;
  /**
   * The instance's change variable and id format, for the freeze rule of frozen environments.
   * @default DEFAULT_CHANGE_MANAGEMENT
   */
  readonly changeManagement?: ChangeManagement;
}

/** The "generated — edit …" marker; `check` and reviewers look for it. */
export function generatedMarker(app: string): string {
  return `generated — edit apps/${app}/app.ts, run npm run gitlab -- generate`;
}

/** Where an app's pipeline is written, relative to the repository root. */
export function pipelinePath(app: string): string {
  return `apps/${app}/.gitlab-ci.yml`;
}

/**
 * The pipeline of one app: ONE pipeline per app with per-artifact build and image jobs and per-
 * environment deploy jobs.
 *
 * Why per app and not per component: the unit of deployment is the app's Pulumi project (one stack per
 * environment, `pulumi up -s <env>` in `apps/<app>/`). Per-component pipelines would each run
 * `pulumi up` on the same stack — serialized by `resource_group`, yet each deploying whatever the other
 * components' declarations say, so a pipeline's log would not describe what it deployed. Per-app
 * pipelines keep one deploy per stack and environment, one MR note, one release record; builds stay
 * per artifact (`rules:changes` on its sources), so a change to one component rebuilds only its image
 * and the other workloads keep their declared digests.
 *
 * Throws `DeclarationError` (every problem at once) when the declaration does not resolve in every
 * environment or its artifacts cannot be built as declared.
 * @example
 *   const pipeline = appPipeline(sinistre, { environments, catalog });
 *   writeFileSync(pipelinePath("sinistre"), renderPipelineYaml(pipeline));
 */
export function appPipeline(app: AppDeclaration, props: AppPipelineProps): Pipeline {
  const defaultBranch = props.defaultBranch ?? "main";
  const problems: Problem[] = [];
  const resolved = resolveEverywhere(app, props, problems);
  const units = buildUnitsOf(app, problems);
  if (problems.length > 0) throw new DeclarationError(problems);

  const appChanges: Changes = { paths: appPaths(app.name) };
  const mrAppChanges: Changes = { ...appChanges, compareTo: `refs/heads/${defaultBranch}` };
  const { environments } = props;
  const previewed = environments.list.filter((e) => e.pipeline.mergeRequestPreview).map((e) => e.name);
  const jobs: Job[] = [];
  for (const unit of units) jobs.push(buildJob(app.name, unit, unitChanges(app.name, unit), defaultBranch));
  for (const unit of units) jobs.push(imageJob(app.name, app.team, unit, unitChanges(app.name, unit), environments));
  for (const env of previewed) jobs.push(previewJob(app.name, env, mrAppChanges));
  if (previewed.length > 0) jobs.push(mrNoteJob(app.name, previewed, mrAppChanges));
  for (const env of environments.list)
    jobs.push(
      deployJob({
        app: app.name,
        env,
        units,
        changes: appChanges,
        url: urlOf(resolved.get(env.name)),
        changeManagement: props.changeManagement ?? DEFAULT_CHANGE_MANAGEMENT,
      }),
    );
  jobs.push(releaseNotesJob(app.name));

  return {
    header: [
      `${app.name}: build, image, preview and deploy through ${environments.list.map((e) => e.displayName).join(", ")}`,
      generatedMarker(app.name),
    ],
    workflow: { rules: WORKFLOW_RULES },
    stages: stagesOf(environments),
    // Runners deploy to the cluster of their kube context; they never start the embedded one.
    variables: { BELUGA_APP: app.name, BELUGA_EXTERNAL_CLUSTER: "1", PULUMI_SKIP_UPDATE_CHECK: "true" },
    defaultImage: PIPELINE_IMAGES.tools,
    defaultCache: NODE_CACHE,
    jobs,
  };
}

/**
 * Paths that change what an app deploys: its folder, the environments, the catalog, the constructs
 * that render it and the lockfile. A monorepo MR that touches none of them runs none of its jobs.
 */
export function appPaths(app: string): string[] {
  return [`apps/${app}/**/*`, "environments/**/*", "platform/catalog/**/*", "constructs/**/*", "package-lock.json"];
}

/** Paths that change one image: its sources, the declaration (version) and the socle catalog. */
function unitChanges(app: string, unit: BuildUnit): Changes {
  return { paths: [`${unit.sourceDir}/**/*`, `apps/${app}/app.ts`, "platform/catalog/socles.ts", "platform/catalog/base-images.ts"] };
}

function resolveEverywhere(app: AppDeclaration, props: AppPipelineProps, problems: Problem[]): Map<EnvName, ResolvedApp> {
  const out = new Map<EnvName, ResolvedApp>();
  const seen = new Set<string>();
  // The pipeline supplies digests (image jobs), so a declaration without them is valid here.
  const names = [...Object.keys(app.components ?? {}), ...Object.keys(app.batches ?? {})];
  const digests = Object.fromEntries(names.map((n) => [n, PLACEHOLDER_DIGEST]));
  for (const env of props.environments.list) {
    try {
      out.set(env.name, resolve(app, env, props.catalog, { digests, environmentNames: props.environments.names }));
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      for (const p of error.problems) {
        const key = `${p.path}|${p.message}`;
        if (!seen.has(key)) problems.push(p);
        seen.add(key);
      }
    }
  }
  return out;
}

const PLACEHOLDER_DIGEST = `sha256:${"0".repeat(64)}`;

/** The environment's URL: the first route of the first routed component. */
function urlOf(app: ResolvedApp | undefined): string | undefined {
  return app?.components.flatMap((c) => c.routes)[0]?.url;
}
