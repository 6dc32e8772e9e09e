import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/**
 * Inputs of `gitlab.PipelineScheduleVariable`, same names as the upstream provider: a variable every
 * pipeline the schedule starts receives (what tells the drift schedule's pipeline from a push).
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/pipelineschedulevariable/
 */
export interface PipelineScheduleVariableInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** The schedule's numeric id (`PipelineSchedule.pipelineScheduleId`). */
  readonly pipelineScheduleId: number;
  /** `[A-Za-z0-9_]+`; changing it replaces the variable. */
  readonly key: string;
  /** Not secret: GitLab shows schedule variables to every Maintainer and in the schedule's pipelines. */
  readonly value: string;
  /** @default "env_var" */
  readonly variableType?: "env_var" | "file";
}

/** State of a `gitlab.PipelineScheduleVariable`. */
export type PipelineScheduleVariableOutputs = PipelineScheduleVariableInputs;

/** Args of the `PipelineScheduleVariable` resource. */
export type PipelineScheduleVariableArgs = GitlabResourceArgs<PipelineScheduleVariableInputs>;

/**
 * Dynamic provider of `gitlab.PipelineScheduleVariable` (`PipelineScheduleVariables.create/edit/remove`;
 * GitLab has no endpoint for one variable, so it is read from the schedule's `variables`).
 * @see https://docs.gitlab.com/api/pipeline_schedules/#create-a-new-pipeline-schedule-variable
 */
export const pipelineScheduleVariableProvider = gitlabResourceProvider<PipelineScheduleVariableInputs, PipelineScheduleVariableOutputs>({
  diff: { replace: ["project", "pipelineScheduleId", "key"], update: ["value", "variableType"], deleteBeforeReplace: true },
  create: {
    action: (inputs) => `create variable ${inputs.key} of pipeline schedule ${inputs.pipelineScheduleId} in project ${inputs.project}`,
    call: async (api, inputs) => {
      const options = inputs.variableType !== undefined ? { variableType: inputs.variableType } : {};
      const created = await api.PipelineScheduleVariables.create(
        inputs.project,
        inputs.pipelineScheduleId,
        inputs.key,
        inputs.value,
        options,
      );
      return {
        id: `${inputs.project}:${inputs.pipelineScheduleId}:${inputs.key}`,
        state: variableState(created as unknown as Record<string, unknown>),
      };
    },
  },
  read: {
    action: (_id, props) => `read variable ${props.key} of pipeline schedule ${props.pipelineScheduleId} of project ${props.project}`,
    call: async (api, _id, props) => {
      const schedule = (await api.PipelineSchedules.show(props.project, props.pipelineScheduleId)) as unknown as Record<string, unknown>;
      const live = ((schedule.variables ?? []) as Record<string, unknown>[]).find((v) => v.key === props.key);
      return live === undefined ? undefined : variableState(live);
    },
  },
  update: {
    action: (_id, _olds, news) => `update variable ${news.key} of pipeline schedule ${news.pipelineScheduleId} of project ${news.project}`,
    call: async (api, _id, _olds, news) => {
      const options = news.variableType !== undefined ? { variableType: news.variableType } : {};
      const edited = await api.PipelineScheduleVariables.edit(news.project, news.pipelineScheduleId, news.key, news.value, options);
      return variableState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `delete variable ${props.key} of pipeline schedule ${props.pipelineScheduleId} of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.PipelineScheduleVariables.remove(props.project, props.pipelineScheduleId, props.key);
    },
  },
});

/**
 * A variable of a pipeline schedule (`pulumi-nodejs:dynamic/gitlab:PipelineScheduleVariable`),
 * mirroring `gitlab.PipelineScheduleVariable`.
 *
 * @example
 * new PipelineScheduleVariable("beluga-drift-schedule-BELUGA_SCHEDULE", { connection, project: schedule.project,
 *   pipelineScheduleId: schedule.pipelineScheduleId, key: "BELUGA_SCHEDULE", value: "drift" });
 */
export class PipelineScheduleVariable extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly pipelineScheduleId: pulumi.Output<number>;
  declare readonly key: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  declare readonly variableType: pulumi.Output<string>;

  constructor(name: string, args: PipelineScheduleVariableArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection) };
    super(pipelineScheduleVariableProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "PipelineScheduleVariable");
  }
}

/** Provider state from a REST schedule variable. */
function variableState(live: Record<string, unknown>): Pick<PipelineScheduleVariableOutputs, "key" | "value" | "variableType"> {
  return { key: live.key as string, value: live.value as string, variableType: live.variable_type as "env_var" | "file" };
}
