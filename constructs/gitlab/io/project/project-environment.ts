import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/** GitLab deployment tier of an environment. */
export type EnvironmentTier = "production" | "staging" | "testing" | "development" | "other";

/**
 * Inputs of `gitlab.ProjectEnvironment`, same names as the upstream provider.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/projectenvironment/
 */
export interface ProjectEnvironmentInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Environment name as deploy jobs use it (`environment.name`); changing it replaces the environment. */
  readonly name: string;
  /** @default - GitLab guesses from the name ("other" when it cannot) */
  readonly tier?: EnvironmentTier;
  /** @default - none */
  readonly externalUrl?: string;
}

/** State of a `gitlab.ProjectEnvironment`. */
export interface ProjectEnvironmentOutputs extends ProjectEnvironmentInputs {
  /** GitLab's numeric id of the environment. */
  readonly environmentId: number;
  readonly slug: string;
  /** `available` or `stopped`. */
  readonly state: string;
}

/** Args of the `ProjectEnvironment` resource. */
export type ProjectEnvironmentArgs = GitlabResourceArgs<ProjectEnvironmentInputs>;

/**
 * Dynamic provider of `gitlab.ProjectEnvironment` (`Environments.create/show/edit/stop/remove`).
 * GitLab deletes only stopped environments, so delete stops it first (upstream's `stopBeforeDestroy`).
 * @see https://docs.gitlab.com/api/environments/
 */
export const projectEnvironmentProvider = gitlabResourceProvider<ProjectEnvironmentInputs, ProjectEnvironmentOutputs>({
  diff: { replace: ["project", "name"], update: ["tier", "externalUrl"], deleteBeforeReplace: true },
  create: {
    action: (inputs) => `create environment "${inputs.name}" in project ${inputs.project}`,
    call: async (api, inputs) => {
      const created = await api.Environments.create(inputs.project, inputs.name, environmentSettings(inputs));
      return { id: `${inputs.project}:${created.id}`, state: environmentState(created as unknown as Record<string, unknown>) };
    },
  },
  read: {
    action: (_id, props) => `read environment "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = await api.Environments.show(props.project, props.environmentId);
      return environmentState(live as unknown as Record<string, unknown>);
    },
  },
  update: {
    action: (_id, _olds, news) => `update environment "${news.name}" of project ${news.project}`,
    call: async (api, _id, olds, news) => {
      const edited = await api.Environments.edit(news.project, olds.environmentId, environmentSettings(news));
      return environmentState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `delete environment "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.Environments.stop(props.project, props.environmentId);
      await api.Environments.remove(props.project, props.environmentId);
    },
  },
});

/**
 * A deployment environment (`pulumi-nodejs:dynamic/gitlab:ProjectEnvironment`), mirroring
 * `gitlab.ProjectEnvironment`.
 *
 * @example
 * new ProjectEnvironment("souscription-env-prod", { connection, project: project.id, name: "prod", tier: "production" });
 */
export class ProjectEnvironment extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly tier: pulumi.Output<EnvironmentTier>;
  declare readonly externalUrl: pulumi.Output<string | undefined>;
  declare readonly environmentId: pulumi.Output<number>;

  constructor(name: string, args: ProjectEnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), environmentId: undefined, slug: undefined, state: undefined };
    super(projectEnvironmentProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "ProjectEnvironment");
  }
}

/** The REST body: only the settings given. */
function environmentSettings(inputs: ProjectEnvironmentInputs): { tier?: EnvironmentTier; externalUrl?: string } {
  return {
    ...(inputs.tier !== undefined ? { tier: inputs.tier } : {}),
    ...(inputs.externalUrl !== undefined ? { externalUrl: inputs.externalUrl } : {}),
  };
}

/** Provider state from a REST environment. */
function environmentState(live: Record<string, unknown>): Omit<ProjectEnvironmentOutputs, "connection" | "project"> {
  return {
    name: live.name as string,
    environmentId: live.id as number,
    slug: live.slug as string,
    state: live.state as string,
    tier: live.tier as EnvironmentTier,
    ...(typeof live.external_url === "string" ? { externalUrl: live.external_url } : {}),
  };
}
