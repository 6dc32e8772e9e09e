import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/**
 * Inputs of `gitlab.ProjectFreezePeriod`, same names as the upstream provider. During a freeze GitLab
 * sets `CI_DEPLOY_FREEZE` in pipelines; deploy jobs refuse to run while it is set.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/projectfreezeperiod/
 */
export interface ProjectFreezePeriodInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Cron expression (5 fields) at which the freeze begins, e.g. `0 0 16 4 *`. */
  readonly freezeStart: string;
  /** Cron expression at which the freeze ends. */
  readonly freezeEnd: string;
  /** IANA time zone of both crons. @default "UTC" (GitLab's default) */
  readonly cronTimezone?: string;
}

/** State of a `gitlab.ProjectFreezePeriod`. */
export interface ProjectFreezePeriodOutputs extends ProjectFreezePeriodInputs {
  /** GitLab's numeric id of the freeze period. */
  readonly freezePeriodId: number;
}

/** Args of the `ProjectFreezePeriod` resource. */
export type ProjectFreezePeriodArgs = GitlabResourceArgs<ProjectFreezePeriodInputs>;

/**
 * Dynamic provider of `gitlab.ProjectFreezePeriod` (`FreezePeriods.create/show/edit/remove`); every
 * field but the project is edited in place.
 * @see https://docs.gitlab.com/api/freeze_periods/
 */
export const projectFreezePeriodProvider = gitlabResourceProvider<ProjectFreezePeriodInputs, ProjectFreezePeriodOutputs>({
  diff: { replace: ["project"], update: ["freezeStart", "freezeEnd", "cronTimezone"] },
  create: {
    action: (inputs) => `create the freeze period ${inputs.freezeStart} → ${inputs.freezeEnd} in project ${inputs.project}`,
    call: async (api, inputs) => {
      const options = inputs.cronTimezone !== undefined ? { cronTimezone: inputs.cronTimezone } : {};
      const created = await api.FreezePeriods.create(inputs.project, inputs.freezeStart, inputs.freezeEnd, options);
      return { id: `${inputs.project}:${created.id}`, state: freezePeriodState(created as unknown as Record<string, unknown>) };
    },
  },
  read: {
    action: (_id, props) => `read freeze period ${props.freezePeriodId} of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = await api.FreezePeriods.show(props.project, props.freezePeriodId);
      return freezePeriodState(live as unknown as Record<string, unknown>);
    },
  },
  update: {
    action: (_id, olds, news) => `update freeze period ${olds.freezePeriodId} of project ${news.project}`,
    call: async (api, _id, olds, news) => {
      const options = {
        freezeStart: news.freezeStart,
        freezeEnd: news.freezeEnd,
        ...(news.cronTimezone !== undefined ? { cronTimezone: news.cronTimezone } : {}),
      };
      const edited = (await api.FreezePeriods.edit(news.project, olds.freezePeriodId, options)) as unknown as Record<string, unknown>;
      return freezePeriodState(edited);
    },
  },
  delete: {
    action: (_id, props) => `delete freeze period ${props.freezePeriodId} of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.FreezePeriods.remove(props.project, props.freezePeriodId);
    },
  },
});

/**
 * A deploy freeze (`pulumi-nodejs:dynamic/gitlab:ProjectFreezePeriod`), mirroring
 * `gitlab.ProjectFreezePeriod`.
 *
 * @example
 * new ProjectFreezePeriod("gestion-contrats-freeze-05-01", { connection, project: project.id,
 *   freezeStart: "0 0 1 5 *", freezeEnd: "0 0 1 10 *", cronTimezone: "Europe/Paris" });
 */
export class ProjectFreezePeriod extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly freezeStart: pulumi.Output<string>;
  declare readonly freezeEnd: pulumi.Output<string>;
  declare readonly cronTimezone: pulumi.Output<string>;
  declare readonly freezePeriodId: pulumi.Output<number>;

  constructor(name: string, args: ProjectFreezePeriodArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), freezePeriodId: undefined };
    super(projectFreezePeriodProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "ProjectFreezePeriod");
  }
}

/** Provider state from a REST freeze period. */
function freezePeriodState(live: Record<string, unknown>): Omit<ProjectFreezePeriodOutputs, "connection" | "project"> {
  return {
    freezePeriodId: live.id as number,
    freezeStart: live.freeze_start as string,
    freezeEnd: live.freeze_end as string,
    cronTimezone: live.cron_timezone as string,
  };
}
