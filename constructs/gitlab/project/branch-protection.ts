import * as pulumi from "@pulumi/pulumi";
import { type AccessLevelName, accessLevelName, accessLevelNumber } from "./access-level";
import { type GitlabConnection, type GitlabConnectionInput, gitlabFailure, gitlabStatus, isGitlabNotFound, openGitlab } from "./gitlab-connection";
import { diffInputs } from "./provider-diff";

/**
 * Inputs of `gitlab.BranchProtection`, same names as the upstream provider.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/branchprotection/
 */
export interface BranchProtectionInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** Branch name or wildcard (`release/*`). */
  readonly branch: string;
  /** Who may push. Changing it re-protects the branch. @default "maintainer" (GitLab's default) */
  readonly pushAccessLevel?: AccessLevelName;
  /** Who may merge. Changing it re-protects the branch. @default "maintainer" (GitLab's default) */
  readonly mergeAccessLevel?: AccessLevelName;
  /** Who may unprotect. @default "maintainer" (GitLab's default) */
  readonly unprotectAccessLevel?: AccessLevelName;
  /** @default false */
  readonly allowForcePush?: boolean;
}

/** State of a `gitlab.BranchProtection`. */
export interface BranchProtectionOutputs extends BranchProtectionInputs {
  /** GitLab's id of the protection. */
  readonly branchProtectionId: number;
}

/** Args of the `BranchProtection` resource. */
export type BranchProtectionArgs = { readonly [K in keyof BranchProtectionInputs]: K extends "connection" ? GitlabConnectionInput : pulumi.Input<BranchProtectionInputs[K]> };

/**
 * Dynamic provider of `gitlab.BranchProtection` (`ProtectedBranches.protect/show/edit/unprotect`).
 * GitLab edits only `allowForcePush` in place (`PATCH`); access levels are set at protection time, so
 * changing them re-protects the branch (delete then create). Like upstream, creating a protection that
 * GitLab already made (the default branch of a project initialized with a README) takes it over:
 * unprotect, then protect with the declared levels.
 * @see https://docs.gitlab.com/api/protected_branches/
 */
export const branchProtectionProvider = {
  async diff(_id: string, olds: BranchProtectionOutputs, news: BranchProtectionInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs({ ...olds }, { ...news }, { replace: ["project", "branch", "pushAccessLevel", "mergeAccessLevel", "unprotectAccessLevel"], update: ["allowForcePush"], deleteBeforeReplace: true });
  },

  async create(inputs: BranchProtectionInputs): Promise<{ id: string; outs: BranchProtectionOutputs }> {
    const api = openGitlab(inputs.connection);
    const levels: Record<string, unknown> = {};
    if (inputs.pushAccessLevel !== undefined) levels.pushAccessLevel = accessLevelNumber(inputs.pushAccessLevel);
    if (inputs.mergeAccessLevel !== undefined) levels.mergeAccessLevel = accessLevelNumber(inputs.mergeAccessLevel);
    if (inputs.unprotectAccessLevel !== undefined) levels.unprotectAccessLevel = accessLevelNumber(inputs.unprotectAccessLevel);
    if (inputs.allowForcePush !== undefined) levels.allowForcePush = inputs.allowForcePush;
    const action = `protect branch "${inputs.branch}" of project ${inputs.project}`;
    try {
      let created: Record<string, unknown>;
      try {
        created = (await api.ProtectedBranches.protect(inputs.project, inputs.branch, levels)) as unknown as Record<string, unknown>;
      } catch (error) {
        if (gitlabStatus(error) !== 409) throw error;
        await api.ProtectedBranches.unprotect(inputs.project, inputs.branch);
        created = (await api.ProtectedBranches.protect(inputs.project, inputs.branch, levels)) as unknown as Record<string, unknown>;
      }
      return { id: `${inputs.project}:${inputs.branch}`, outs: { ...inputs, ...branchProtectionState(created) } };
    } catch (error) {
      throw gitlabFailure(error, action, inputs.connection);
    }
  },

  async read(id: string, props: BranchProtectionOutputs): Promise<{ id: string; props: Partial<BranchProtectionOutputs> }> {
    const api = openGitlab(props.connection);
    try {
      const live = (await api.ProtectedBranches.show(props.project, props.branch)) as unknown as Record<string, unknown>;
      return { id, props: { ...props, ...branchProtectionState(live) } };
    } catch (error) {
      if (isGitlabNotFound(error)) return { id: "", props: {} };
      throw gitlabFailure(error, `read the protection of branch "${props.branch}" of project ${props.project}`, props.connection);
    }
  },

  async update(_id: string, olds: BranchProtectionOutputs, news: BranchProtectionInputs): Promise<{ outs: BranchProtectionOutputs }> {
    const api = openGitlab(news.connection);
    try {
      const edited = news.allowForcePush === undefined || news.allowForcePush === olds.allowForcePush
        ? await api.ProtectedBranches.show(news.project, news.branch)
        : await api.ProtectedBranches.edit(news.project, news.branch, { allowForcePush: news.allowForcePush });
      return { outs: { ...news, ...branchProtectionState(edited as unknown as Record<string, unknown>) } };
    } catch (error) {
      throw gitlabFailure(error, `update the protection of branch "${news.branch}" of project ${news.project}`, news.connection);
    }
  },

  async delete(_id: string, props: BranchProtectionOutputs): Promise<void> {
    const api = openGitlab(props.connection);
    try {
      await api.ProtectedBranches.unprotect(props.project, props.branch);
    } catch (error) {
      if (isGitlabNotFound(error)) return;
      throw gitlabFailure(error, `unprotect branch "${props.branch}" of project ${props.project}`, props.connection);
    }
  },
} satisfies pulumi.dynamic.ResourceProvider;

/**
 * A protected branch (`pulumi-nodejs:dynamic/gitlab:BranchProtection`), mirroring
 * `gitlab.BranchProtection`.
 *
 * @example
 * new BranchProtection("souscription-main-protection", { connection, project: project.id, branch: "main",
 *   pushAccessLevel: "no one", mergeAccessLevel: "maintainer", allowForcePush: false });
 */
export class BranchProtection extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly branch: pulumi.Output<string>;
  declare readonly pushAccessLevel: pulumi.Output<AccessLevelName>;
  declare readonly mergeAccessLevel: pulumi.Output<AccessLevelName>;
  declare readonly allowForcePush: pulumi.Output<boolean>;
  declare readonly branchProtectionId: pulumi.Output<number>;

  constructor(name: string, args: BranchProtectionArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), branchProtectionId: undefined };
    super(branchProtectionProvider, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection"] }, "gitlab", "BranchProtection");
  }
}

/** Provider state from a REST protected branch (first access level of each kind, as upstream). */
function branchProtectionState(live: Record<string, unknown>): Omit<BranchProtectionOutputs, "connection" | "project"> {
  const first = (key: string) => accessLevelName((live[key] as Array<{ access_level: number }> | undefined)?.[0]?.access_level);
  const unprotect = first("unprotect_access_levels");
  return {
    branch: live.name as string,
    branchProtectionId: live.id as number,
    pushAccessLevel: first("push_access_levels"),
    mergeAccessLevel: first("merge_access_levels"),
    // GitLab Free reports no unprotect levels: keep the declared value rather than erase it.
    ...(unprotect !== undefined ? { unprotectAccessLevel: unprotect } : {}),
    allowForcePush: live.allow_force_push as boolean,
  };
}
