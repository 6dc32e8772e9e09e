import * as pulumi from "@pulumi/pulumi";
import { DRIFT_SCHEDULE, SCHEDULE_VARIABLE } from "../../drift-jobs";
import { DeclarationError, type Problem } from "../../../resolve/declaration-error";
import type { GitlabConnectionInput } from "./gitlab-connection";
import { PipelineSchedule } from "./pipeline-schedule";
import { PipelineScheduleVariable } from "./pipeline-schedule-variable";

/** Args of a DriftSchedule. */
export interface DriftScheduleArgs {
  /** Id or `group/path` of the repository that holds the root pipeline (its `.gitlab-ci.yml` has the drift jobs). */
  readonly project: pulumi.Input<string>;
  /** GitLab URL and a Maintainer token of that project; made a Pulumi secret whatever is passed. */
  readonly connection: GitlabConnectionInput;
  /** The branch the drift jobs run on: the code drift is measured against. @default "main" */
  readonly defaultBranch?: string;
  /** When, as a five-field cron in `cronTimezone`. @default DRIFT_CRON (every day at 06:00) */
  readonly cron?: string;
  /** @default DRIFT_CRON_TIMEZONE */
  readonly cronTimezone?: string;
  /** @default true */
  readonly active?: boolean;
}

/** Every day at 06:00, before the teams start: the report is there when they do. */
export const DRIFT_CRON = "0 6 * * *";
/** The platform team's time zone. */
export const DRIFT_CRON_TIMEZONE = "Europe/Paris";
/** What the project's schedule list shows. */
export const DRIFT_SCHEDULE_DESCRIPTION = "Beluga drift: beluga drift in every environment (drift:<env> jobs of the root pipeline)";
const CRON = /^\S+( \S+){4}$/;

/**
 * The drift schedule (`beluga:gitlab:DriftSchedule`) of the repository that holds the root pipeline: a
 * pipeline schedule of the default branch, daily at 06:00 Europe/Paris by default, with
 * `BELUGA_SCHEDULE=drift` — the variable the root pipeline's `drift:<env>` jobs require, and the only
 * pipeline they run in (every other root job stays out of scheduled pipelines). The schedule's
 * pipelines run as its owner, the user of the connection's token, who must be allowed to deploy to
 * protected environments (the drift jobs name their environment to read its kubeconfig).
 * Child names derive from the component name (`<name>-schedule`, `<name>-schedule-BELUGA_SCHEDULE`).
 * @see https://docs.gitlab.com/ci/pipelines/schedules/
 *
 * @example
 * new DriftSchedule("beluga-drift", { project: "beluga/apps",
 *   connection: { url: "https://gitlab.beluga.internal", token: config.requireSecret("gitlabToken") } });
 */
export class DriftSchedule extends pulumi.ComponentResource {
  readonly schedule: PipelineSchedule;
  /** `BELUGA_SCHEDULE=drift`. */
  readonly variable: PipelineScheduleVariable;

  constructor(name: string, args: DriftScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("beluga:gitlab:DriftSchedule", name, {}, opts);
    const problems = validate(name, args);
    if (problems.length > 0) throw new DeclarationError(problems);
    const connection = pulumi.secret(args.connection);
    const parent = { parent: this };

    this.schedule = new PipelineSchedule(
      `${name}-schedule`,
      {
        connection,
        project: args.project,
        description: DRIFT_SCHEDULE_DESCRIPTION,
        ref: `refs/heads/${args.defaultBranch ?? "main"}`,
        cron: args.cron ?? DRIFT_CRON,
        cronTimezone: args.cronTimezone ?? DRIFT_CRON_TIMEZONE,
        active: args.active ?? true,
      },
      parent,
    );
    this.variable = new PipelineScheduleVariable(
      `${name}-schedule-${SCHEDULE_VARIABLE}`,
      {
        connection,
        project: this.schedule.project,
        pipelineScheduleId: this.schedule.pipelineScheduleId,
        key: SCHEDULE_VARIABLE,
        value: DRIFT_SCHEDULE,
        variableType: "env_var",
      },
      parent,
    );
    this.registerOutputs({ pipelineScheduleId: this.schedule.pipelineScheduleId, owner: this.schedule.owner });
  }
}

/** Every problem of the args GitLab would refuse. */
function validate(name: string, args: DriftScheduleArgs): Problem[] {
  const problems: Problem[] = [];
  if (args.cron !== undefined && !CRON.test(args.cron))
    problems.push({
      app: name,
      path: "cron",
      message: `(${JSON.stringify(args.cron)}) is not a five-field cron expression`,
      fix: `give minute hour day month weekday, e.g. "${DRIFT_CRON}" (every day at 06:00)`,
    });
  if (args.cronTimezone !== undefined && !isTimeZone(args.cronTimezone))
    problems.push({
      app: name,
      path: "cronTimezone",
      message: `(${JSON.stringify(args.cronTimezone)}) is not an IANA time zone`,
      fix: `give a zone name such as "${DRIFT_CRON_TIMEZONE}" or "UTC"`,
    });
  return problems;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
