import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

/** How merge requests squash, as GitLab and the upstream provider name it. */
export type SquashOption = "never" | "always" | "default_on" | "default_off";
/** Merge commit, merge commit with semi-linear history, or fast-forward. */
export type MergeMethod = "merge" | "rebase_merge" | "ff";
/** Who sees the project. */
export type VisibilityLevel = "private" | "internal" | "public";

/**
 * Inputs of `gitlab.Project` as the provider receives them: the subset of the upstream provider's
 * arguments Beluga sets, same names. An argument left unset keeps GitLab's value.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/project/
 */
export interface ProjectInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  readonly name: string;
  /** URL path; changing it replaces the project. @default - derived by GitLab from the name */
  readonly path?: string;
  /** Group (or user namespace) id; changing it replaces the project. */
  readonly namespaceId?: number;
  readonly defaultBranch?: string;
  readonly description?: string;
  /** @default - GitLab's default for the group (private on Beluga's instance) */
  readonly visibilityLevel?: VisibilityLevel;
  /** Create the default branch with a README, so it exists to be protected. Creation-time only. */
  readonly initializeWithReadme?: boolean;
  readonly onlyAllowMergeIfPipelineSucceeds?: boolean;
  readonly onlyAllowMergeIfAllDiscussionsAreResolved?: boolean;
  readonly squashOption?: SquashOption;
  readonly removeSourceBranchAfterMerge?: boolean;
  readonly mergeMethod?: MergeMethod;
  /**
   * Where the project's pipelines take their definition: a file of the project, or `file@group/project`
   * for a file of another project (the root pipeline of the repository holding it).
   * @default - GitLab's default, the project's own `.gitlab-ci.yml`
   * @see https://docs.gitlab.com/ci/pipelines/settings/#specify-a-custom-cicd-configuration-file
   */
  readonly ciConfigPath?: string;
}

/** State of a `gitlab.Project`: its inputs as GitLab reports them, plus where it lives. */
export interface ProjectOutputs extends ProjectInputs {
  /** `group/path`. */
  readonly pathWithNamespace: string;
  readonly webUrl: string;
}

/** Args of the `Project` resource: `ProjectInputs`, each possibly an Output. */
export type ProjectArgs = GitlabResourceArgs<ProjectInputs>;

/** The settings GitLab edits in place (`PUT /projects/:id`); path and namespace force a new project. */
const EDITABLE = [
  "name",
  "defaultBranch",
  "description",
  "visibilityLevel",
  "onlyAllowMergeIfPipelineSucceeds",
  "onlyAllowMergeIfAllDiscussionsAreResolved",
  "squashOption",
  "removeSourceBranchAfterMerge",
  "mergeMethod",
  "ciConfigPath",
] as const;

/**
 * Dynamic provider of `gitlab.Project` over @gitbeaker/rest (`Projects.create/show/edit/remove`).
 * Deleting asks GitLab to delete the project (immediately on Free, after the group's retention delay on
 * Premium, during which the path stays taken).
 * @see https://docs.gitlab.com/api/projects/
 */
export const projectProvider = gitlabResourceProvider<ProjectInputs, ProjectOutputs>({
  diff: { replace: ["path", "namespaceId"], update: [...EDITABLE] },
  create: {
    action: (inputs) => `create project "${inputs.path ?? inputs.name}" in namespace ${inputs.namespaceId}`,
    call: async (api, inputs) => {
      const body = projectSettings(inputs, ["path", "namespaceId", "initializeWithReadme", ...EDITABLE]);
      const created = (await api.Projects.create(body as never)) as unknown as Record<string, unknown>;
      return { id: String(created.id), state: projectState(created) };
    },
  },
  read: {
    action: (id, props) => `read project ${id} ("${props.pathWithNamespace ?? props.name}")`,
    call: async (api, id) => projectState((await api.Projects.show(id)) as unknown as Record<string, unknown>),
  },
  update: {
    action: (id, _olds, news) => `update project ${id} ("${news.path ?? news.name}")`,
    call: async (api, id, _olds, news) => {
      const edited = (await api.Projects.edit(id, projectSettings(news, EDITABLE) as never)) as unknown as Record<string, unknown>;
      return projectState(edited);
    },
  },
  delete: {
    action: (id, props) => `delete project ${id} ("${props.pathWithNamespace ?? props.name}")`,
    call: async (api, id) => {
      await api.Projects.remove(id);
    },
  },
});

/**
 * A GitLab project (`pulumi-nodejs:dynamic/gitlab:Project`), mirroring `gitlab.Project`. The
 * connection is stored as a secret.
 *
 * @example
 * new Project("souscription-project", { connection, name: "souscription", path: "souscription", namespaceId: 42 });
 */
export class Project extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly path: pulumi.Output<string>;
  declare readonly namespaceId: pulumi.Output<number>;
  declare readonly defaultBranch: pulumi.Output<string>;
  declare readonly squashOption: pulumi.Output<SquashOption>;
  declare readonly mergeMethod: pulumi.Output<MergeMethod>;
  declare readonly ciConfigPath: pulumi.Output<string>;
  declare readonly pathWithNamespace: pulumi.Output<string>;
  declare readonly webUrl: pulumi.Output<string>;

  constructor(name: string, args: ProjectArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), pathWithNamespace: undefined, webUrl: undefined };
    super(projectProvider, name, props, withSecretOutputs(opts, "connection"), "gitlab", "Project");
  }
}

/** The REST body for the chosen settings (unset ones omitted), in gitbeaker's camelCase. */
function projectSettings(inputs: ProjectInputs, keys: readonly (keyof ProjectInputs)[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    if (inputs[key] === undefined) continue;
    body[key === "visibilityLevel" ? "visibility" : key] = inputs[key];
  }
  return body;
}

/** Provider state from a REST project (snake_case as GitLab sends it). */
function projectState(live: Record<string, unknown>): Omit<ProjectOutputs, "connection"> {
  const namespace = live.namespace as { id?: number } | undefined;
  return {
    name: live.name as string,
    path: live.path as string,
    namespaceId: namespace?.id as number,
    defaultBranch: live.default_branch as string,
    description: (live.description as string | null) ?? "",
    visibilityLevel: live.visibility as VisibilityLevel,
    onlyAllowMergeIfPipelineSucceeds: live.only_allow_merge_if_pipeline_succeeds as boolean,
    onlyAllowMergeIfAllDiscussionsAreResolved: live.only_allow_merge_if_all_discussions_are_resolved as boolean,
    squashOption: live.squash_option as SquashOption,
    removeSourceBranchAfterMerge: live.remove_source_branch_after_merge as boolean,
    mergeMethod: live.merge_method as MergeMethod,
    // GitLab reports an unset path as null or "" depending on its version: both mean its default.
    ciConfigPath: (live.ci_config_path as string | null) ?? "",
    pathWithNamespace: live.path_with_namespace as string,
    webUrl: live.web_url as string,
  };
}
