import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/**
 * Inputs of `gitlab.PipelineSchedule`, same names as the upstream provider. GitLab runs a pipeline of
 * `ref` at each `cron` tick, with `CI_PIPELINE_SOURCE=schedule` and the schedule's variables
 * (`PipelineScheduleVariable`); it runs as the schedule's owner (the token's user when created here).
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/pipelineschedule/
 */
export interface PipelineScheduleInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Shown in the project's schedule list. */
  readonly description: string;
  /** The full reference the pipeline runs on, e.g. `refs/heads/main` (upstream asks for the full form). */
  readonly ref: string;
  /** Cron expression (5 fields), e.g. `0 6 * * *`. */
  readonly cron: string;
  /** IANA time zone of the cron. @default "UTC" (GitLab's default) */
  readonly cronTimezone?: string;
  /** @default true (GitLab's default) */
  readonly active?: boolean;
}

/** State of a `gitlab.PipelineSchedule`. */
export interface PipelineScheduleOutputs extends PipelineScheduleInputs {
  /** GitLab's numeric id of the schedule. */
  readonly pipelineScheduleId: number;
  /** Username of the schedule's owner: its pipelines run with that user's rights. */
  readonly owner: string;
}

/** Args of the `PipelineSchedule` resource. */
export type PipelineScheduleArgs = GitlabResourceArgs<PipelineScheduleInputs>;

/**
 * Dynamic provider of `gitlab.PipelineSchedule` (`PipelineSchedules.create/show/edit/remove`); every
 * field but the project is edited in place.
 * @see https://docs.gitlab.com/api/pipeline_schedules/
 */
export const pipelineScheduleProvider = gitlabResourceProvider<PipelineScheduleInputs, PipelineScheduleOutputs>({
  diff: { replace: ["project"], update: ["description", "ref", "cron", "cronTimezone", "active"] },
  create: {
    action: (inputs) =>
      `create the pipeline schedule "${inputs.description}" (${inputs.cron} on ${inputs.ref}) in project ${inputs.project}`,
    call: async (api, inputs) => {
      const options = {
        ...(inputs.cronTimezone !== undefined ? { cronTimezone: inputs.cronTimezone } : {}),
        ...(inputs.active !== undefined ? { active: inputs.active } : {}),
      };
      const created = await api.PipelineSchedules.create(inputs.project, inputs.description, inputs.ref, inputs.cron, options);
      return { id: `${inputs.project}:${created.id}`, state: scheduleState(created as unknown as Record<string, unknown>) };
    },
  },
  read: {
    action: (_id, props) => `read pipeline schedule ${props.pipelineScheduleId} of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = await api.PipelineSchedules.show(props.project, props.pipelineScheduleId);
      return scheduleState(live as unknown as Record<string, unknown>);
    },
  },
  update: {
    action: (_id, olds, news) => `update pipeline schedule ${olds.pipelineScheduleId} of project ${news.project}`,
    call: async (api, _id, olds, news) => {
      const options = {
        description: news.description,
        ref: news.ref,
        cron: news.cron,
        ...(news.cronTimezone !== undefined ? { cronTimezone: news.cronTimezone } : {}),
        ...(news.active !== undefined ? { active: news.active } : {}),
      };
      const edited = await api.PipelineSchedules.edit(news.project, olds.pipelineScheduleId, options);
      return scheduleState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `delete pipeline schedule ${props.pipelineScheduleId} of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.PipelineSchedules.remove(props.project, props.pipelineScheduleId);
    },
  },
});

/**
 * A pipeline schedule (`pulumi-nodejs:dynamic/gitlab:PipelineSchedule`), mirroring
 * `gitlab.PipelineSchedule`.
 *
 * @example
 * new PipelineSchedule("beluga-drift-schedule", { connection, project: "beluga/apps", description: "Beluga drift",
 *   ref: "refs/heads/main", cron: "0 6 * * *", cronTimezone: "Europe/Paris" });
 */
export class PipelineSchedule extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly ref: pulumi.Output<string>;
  declare readonly cron: pulumi.Output<string>;
  declare readonly cronTimezone: pulumi.Output<string>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly pipelineScheduleId: pulumi.Output<number>;
  declare readonly owner: pulumi.Output<string>;

  constructor(name: string, args: PipelineScheduleArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), pipelineScheduleId: undefined, owner: undefined };
    super(pipelineScheduleProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "PipelineSchedule");
  }
}

/** Provider state from a REST pipeline schedule. */
function scheduleState(live: Record<string, unknown>): Omit<PipelineScheduleOutputs, "connection" | "project"> {
  return {
    pipelineScheduleId: live.id as number,
    description: live.description as string,
    ref: live.ref as string,
    cron: live.cron as string,
    cronTimezone: live.cron_timezone as string,
    active: live.active as boolean,
    owner: ((live.owner as { username?: string } | null)?.username ?? "") as string,
  };
}
