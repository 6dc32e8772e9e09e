import type { EnvironmentSet } from "../instance";
import { type AppDeclaration, type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT, type EnvironmentSpec } from "../model";
import { appPaths, pipelinePath } from "./app-pipeline";
import { kubeconfigVariable } from "./ci-variables";
import { resourceGroupOf } from "./deploy-jobs";
import { DRIFT_STAGE, driftJobs } from "./drift-jobs";
import { fleetDiffJob } from "./fleet-diff-job";
import { INSTALL_DEPENDENCIES, NODE_CACHE } from "./node-dependencies";
import { matches } from "./condition";
import { WORKFLOW_RULES, frozenWithoutChange, onDefaultBranch, onMergeRequest, onSchedule } from "./pipeline-conditions";
import { PIPELINE_IMAGES } from "./pipeline-images";
import type { Changes, Job, Need, Pipeline, Rule } from "./pipeline-model";
import { PREVIEW_DIR } from "./review-jobs";

/** Where the root pipeline is written: the repository's own `.gitlab-ci.yml`. */
export const ROOT_PIPELINE_PATH = ".gitlab-ci.yml";
/** The Pulumi project name of the platform layer in job names, stacks and resource groups. */
export const PLATFORM_PROJECT = "platform";

/** `<app>:pipeline`: the trigger job of an app's child pipeline. */
export const childPipelineJobName = (app: string): string => `${app}:pipeline`;
/** `platform:preview:<env>`. */
export const platformPreviewJobName = (env: string): string => `${PLATFORM_PROJECT}:preview:${env}`;
/** `platform:deploy:<env>`. */
export const platformDeployJobName = (env: string): string => `${PLATFORM_PROJECT}:deploy:${env}`;
/** `platform-<env>`: the stage of the platform layer's deploy to one environment. */
export const platformStageOf = (env: string): string => `${PLATFORM_PROJECT}-${env}`;

/**
 * Paths that change what the platform layer deploys: its program and stack files, the policy pack,
 * the catalog, the environments, the constructs, the lockfile, and the apps' declarations (each
 * app's namespace, team RBAC and inbound network policy come from its `app.ts`).
 */
export const PLATFORM_PATHS: readonly string[] = [
  "platform/program.ts",
  "platform/platform-program.ts",
  "platform/policy-pack/**/*",
  "platform/catalog/**/*",
  "Pulumi.yaml",
  "Pulumi.*.yaml",
  "apps/catalog.ts",
  "apps/*/app.ts",
  "environments/**/*",
  "constructs/**/*",
  "package-lock.json",
];

/** First rule (after the freeze rule) of the jobs that deploy or start a child: never in a scheduled pipeline. */
const NOT_ON_SCHEDULE: Rule = { if: onSchedule, when: "never" };

/** Inputs of the root pipeline. */
export interface RootPipelineProps {
  readonly apps: readonly AppDeclaration[];
  /** In promotion order: one platform deploy job each, shaped by its `pipeline` traits like the apps'. */
  readonly environments: EnvironmentSet;
  /** @default "main" */
  readonly defaultBranch?: string;
  /** @default DEFAULT_CHANGE_MANAGEMENT */
  readonly changeManagement?: ChangeManagement;
}

/** The "generated — edit …" marker of the root pipeline. */
export const ROOT_GENERATED_MARKER =
  "generated — edit constructs/gitlab/root-pipeline.ts or apps/catalog.ts, run npm run gitlab -- generate";

/**
 * The repository's root pipeline: how the estate fans out across runners. It
 * - starts each app's pipeline as a child pipeline (`trigger: include apps/<app>/.gitlab-ci.yml`,
 *   `strategy: depend`, so the root's status is the children's) when that app's paths changed (the
 *   same `appPaths` the app pipeline's own deploy rules use: its folder, the environments, the
 *   catalog, the constructs, the lockfile), or on a tag `<app>-…`; the child's jobs then run on
 *   whichever runners are free, in parallel with the other apps';
 * - previews the platform layer on merge requests (environments with `mergeRequestPreview`) and
 *   deploys it per environment in promotion order on the default branch, each deploy shaped by the
 *   environment's `pipeline` traits exactly as an app's: manual and blocking where `deploy` is
 *   manual (RE7, Prod), the freeze rule first where it `honoursFreeze` (Prod), one deploy at a time
 *   per stack (`resource_group: platform-<env>`);
 * - runs the constructs' fleet diff (`estate diff`) on merge requests touching the constructs, the
 *   platform or the environments;
 * - checks every environment for drift (`beluga drift --env <env>`, `driftJobs`) in the pipeline of
 *   the drift schedule (`BELUGA_SCHEDULE=drift`), and only there. No other job runs in a scheduled
 *   pipeline: `rules:changes` always matches there, so each job that would otherwise deploy or start
 *   a child says `when: never` for schedules first (after the freeze rule).
 * Variables a person gives when running the root pipeline (the change id) are forwarded to the
 * children, whose freeze rule reads them.
 * @see https://docs.gitlab.com/ci/pipelines/downstream_pipelines/#parent-child-pipelines
 */
export function rootPipeline(props: RootPipelineProps): Pipeline {
  const defaultBranch = props.defaultBranch ?? "main";
  const change = props.changeManagement ?? DEFAULT_CHANGE_MANAGEMENT;
  const { environments } = props;
  const platformChanges: Changes = { paths: PLATFORM_PATHS };
  const mrPlatformChanges: Changes = { ...platformChanges, compareTo: `refs/heads/${defaultBranch}` };
  const previewed = environments.list.filter((e) => e.pipeline.mergeRequestPreview);
  const jobs: Job[] = [
    fleetDiffJob("review"),
    ...previewed.map((env) => platformPreviewJob(env, mrPlatformChanges)),
    ...environments.list.map((env) => platformDeployJob(env, platformChanges, change)),
    ...props.apps.map((app) => childPipelineJob(app.name, defaultBranch, environments)),
    ...driftJobs(environments),
  ];
  return {
    header: [
      `root: every app's pipeline as a child pipeline, the platform layer through ${environments.list.map((e) => e.displayName).join(", ")}, the constructs' fleet diff, the scheduled drift check`,
      ROOT_GENERATED_MARKER,
    ],
    workflow: { rules: WORKFLOW_RULES },
    stages: ["review", ...environments.names.map(platformStageOf), "apps", DRIFT_STAGE],
    variables: { BELUGA_EXTERNAL_CLUSTER: "1", PULUMI_SKIP_UPDATE_CHECK: "true" },
    defaultImage: PIPELINE_IMAGES.tools,
    defaultCache: NODE_CACHE,
    jobs,
  };
}

/**
 * `<app>:pipeline`: the app's pipeline as a child, when its paths changed (MR: compared to the
 * default branch, like the app's own MR rules) or on one of its tags. `needs` the first
 * environment's platform deploy when that runs (optional: the platform does not always change), so
 * a new app's namespace exists before its first deploy; otherwise it starts at once.
 */
function childPipelineJob(app: string, defaultBranch: string, environments: EnvironmentSet): Job {
  const changes: Changes = { paths: appPaths(app) };
  const rules: Rule[] = [
    NOT_ON_SCHEDULE,
    { if: onMergeRequest, changes: { ...changes, compareTo: `refs/heads/${defaultBranch}` } },
    { if: onDefaultBranch, changes },
    { if: matches("CI_COMMIT_TAG", `^${app.replace(/[.]/g, "\\.")}-`) },
  ];
  return {
    name: childPipelineJobName(app),
    stage: "apps",
    needs: [{ job: platformDeployJobName(environments.names[0]), optional: true }],
    rules,
    script: [],
    trigger: { include: pipelinePath(app), strategy: "depend", forwardPipelineVariables: true },
  };
}

/** `pulumi preview` of the platform layer in one environment, on merge requests that change it. */
function platformPreviewJob(env: EnvironmentSpec, changes: Changes): Job {
  const file = `${PREVIEW_DIR}/${PLATFORM_PROJECT}-${env.name}.json`;
  return {
    name: platformPreviewJobName(env.name),
    stage: "review",
    interruptible: true,
    rules: [{ if: onMergeRequest, changes }],
    needs: [],
    script: [INSTALL_DEPENDENCIES, `npm run preview -- --platform --env ${env.name} --out ${file}`],
    artifacts: { paths: [file], expireIn: "1 week", when: "always" },
  };
}

/**
 * `pulumi up` of the platform layer's stack in one environment, after the previous environment's
 * (required need: same rules, so both exist or neither), with the environment's kubeconfig.
 */
function platformDeployJob(env: EnvironmentSpec, changes: Changes, change: ChangeManagement): Job {
  const manual = env.pipeline.deploy === "manual";
  const needs: Need[] = env.promotesFrom !== undefined ? [{ job: platformDeployJobName(env.promotesFrom), artifacts: false }] : [];
  const rules: Rule[] = [
    ...(env.pipeline.honoursFreeze ? [{ if: frozenWithoutChange(change), when: "never" as const }] : []),
    NOT_ON_SCHEDULE,
    manual ? { if: onDefaultBranch, changes, when: "manual", allowFailure: false } : { if: onDefaultBranch, changes },
  ];
  const preview = `${PREVIEW_DIR}/${PLATFORM_PROJECT}-${env.name}.json`;
  return {
    name: platformDeployJobName(env.name),
    stage: platformStageOf(env.name),
    variables: { KUBECONFIG: `$${kubeconfigVariable(env.name)}` },
    needs,
    resourceGroup: resourceGroupOf(PLATFORM_PROJECT, env.name),
    environment: { name: env.name, deploymentTier: env.pipeline.deploymentTier },
    interruptible: false,
    timeout: "30m",
    rules,
    script: [
      INSTALL_DEPENDENCIES,
      ...(manual ? [`npm run preview -- --platform --env ${env.name} --out ${preview}`] : []),
      `npm run deploy -- --platform-only --env ${env.name}`,
    ],
  };
}
