import * as pulumi from "@pulumi/pulumi";
import { type AccessLevelName, accessLevelName, accessLevelNumber } from "./access-level";
import { type GitlabConnection, gitlabStatus } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

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
export type BranchProtectionArgs = GitlabResourceArgs<BranchProtectionInputs>;

/**
 * Dynamic provider of `gitlab.BranchProtection` (`ProtectedBranches.protect/show/edit/unprotect`).
 * GitLab edits only `allowForcePush` in place (`PATCH`); access levels are set at protection time, so
 * changing them re-protects the branch (delete then create). Like upstream, creating a protection that
 * GitLab already made (the default branch of a project initialized with a README) takes it over:
 * unprotect, then protect with the declared levels.
 * @see https://docs.gitlab.com/api/protected_branches/
 */
export const branchProtectionProvider = gitlabResourceProvider<BranchProtectionInputs, BranchProtectionOutputs>({
  diff: {
    replace: ["project", "branch", "pushAccessLevel", "mergeAccessLevel", "unprotectAccessLevel"],
    update: ["allowForcePush"],
    deleteBeforeReplace: true,
  },
  create: {
    action: (inputs) => `protect branch "${inputs.branch}" of project ${inputs.project}`,
    call: async (api, inputs) => {
      const levels: Record<string, unknown> = {};
      if (inputs.pushAccessLevel !== undefined) levels.pushAccessLevel = accessLevelNumber(inputs.pushAccessLevel);
      if (inputs.mergeAccessLevel !== undefined) levels.mergeAccessLevel = accessLevelNumber(inputs.mergeAccessLevel);
      if (inputs.unprotectAccessLevel !== undefined) levels.unprotectAccessLevel = accessLevelNumber(inputs.unprotectAccessLevel);
      if (inputs.allowForcePush !== undefined) levels.allowForcePush = inputs.allowForcePush;
      let created: Record<string, unknown>;
      try {
        created = (await api.ProtectedBranches.protect(inputs.project, inputs.branch, levels)) as unknown as Record<string, unknown>;
      } catch (error) {
        if (gitlabStatus(error) !== 409) throw error;
        await api.ProtectedBranches.unprotect(inputs.project, inputs.branch);
        created = (await api.ProtectedBranches.protect(inputs.project, inputs.branch, levels)) as unknown as Record<string, unknown>;
      }
      return { id: `${inputs.project}:${inputs.branch}`, state: branchProtectionState(created) };
    },
  },
  read: {
    action: (_id, props) => `read the protection of branch "${props.branch}" of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = (await api.ProtectedBranches.show(props.project, props.branch)) as unknown as Record<string, unknown>;
      return branchProtectionState(live);
    },
  },
  update: {
    action: (_id, _olds, news) => `update the protection of branch "${news.branch}" of project ${news.project}`,
    call: async (api, _id, olds, news) => {
      const edited =
        news.allowForcePush === undefined || news.allowForcePush === olds.allowForcePush
          ? await api.ProtectedBranches.show(news.project, news.branch)
          : await api.ProtectedBranches.edit(news.project, news.branch, { allowForcePush: news.allowForcePush });
      return branchProtectionState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `unprotect branch "${props.branch}" of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.ProtectedBranches.unprotect(props.project, props.branch);
    },
  },
});

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
    super(branchProtectionProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "BranchProtection");
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
