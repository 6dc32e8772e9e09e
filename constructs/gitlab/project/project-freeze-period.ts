import * as pulumi from "@pulumi/pulumi";
import { type GitlabConnection, type GitlabConnectionInput, gitlabFailure, isGitlabNotFound, openGitlab } from "./gitlab-connection";
import { diffInputs } from "./provider-diff";

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
export type ProjectFreezePeriodArgs = { readonly [K in keyof ProjectFreezePeriodInputs]: K extends "connection" ? GitlabConnectionInput : pulumi.Input<ProjectFreezePeriodInputs[K]> };

/**
 * Dynamic provider of `gitlab.ProjectFreezePeriod` (`FreezePeriods.create/show/edit/remove`); every
 * field but the project is edited in place.
 * @see https://docs.gitlab.com/api/freeze_periods/
 */
export const projectFreezePeriodProvider = {
  async diff(_id: string, olds: ProjectFreezePeriodOutputs, news: ProjectFreezePeriodInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs({ ...olds }, { ...news }, { replace: ["project"], update: ["freezeStart", "freezeEnd", "cronTimezone"] });
  },

  async create(inputs: ProjectFreezePeriodInputs): Promise<{ id: string; outs: ProjectFreezePeriodOutputs }> {
    const api = openGitlab(inputs.connection);
    try {
      const options = inputs.cronTimezone !== undefined ? { cronTimezone: inputs.cronTimezone } : {};
      const created = (await api.FreezePeriods.create(inputs.project, inputs.freezeStart, inputs.freezeEnd, options)) as unknown as Record<string, unknown>;
      return { id: `${inputs.project}:${created.id}`, outs: { ...inputs, ...freezePeriodState(created) } };
    } catch (error) {
      throw gitlabFailure(error, `create the freeze period ${inputs.freezeStart} → ${inputs.freezeEnd} in project ${inputs.project}`, inputs.connection);
    }
  },

  async read(id: string, props: ProjectFreezePeriodOutputs): Promise<{ id: string; props: Partial<ProjectFreezePeriodOutputs> }> {
    const api = openGitlab(props.connection);
    try {
      const live = (await api.FreezePeriods.show(props.project, props.freezePeriodId)) as unknown as Record<string, unknown>;
      return { id, props: { ...props, ...freezePeriodState(live) } };
    } catch (error) {
      if (isGitlabNotFound(error)) return { id: "", props: {} };
      throw gitlabFailure(error, `read freeze period ${props.freezePeriodId} of project ${props.project}`, props.connection);
    }
  },

  async update(_id: string, olds: ProjectFreezePeriodOutputs, news: ProjectFreezePeriodInputs): Promise<{ outs: ProjectFreezePeriodOutputs }> {
    const api = openGitlab(news.connection);
    try {
      const options = { freezeStart: news.freezeStart, freezeEnd: news.freezeEnd, ...(news.cronTimezone !== undefined ? { cronTimezone: news.cronTimezone } : {}) };
      const edited = (await api.FreezePeriods.edit(news.project, olds.freezePeriodId, options)) as unknown as Record<string, unknown>;
      return { outs: { ...news, ...freezePeriodState(edited) } };
    } catch (error) {
      throw gitlabFailure(error, `update freeze period ${olds.freezePeriodId} of project ${news.project}`, news.connection);
    }
  },

  async delete(_id: string, props: ProjectFreezePeriodOutputs): Promise<void> {
    const api = openGitlab(props.connection);
    try {
      await api.FreezePeriods.remove(props.project, props.freezePeriodId);
    } catch (error) {
      if (isGitlabNotFound(error)) return;
      throw gitlabFailure(error, `delete freeze period ${props.freezePeriodId} of project ${props.project}`, props.connection);
    }
  },
} satisfies pulumi.dynamic.ResourceProvider;

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
    super(projectFreezePeriodProvider, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection"] }, "gitlab", "ProjectFreezePeriod");
  }
}

/** Provider state from a REST freeze period. */
function freezePeriodState(live: Record<string, unknown>): Omit<ProjectFreezePeriodOutputs, "connection" | "project"> {
  return { freezePeriodId: live.id as number, freezeStart: live.freeze_start as string, freezeEnd: live.freeze_end as string, cronTimezone: live.cron_timezone as string };
}
