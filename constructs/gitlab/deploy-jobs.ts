import { ENV_NAMES, type EnvName } from "../model";
import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import type { BuildUnit } from "./build-unit";
import { imageJobName } from "./build-jobs";
import { frozenWithoutChange, onDefaultBranch } from "./pipeline-conditions";
import type { Changes, DeploymentTier, Job, Need, Rule } from "./pipeline-model";

/** GitLab deployment tier of each environment (drives GitLab's environment views and DORA metrics). */
export const DEPLOYMENT_TIERS: Readonly<Record<EnvName, DeploymentTier>> = { dev: "development", int: "testing", re7: "staging", prod: "production" };

/** `<app>:deploy:<env>`. */
export const deployJobName = (app: string, env: EnvName): string => `${app}:deploy:${env}`;
/** `<app>-<env>`: one deploy at a time per stack, across pipelines. */
export const resourceGroupOf = (app: string, env: EnvName): string => `${app}-${env}`;
/** Where re7 and prod deploy jobs write the release record (job artifact). */
export const RELEASES_DIR = "releases";

/** Inputs of one deploy job. */
export interface DeployJobProps {
  readonly app: string;
  readonly env: EnvName;
  readonly units: readonly BuildUnit[];
  /** Paths whose change deploys the app (monorepo: other apps' changes do not). */
  readonly changes: Changes;
  /** @default - no environment URL (an app without routes) */
  readonly url?: string;
}

/**
 * `pulumi up` of the app's stack for one environment, on the default branch.
 * - dev: automatic; int: automatic once dev succeeded; re7 and prod: manual with
 *   `allow_failure: false`, so the pipeline waits blocked on the promotion instead of passing.
 * - prod: the freeze rule comes first (no job at all during a freeze unless `BELUGA_CHANGE_ID`
 *   names an emergency change), then the gate (release windows, digest verified in RE7).
 * - `needs` the previous environment (required: same rules, so both exist or neither) and each image
 *   job as optional: an image job dropped because its component did not change leaves the declared
 *   digest in force, and an image job that ran passes its digest through the dotenv report.
 * - every deploy records the digests that ran in the promotion ledger (`gate record`), which the
 *   next environment's gate checks; re7 and prod write a release record and post the notification.
 * @see https://docs.gitlab.com/ci/resource_groups/
 * @see https://docs.gitlab.com/ci/environments/protected_environments/
 */
export function deployJob(props: DeployJobProps): Job {
  const { app, env } = props;
  const index = ENV_NAMES.indexOf(env);
  const previous = index > 0 ? ENV_NAMES[index - 1] : undefined;
  const needs: Need[] = [
    ...(previous ? [{ job: deployJobName(app, previous), artifacts: false }] : []),
    ...props.units.map((u) => ({ job: imageJobName(app, u), optional: true })),
  ];
  const promoted = env === "re7" || env === "prod";
  const rules: Rule[] = [
    ...(env === "prod" ? [{ if: frozenWithoutChange, when: "never" as const }] : []),
    promoted ? { if: onDefaultBranch, changes: props.changes, when: "manual", allowFailure: false } : { if: onDefaultBranch, changes: props.changes },
  ];
  const script = promoted
    ? [
        INSTALL_DEPENDENCIES,
        `npm run gate -- check --app ${app} --env ${env}`,
        `npm run preview -- --app ${app} --env ${env} --out .beluga/preview/${env}.json`,
        `npm run deploy -- --app ${app} --env ${env}`,
        `npm run gate -- record --app ${app} --env ${env}`,
        `npm run gitlab -- release-record --app ${app} --env ${env} --preview .beluga/preview/${env}.json --out ${RELEASES_DIR}`,
      ]
    : [INSTALL_DEPENDENCIES, `npm run deploy -- --app ${app} --env ${env}`, `npm run gate -- record --app ${app} --env ${env}`];
  return {
    name: deployJobName(app, env),
    stage: `deploy-${env}`,
    needs,
    resourceGroup: resourceGroupOf(app, env),
    environment: { name: env, ...(props.url ? { url: props.url } : {}), deploymentTier: DEPLOYMENT_TIERS[env] },
    interruptible: false,
    timeout: "30m",
    rules,
    script,
    ...(promoted ? { artifacts: { paths: [`${RELEASES_DIR}/`], expireIn: "never", when: "on_success" as const } } : {}),
  };
}
