import * as pulumi from "@pulumi/pulumi";
import { type GitlabConnection, type GitlabConnectionInput, gitlabFailure, isGitlabNotFound, openGitlab } from "./gitlab-connection";
import { diffInputs } from "./provider-diff";

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
export type DeployTokenArgs = { readonly [K in keyof DeployTokenInputs]: K extends "connection" ? GitlabConnectionInput : pulumi.Input<DeployTokenInputs[K]> };

/**
 * Dynamic provider of `gitlab.DeployToken` (`DeployTokens.create/show/remove`). A token GitLab reports
 * revoked or expired reads as gone, so `pulumi refresh` then `pulumi up` issues a new one.
 * @see https://docs.gitlab.com/api/deploy_tokens/
 */
export const deployTokenProvider = {
  async diff(_id: string, olds: DeployTokenOutputs, news: DeployTokenInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs({ ...olds }, { ...news }, { replace: ["project", "name", "username", "scopes", "expiresAt"], update: [] });
  },

  async create(inputs: DeployTokenInputs): Promise<{ id: string; outs: DeployTokenOutputs }> {
    const api = openGitlab(inputs.connection);
    const options = { projectId: inputs.project, ...(inputs.username !== undefined ? { username: inputs.username } : {}), ...(inputs.expiresAt !== undefined ? { expires_at: inputs.expiresAt } : {}) };
    try {
      const created = (await api.DeployTokens.create(inputs.name, [...inputs.scopes], options)) as unknown as Record<string, unknown>;
      return { id: `${inputs.project}:${created.id}`, outs: { ...inputs, ...deployTokenState(created), token: created.token as string } };
    } catch (error) {
      throw gitlabFailure(error, `create deploy token "${inputs.name}" in project ${inputs.project}`, inputs.connection);
    }
  },

  async read(id: string, props: DeployTokenOutputs): Promise<{ id: string; props: Partial<DeployTokenOutputs> }> {
    const api = openGitlab(props.connection);
    try {
      const live = (await api.DeployTokens.show(props.deployTokenId, { projectId: props.project })) as unknown as Record<string, unknown>;
      if (live.revoked === true || live.expired === true) return { id: "", props: {} };
      return { id, props: { ...props, ...deployTokenState(live) } };
    } catch (error) {
      if (isGitlabNotFound(error)) return { id: "", props: {} };
      throw gitlabFailure(error, `read deploy token "${props.name}" of project ${props.project}`, props.connection);
    }
  },

  /** Only the connection can change in place (a rotated admin token); the deploy token stays. */
  async update(_id: string, olds: DeployTokenOutputs, news: DeployTokenInputs): Promise<{ outs: DeployTokenOutputs }> {
    return { outs: { ...olds, connection: news.connection } };
  },

  async delete(_id: string, props: DeployTokenOutputs): Promise<void> {
    const api = openGitlab(props.connection);
    try {
      await api.DeployTokens.remove(props.deployTokenId, { projectId: props.project });
    } catch (error) {
      if (isGitlabNotFound(error)) return;
      throw gitlabFailure(error, `revoke deploy token "${props.name}" of project ${props.project}`, props.connection);
    }
  },
} satisfies pulumi.dynamic.ResourceProvider;

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
    super(deployTokenProvider, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection", "token"] }, "gitlab", "DeployToken");
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
