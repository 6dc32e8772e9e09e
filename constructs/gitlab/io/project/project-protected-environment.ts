import * as pulumi from "@pulumi/pulumi";
import { type AccessLevelName, accessLevelName, accessLevelNumber } from "./access-level";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/** Who may deploy to a protected environment: a role, a user or a group (one of them). */
export interface DeployAccessLevel {
  readonly accessLevel?: AccessLevelName;
  readonly userId?: number;
  readonly groupId?: number;
}

/**
 * Inputs of `gitlab.ProjectProtectedEnvironment`, same names as the upstream provider. Protected
 * environments need GitLab Premium.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/projectprotectedenvironment/
 */
export interface ProjectProtectedEnvironmentInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Environment name (`prod`). */
  readonly environment: string;
  /** Who may deploy; changing the list re-protects the environment. */
  readonly deployAccessLevels: readonly DeployAccessLevel[];
  /** Approvals a deployment needs before it runs. @default 0 */
  readonly requiredApprovalCount?: number;
}

/** State of a `gitlab.ProjectProtectedEnvironment`. */
export type ProjectProtectedEnvironmentOutputs = ProjectProtectedEnvironmentInputs;

/** Args of the `ProjectProtectedEnvironment` resource. */
export type ProjectProtectedEnvironmentArgs = GitlabResourceArgs<ProjectProtectedEnvironmentInputs>;

/**
 * Dynamic provider of `gitlab.ProjectProtectedEnvironment` (`ProjectProtectedEnvironments.create/show/
 * edit/remove`). `requiredApprovalCount` is edited in place. The deploy access list is not: GitLab's
 * `PUT` adds entries and removes one only when given its id with `_destroy`, so a changed list
 * re-protects the environment (delete then create) instead of patching entry by entry.
 * @see https://docs.gitlab.com/api/protected_environments/
 */
export const projectProtectedEnvironmentProvider = gitlabResourceProvider<
  ProjectProtectedEnvironmentInputs,
  ProjectProtectedEnvironmentOutputs
>({
  diff: { replace: ["project", "environment", "deployAccessLevels"], update: ["requiredApprovalCount"], deleteBeforeReplace: true },
  create: {
    action: (inputs) => `protect environment "${inputs.environment}" of project ${inputs.project}`,
    call: async (api, inputs) => {
      const levels = inputs.deployAccessLevels.map((l) =>
        l.accessLevel !== undefined
          ? { accessLevel: accessLevelNumber(l.accessLevel) }
          : l.userId !== undefined
            ? { userId: l.userId }
            : { groupId: l.groupId },
      ) as never;
      const options = (inputs.requiredApprovalCount !== undefined ? { requiredApprovalCount: inputs.requiredApprovalCount } : {}) as never;
      const created = await api.ProjectProtectedEnvironments.create(inputs.project, inputs.environment, levels, options);
      const state = protectedEnvironmentState(created as unknown as Record<string, unknown>);
      return { id: `${inputs.project}:${inputs.environment}`, state };
    },
  },
  read: {
    action: (_id, props) => `read the protection of environment "${props.environment}" of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = await api.ProjectProtectedEnvironments.show(props.project, props.environment);
      return protectedEnvironmentState(live as unknown as Record<string, unknown>);
    },
  },
  update: {
    action: (_id, _olds, news) => `update the protection of environment "${news.environment}" of project ${news.project}`,
    call: async (api, _id, _olds, news) => {
      const edited =
        news.requiredApprovalCount === undefined
          ? await api.ProjectProtectedEnvironments.show(news.project, news.environment)
          : await api.ProjectProtectedEnvironments.edit(news.project, news.environment, {
              requiredApprovalCount: news.requiredApprovalCount,
            });
      return protectedEnvironmentState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `unprotect environment "${props.environment}" of project ${props.project}`,
    call: async (api, _id, props) => {
      // `remove` is what gitbeaker implements (its typings also declare an `unprotect` it lacks).
      await api.ProjectProtectedEnvironments.remove(props.project, props.environment);
    },
  },
});

/**
 * A protected environment (`pulumi-nodejs:dynamic/gitlab:ProjectProtectedEnvironment`), mirroring
 * `gitlab.ProjectProtectedEnvironment`.
 *
 * @example
 * new ProjectProtectedEnvironment("souscription-env-prod-protection", { connection, project: project.id,
 *   environment: "prod", deployAccessLevels: [{ accessLevel: "maintainer" }], requiredApprovalCount: 2 });
 */
export class ProjectProtectedEnvironment extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly environment: pulumi.Output<string>;
  declare readonly deployAccessLevels: pulumi.Output<DeployAccessLevel[]>;
  declare readonly requiredApprovalCount: pulumi.Output<number>;

  constructor(name: string, args: ProjectProtectedEnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection) };
    super(projectProtectedEnvironmentProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "ProjectProtectedEnvironment");
  }
}

/** Provider state from a REST protected environment (null user/group ids dropped). */
function protectedEnvironmentState(live: Record<string, unknown>): Omit<ProjectProtectedEnvironmentOutputs, "connection" | "project"> {
  type RestLevel = { access_level?: number; user_id?: number | null; group_id?: number | null };
  const levels = (live.deploy_access_levels as RestLevel[] | undefined) ?? [];
  return {
    environment: live.name as string,
    deployAccessLevels: levels.map((l): DeployAccessLevel =>
      typeof l.user_id === "number"
        ? { userId: l.user_id }
        : typeof l.group_id === "number"
          ? { groupId: l.group_id }
          : { accessLevel: accessLevelName(l.access_level) },
    ),
    requiredApprovalCount: (live.required_approval_count as number | undefined) ?? 0,
  };
}
