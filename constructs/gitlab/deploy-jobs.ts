import type { ChangeManagement, EnvName, EnvironmentSpec } from "../model";
import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import type { BuildUnit } from "./build-unit";
import { imageJobName } from "./build-jobs";
import { frozenWithoutChange, onDefaultBranch } from "./pipeline-conditions";
import type { Changes, Job, Need, Rule } from "./pipeline-model";
import { previewFileOf } from "./review-jobs";
import { kubeconfigVariable } from "./ci-variables";

/** `<app>:deploy:<env>`. */
export const deployJobName = (app: string, env: EnvName): string => `${app}:deploy:${env}`;
/** `<app>-<env>`: one deploy at a time per stack, across pipelines. */
export const resourceGroupOf = (app: string, env: EnvName): string => `${app}-${env}`;
/** Where deploy jobs of environments with `pipeline.releaseRecord` write the release record (job artifact). */
export const RELEASES_DIR = "releases";

/** Inputs of one deploy job. */
export interface DeployJobProps {
  readonly app: string;
  /** The environment deployed: its `pipeline` traits and `promotesFrom` shape the job. */
  readonly env: EnvironmentSpec;
  readonly units: readonly BuildUnit[];
  /** Paths whose change deploys the app (monorepo: other apps' changes do not). */
  readonly changes: Changes;
  /** @default - no environment URL (an app without routes) */
  readonly url?: string;
  /** The instance's change variable and id format: the freeze rule lets a well-formed id through. */
  readonly changeManagement: ChangeManagement;
}

/**
 * `pulumi up` of the app's stack for one environment, on the default branch; the environment's
 * `pipeline` traits decide the rest (Dev and Int automatic, RE7 and Prod manual here):
 * - `deploy: "automatic"`: runs once the previous environment succeeded; `"manual"`: a person starts
 *   it, with `allow_failure: false` so the pipeline waits blocked on the promotion instead of
 *   passing, and the job checks the deploy gates (release windows, digest verified in the previous
 *   environment) and takes a preview before deploying.
 * - `honoursFreeze`: the freeze rule comes first (no job at all during a freeze unless the
 *   instance's change variable, `BELUGA_CHANGE_ID`, holds a well-formed change id).
 * - `KUBECONFIG` is the environment's kubeconfig file variable (`BELUGA_KUBECONFIG_<ENV>`, scoped to
 *   the environment; see `ciVariablesOf`).
 * - `needs` the deploy of `promotesFrom` (required: same rules, so both exist or neither) and each
 *   image job as optional: an image job that ran passes its digest through the dotenv report; a
 *   component whose image job did not run keeps what its environment runs, or receives what the
 *   previous environment runs (the release plan `beluga deploy` reads from the stacks in the shared
 *   backend: nothing is passed between jobs, and each job may run on a clean clone).
 * - the stack's outputs are the promotion record the next environment's gate reads; with
 *   `releaseRecord` the job writes a release record and posts the notification.
 * @see https://docs.gitlab.com/ci/resource_groups/
 * @see https://docs.gitlab.com/ci/environments/protected_environments/
 */
export function deployJob(props: DeployJobProps): Job {
  const { app, env } = props;
  const name = env.name;
  const manual = env.pipeline.deploy === "manual";
  const needs: Need[] = [
    ...(env.promotesFrom !== undefined ? [{ job: deployJobName(app, env.promotesFrom), artifacts: false }] : []),
    ...props.units.map((u) => ({ job: imageJobName(app, u), optional: true })),
  ];
  const rules: Rule[] = [
    ...(env.pipeline.honoursFreeze ? [{ if: frozenWithoutChange(props.changeManagement), when: "never" as const }] : []),
    manual
      ? { if: onDefaultBranch, changes: props.changes, when: "manual", allowFailure: false }
      : { if: onDefaultBranch, changes: props.changes },
  ];
  const preview = previewFileOf(name);
  const script = [
    INSTALL_DEPENDENCIES,
    ...(manual
      ? [`npm run gate -- check --app ${app} --env ${name}`, `npm run preview -- --app ${app} --env ${name} --out ${preview}`]
      : []),
    `npm run deploy -- --app ${app} --env ${name}`,
    ...(env.pipeline.releaseRecord
      ? [`npm run gitlab -- release-record --app ${app} --env ${name}${manual ? ` --preview ${preview}` : ""} --out ${RELEASES_DIR}`]
      : []),
  ];
  return {
    name: deployJobName(app, name),
    stage: deployStageOf(name),
    variables: { KUBECONFIG: `$${kubeconfigVariable(name)}`, [OUTCOME_FILE_VARIABLE]: OUTCOME_FILE },
    needs,
    resourceGroup: resourceGroupOf(app, name),
    environment: { name, ...(props.url ? { url: props.url } : {}), deploymentTier: env.pipeline.deploymentTier },
    interruptible: false,
    timeout: "30m",
    rules,
    script,
    afterScript: [notifyOnFailure(app, name)],
    ...(env.pipeline.releaseRecord ? { artifacts: { paths: [`${RELEASES_DIR}/`], expireIn: "never", when: "on_success" as const } } : {}),
  };
}

/** Variable naming the file where a failing `beluga` command records why (read by `gitlab notify-outcome`). */
export const OUTCOME_FILE_VARIABLE = "BELUGA_OUTCOME_FILE";
/** Where a deploy job's failing command records itself. */
export const OUTCOME_FILE = ".beluga/outcome.json";

/**
 * The deploy job's `after_script`: unless the job succeeded (the success notification is the release
 * record's), tell the team's channel how the deploy ended — failed, refused by a gate or a policy,
 * rolled back, canceled — with the reasons the failing command recorded.
 */
export const notifyOnFailure = (app: string, env: EnvName): string =>
  `[ "$CI_JOB_STATUS" = success ] || npm run -s gitlab -- notify-outcome --app ${app} --env ${env}`;

/** `deploy-<env>`: one stage per environment, in promotion order. */
export const deployStageOf = (env: EnvName): string => `deploy-${env}`;
