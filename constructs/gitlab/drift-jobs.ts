import type { EnvironmentSet } from "../instance";
import type { EnvName, EnvironmentSpec } from "../model";
import { kubeconfigVariable } from "./ci-variables";
import { type Condition, all, equals } from "./condition";
import { INSTALL_DEPENDENCIES } from "./node-dependencies";
import { onSchedule } from "./pipeline-conditions";
import type { Job } from "./pipeline-model";

/**
 * The variable a pipeline schedule sets to say which scheduled work it runs. A schedule is a pipeline of
 * the default branch like a push, so the variable (not the source alone) tells the drift schedule from
 * any other schedule the project may have.
 * @see https://docs.gitlab.com/ci/pipelines/schedules/#add-a-pipeline-schedule
 */
export const SCHEDULE_VARIABLE = "BELUGA_SCHEDULE";
/** `SCHEDULE_VARIABLE`'s value in the drift schedule. */
export const DRIFT_SCHEDULE = "drift";
/** The stage of the drift jobs (the drift schedule's pipeline runs nothing else). */
export const DRIFT_STAGE = "drift";
/** Where a drift job writes its report (markdown), kept as the job's artifact. */
export const DRIFT_REPORT_DIR = ".beluga/drift";

/** `drift:<env>`: the name is a contract (the schedule's pipeline, the tests). */
export const driftJobName = (env: EnvName): string => `drift:${env}`;
/** `.beluga/drift/<env>.md`: one environment's drift report. */
export const driftReportFileOf = (env: EnvName): string => `${DRIFT_REPORT_DIR}/${env}.md`;

/** A scheduled pipeline whose schedule sets `BELUGA_SCHEDULE=drift`: `$CI_PIPELINE_SOURCE == "schedule" && $BELUGA_SCHEDULE == "drift"`. */
export const onDriftSchedule: Condition = all(onSchedule, equals(SCHEDULE_VARIABLE, DRIFT_SCHEDULE));

/** How long one environment's drift run may take: a refreshed preview of every stack of it, one after the other. */
export const DRIFT_TIMEOUT = "1h";

/**
 * One drift job per environment of the instance, in promotion order: `beluga drift --env <env>` (a
 * refreshed preview of the platform layer's and every app's stack there, fields owned by other
 * managers such as the HPA's `spec.replicas` left out), only in the drift schedule's pipeline, never
 * on a push, a merge request or a tag.
 * - `KUBECONFIG` is the environment's kubeconfig file variable, as for the deploys; the job names its
 *   environment with `action: verify`, so GitLab gives it the variables scoped to that environment
 *   without recording a deployment. No `resource_group`: a preview writes no state and takes no stack
 *   lock, so drift never waits for, nor holds up, a deploy.
 * - Not interruptible: a push to the default branch during the run must not cancel the day's report.
 * - The report is printed in the log and kept as an artifact (`.beluga/drift/<env>.md`) whatever the
 *   outcome; the job fails when anything drifted or could not be checked, so the schedule's owner is
 *   notified of a failed pipeline.
 * @see https://docs.gitlab.com/ci/yaml/#environmentaction
 */
export function driftJobs(environments: EnvironmentSet): Job[] {
  return environments.list.map(driftJob);
}

function driftJob(env: EnvironmentSpec): Job {
  const report = driftReportFileOf(env.name);
  return {
    name: driftJobName(env.name),
    stage: DRIFT_STAGE,
    variables: { KUBECONFIG: `$${kubeconfigVariable(env.name)}` },
    needs: [],
    environment: { name: env.name, deploymentTier: env.pipeline.deploymentTier, action: "verify" },
    interruptible: false,
    timeout: DRIFT_TIMEOUT,
    rules: [{ if: onDriftSchedule }],
    script: [INSTALL_DEPENDENCIES, `npm run drift -- --env ${env.name} --out ${report}`],
    artifacts: { paths: [report], expireIn: "30 days", when: "always" },
  };
}
