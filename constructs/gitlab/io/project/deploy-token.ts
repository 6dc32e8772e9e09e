import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/** What a deploy token may do. */
export type DeployTokenScope = "read_repository" | "read_registry" | "write_registry" | "read_package_registry" | "write_package_registry";

/**
 * Inputs of `gitlab.DeployToken` (project form), same names as the upstream provider. GitLab cannot
 * edit a deploy token: any change issues a new one.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/deploytoken/
 */
export interface DeployTokenInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  readonly name: string;
  /** Login of the token (`docker login -u`). @default - `gitlab+deploy-token-<id>` */
  readonly username?: string;
  readonly scopes: readonly DeployTokenScope[];
  /** ISO date (`2027-01-31`) after which GitLab refuses the token. @default - never expires */
  readonly expiresAt?: string;
}

/** State of a `gitlab.DeployToken`. */
export interface DeployTokenOutputs extends DeployTokenInputs {
  readonly deployTokenId: number;
  /** The secret itself, returned by GitLab once, at creation; stored as a Pulumi secret. */
  readonly token: string;
}

/** Args of the `DeployToken` resource. */
export type DeployTokenArgs = GitlabResourceArgs<DeployTokenInputs>;

/**
 * Dynamic provider of `gitlab.DeployToken` (`DeployTokens.create/show/remove`). A token GitLab reports
 * revoked or expired reads as gone, so `pulumi refresh` then `pulumi up` issues a new one.
 * @see https://docs.gitlab.com/api/deploy_tokens/
 */
export const deployTokenProvider = gitlabResourceProvider<DeployTokenInputs, DeployTokenOutputs>({
  diff: { replace: ["project", "name", "username", "scopes", "expiresAt"], update: [] },
  create: {
    action: (inputs) => `create deploy token "${inputs.name}" in project ${inputs.project}`,
    call: async (api, inputs) => {
      const options = {
        projectId: inputs.project,
        ...(inputs.username !== undefined ? { username: inputs.username } : {}),
        ...(inputs.expiresAt !== undefined ? { expires_at: inputs.expiresAt } : {}),
      };
      const created = (await api.DeployTokens.create(inputs.name, [...inputs.scopes], options)) as unknown as Record<string, unknown>;
      return { id: `${inputs.project}:${created.id}`, state: { ...deployTokenState(created), token: created.token as string } };
    },
  },
  read: {
    action: (_id, props) => `read deploy token "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = (await api.DeployTokens.show(props.deployTokenId, { projectId: props.project })) as unknown as Record<string, unknown>;
      return live.revoked === true || live.expired === true ? undefined : deployTokenState(live);
    },
  },
  // No update: only the connection can change in place (a rotated admin token); the deploy token stays.
  delete: {
    action: (_id, props) => `revoke deploy token "${props.name}" of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.DeployTokens.remove(props.deployTokenId, { projectId: props.project });
    },
  },
});

/**
 * A project deploy token (`pulumi-nodejs:dynamic/gitlab:DeployToken`), mirroring `gitlab.DeployToken`.
 * `token` is a secret output.
 *
 * @example
 * new DeployToken("souscription-registry-deploy-token", { connection, project: project.id,
 *   name: "souscription-registry", scopes: ["read_registry", "write_registry"] });
 */
export class DeployToken extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly username: pulumi.Output<string>;
  declare readonly scopes: pulumi.Output<DeployTokenScope[]>;
  declare readonly deployTokenId: pulumi.Output<number>;
  declare readonly token: pulumi.Output<string>;

  constructor(name: string, args: DeployTokenArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), deployTokenId: undefined, token: undefined };
    super(deployTokenProvider, name, props, withSecretOutputs(opts, "connection", "token"), "gitlab", "DeployToken");
  }
}

/** Provider state from a REST deploy token (without the secret, which GitLab shows only at creation). */
function deployTokenState(live: Record<string, unknown>): Omit<DeployTokenOutputs, "connection" | "project" | "token"> {
  return {
    deployTokenId: live.id as number,
    name: live.name as string,
    username: live.username as string,
    scopes: (live.scopes as DeployTokenScope[] | undefined) ?? [],
    ...(typeof live.expires_at === "string" ? { expiresAt: live.expires_at.slice(0, 10) } : {}),
  };
}
