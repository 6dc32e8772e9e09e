import * as pulumi from "@pulumi/pulumi";
import { type GitlabConnection, type GitlabConnectionInput, gitlabFailure, isGitlabNotFound, openGitlab } from "./gitlab-connection";
import { diffInputs } from "./provider-diff";

/**
 * Inputs of `gitlab.ProjectVariable`, same names as the upstream provider.
 * @see https://www.pulumi.com/registry/packages/gitlab/api-docs/projectvariable/
 */
export interface ProjectVariableInputs {
  /** Secret; see `GitlabConnection`. */
  readonly connection: GitlabConnection;
  /** Project id or `group/path`. */
  readonly project: string;
  /** `[A-Za-z0-9_]+`; changing it replaces the variable. */
  readonly key: string;
  /** Always stored as a Pulumi secret. A masked value must be 8+ characters of GitLab's masking alphabet. */
  readonly value: string;
  /** Hidden in job logs. @default false */
  readonly masked?: boolean;
  /** Only exported to pipelines on protected branches and tags. @default false */
  readonly protected?: boolean;
  /** Environments that see it; changing it replaces the variable. @default "*" */
  readonly environmentScope?: string;
  /** @default "env_var" */
  readonly variableType?: "env_var" | "file";
  /** Not expanded (`$OTHER` stays literal). @default false */
  readonly raw?: boolean;
  /** @default - none */
  readonly description?: string;
}

/** State of a `gitlab.ProjectVariable`. */
export type ProjectVariableOutputs = ProjectVariableInputs;

/** Args of the `ProjectVariable` resource. */
export type ProjectVariableArgs = { readonly [K in keyof ProjectVariableInputs]: K extends "connection" ? GitlabConnectionInput : pulumi.Input<ProjectVariableInputs[K]> };

/** Settings GitLab edits in place. */
const EDITABLE = ["value", "masked", "protected", "variableType", "raw", "description"] as const;

/**
 * Dynamic provider of `gitlab.ProjectVariable` (`ProjectVariables.create/show/edit/remove`, with the
 * `filter[environment_scope]` GitLab needs once a key exists in several scopes).
 * @see https://docs.gitlab.com/api/project_level_variables/
 */
export const projectVariableProvider = {
  async diff(_id: string, olds: ProjectVariableOutputs, news: ProjectVariableInputs): Promise<pulumi.dynamic.DiffResult> {
    return diffInputs({ ...olds }, { ...news }, { replace: ["project", "key", "environmentScope"], update: [...EDITABLE], deleteBeforeReplace: true });
  },

  async create(inputs: ProjectVariableInputs): Promise<{ id: string; outs: ProjectVariableOutputs }> {
    const api = openGitlab(inputs.connection);
    const scope = inputs.environmentScope ?? "*";
    try {
      const created = (await api.ProjectVariables.create(inputs.project, inputs.key, inputs.value, { ...variableSettings(inputs), environmentScope: scope })) as unknown as Record<string, unknown>;
      return { id: `${inputs.project}:${inputs.key}:${scope}`, outs: { ...inputs, ...variableState(created) } };
    } catch (error) {
      throw gitlabFailure(error, `create CI/CD variable ${inputs.key} (scope ${scope}) in project ${inputs.project}`, inputs.connection);
    }
  },

  async read(id: string, props: ProjectVariableOutputs): Promise<{ id: string; props: Partial<ProjectVariableOutputs> }> {
    const api = openGitlab(props.connection);
    const scope = props.environmentScope ?? "*";
    try {
      const live = (await api.ProjectVariables.show(props.project, props.key, { filter: { environment_scope: scope } })) as unknown as Record<string, unknown>;
      return { id, props: { ...props, ...variableState(live) } };
    } catch (error) {
      if (isGitlabNotFound(error)) return { id: "", props: {} };
      throw gitlabFailure(error, `read CI/CD variable ${props.key} (scope ${scope}) of project ${props.project}`, props.connection);
    }
  },

  async update(_id: string, _olds: ProjectVariableOutputs, news: ProjectVariableInputs): Promise<{ outs: ProjectVariableOutputs }> {
    const api = openGitlab(news.connection);
    const scope = news.environmentScope ?? "*";
    try {
      const edited = (await api.ProjectVariables.edit(news.project, news.key, news.value, { ...variableSettings(news), filter: { environment_scope: scope } })) as unknown as Record<string, unknown>;
      return { outs: { ...news, ...variableState(edited) } };
    } catch (error) {
      throw gitlabFailure(error, `update CI/CD variable ${news.key} (scope ${scope}) of project ${news.project}`, news.connection);
    }
  },

  async delete(_id: string, props: ProjectVariableOutputs): Promise<void> {
    const api = openGitlab(props.connection);
    const scope = props.environmentScope ?? "*";
    try {
      await api.ProjectVariables.remove(props.project, props.key, { filter: { environment_scope: scope } });
    } catch (error) {
      if (isGitlabNotFound(error)) return;
      throw gitlabFailure(error, `delete CI/CD variable ${props.key} (scope ${scope}) of project ${props.project}`, props.connection);
    }
  },
} satisfies pulumi.dynamic.ResourceProvider;

/**
 * A CI/CD variable (`pulumi-nodejs:dynamic/gitlab:ProjectVariable`), mirroring
 * `gitlab.ProjectVariable`. The value and the connection are stored as secrets, whatever `masked` says.
 *
 * @example
 * new ProjectVariable("souscription-var-SONAR_TOKEN", { connection, project: project.id, key: "SONAR_TOKEN",
 *   value: config.requireSecret("sonarToken"), masked: true, protected: true });
 */
export class ProjectVariable extends pulumi.dynamic.Resource {
  declare readonly project: pulumi.Output<string>;
  declare readonly key: pulumi.Output<string>;
  declare readonly value: pulumi.Output<string>;
  declare readonly masked: pulumi.Output<boolean>;
  declare readonly protected: pulumi.Output<boolean>;
  declare readonly environmentScope: pulumi.Output<string>;

  constructor(name: string, args: ProjectVariableArgs, opts?: pulumi.CustomResourceOptions) {
    const props = { ...args, connection: pulumi.secret(args.connection), value: pulumi.secret(args.value) };
    super(projectVariableProvider, name, props, { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "connection", "value"] }, "gitlab", "ProjectVariable");
  }
}

/** The REST body: only the settings given. */
function variableSettings(inputs: ProjectVariableInputs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of EDITABLE) if (key !== "value" && inputs[key] !== undefined) body[key] = inputs[key];
  return body;
}

/** Provider state from a REST variable. */
function variableState(live: Record<string, unknown>): Omit<ProjectVariableOutputs, "connection" | "project"> {
  return {
    key: live.key as string,
    value: live.value as string,
    masked: live.masked as boolean,
    protected: live.protected as boolean,
    environmentScope: live.environment_scope as string,
    variableType: live.variable_type as "env_var" | "file",
    ...(typeof live.raw === "boolean" ? { raw: live.raw } : {}),
    ...(typeof live.description === "string" ? { description: live.description } : {}),
  };
}
