import * as pulumi from "@pulumi/pulumi";
import { type AccessLevelName, accessLevelName, accessLevelNumber } from "./access-level";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/** What a project access token may do. */
export type ProjectAccessTokenScope =
  "api" | "read_api" | "read_registry" | "write_registry" | "read_repository" | "write_repository" | "create_runner";

/**
 * Inputs of `gitlab.ProjectAccessToken`, same names as the upstream provider. GitLab cannot edit an
 * access token: any change issues a new one.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/projectaccesstoken/
 */
export interface ProjectAccessTokenInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Also the display name of the bot user GitLab creates for the token. */
  readonly name: string;
  readonly scopes: readonly ProjectAccessTokenScope[];
  /** Role of the bot user in the project. @default "maintainer" (upstream's default) */
  readonly accessLevel?: Exclude<AccessLevelName, "no one" | "minimal" | "admin">;
  /** ISO date (`2027-01-31`). @default - the instance's maximum lifetime (365 days by default) */
  readonly expiresAt?: string;
}

/** State of a `gitlab.ProjectAccessToken`. */
export interface ProjectAccessTokenOutputs extends ProjectAccessTokenInputs {
  readonly tokenId: number;
  /** The bot user GitLab created for the token. */
  readonly userId: number;
  /** The secret itself, returned by GitLab once, at creation; stored as a Pulumi secret. */
  readonly token: string;
}

/** Args of the `ProjectAccessToken` resource. */
export type ProjectAccessTokenArgs = GitlabResourceArgs<ProjectAccessTokenInputs>;

/**
 * Dynamic provider of `gitlab.ProjectAccessToken` (`ProjectAccessTokens.create/show/revoke`). A token
 * GitLab reports revoked or inactive (expired) reads as gone, so `pulumi refresh` then `pulumi up`
 * issues a new one.
 * @see https://docs.gitlab.com/api/project_access_tokens/
 */
export const projectAccessTokenProvider = gitlabResourceProvider<ProjectAccessTokenInputs, ProjectAccessTokenOutputs>({
  diff: { replace: ["project", "name", "scopes", "accessLevel", "expiresAt"], update: [] },
  create: {
    action: (inputs) => `create project access token "${inputs.name}" in project ${inputs.project}`,
    call: async (api, inputs) => {
      const options = { accessLevel: accessLevelNumber(inputs.accessLevel ?? "maintainer") } as never;
      // gitbeaker's signature wants an expiry; left undefined it is dropped and GitLab applies its maximum.
      const created = (await api.ProjectAccessTokens.create(
        inputs.project,
        inputs.name,
        [...inputs.scopes],
        inputs.expiresAt as string,
        options,
      )) as unknown as Record<string, unknown>;
      return { id: `${inputs.project}:${created.id}`, state: { ...accessTokenState(created), token: created.token as string } };
    },
  },
  read: {
    action: (_id, props) => `read project access token "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = (await api.ProjectAccessTokens.show(props.project, props.tokenId)) as unknown as Record<string, unknown>;
      return live.revoked === true || live.active === false ? undefined : accessTokenState(live);
    },
  },
  // No update: only the connection can change in place (a rotated admin token); the access token stays.
  delete: {
    action: (_id, props) => `revoke project access token "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.ProjectAccessTokens.revoke(props.project, props.tokenId);
    },
  },
});

/**
 * A project access token (`pulumi-nodejs:dynamic/gitlab:ProjectAccessToken`), mirroring
 * `gitlab.ProjectAccessToken`. `token` is a secret output.
 *
 * @example
 * new ProjectAccessToken("souscription-mr-bot-token", { connection, project: project.id,
 *   name: "souscription-mr-bot", scopes: ["api"], accessLevel: "reporter" });
 */
export class ProjectAccessToken extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly scopes: pulumi.Output<ProjectAccessTokenScope[]>;
  declare readonly accessLevel: pulumi.Output<AccessLevelName>;
  declare readonly expiresAt: pulumi.Output<string>;
  declare readonly tokenId: pulumi.Output<number>;
  declare readonly userId: pulumi.Output<number>;
  declare readonly token: pulumi.Output<string>;

  constructor(name: string, args: ProjectAccessTokenArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), tokenId: undefined, userId: undefined, token: undefined };
    super(projectAccessTokenProvider, name, props, withSecretOutputs(opts, "connection", "token"), "gitlab", "ProjectAccessToken");
  }
}

/** Provider state from a REST access token (without the secret, which GitLab shows only at creation). */
function accessTokenState(
  live: Record<string, unknown>,
): Omit<ProjectAccessTokenOutputs, "connection" | "project" | "token" | "expiresAt"> {
  return {
    tokenId: live.id as number,
    userId: live.user_id as number,
    name: live.name as string,
    scopes: (live.scopes as ProjectAccessTokenScope[] | undefined) ?? [],
    accessLevel: accessLevelName(live.access_level as number) as ProjectAccessTokenInputs["accessLevel"],
  };
}
