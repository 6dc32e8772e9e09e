import * as pulumi from "@pulumi/pulumi";
import type { GitlabConnection } from "./gitlab-connection";
import { type GitlabResourceArgs, gitlabResourceProvider, withSecretOutputs } from "./gitlab-resource-provider";

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
export type ProjectVariableArgs = GitlabResourceArgs<ProjectVariableInputs>;

/** Settings GitLab edits in place. */
const EDITABLE = ["value", "masked", "protected", "variableType", "raw", "description"] as const;

/**
 * Dynamic provider of `gitlab.ProjectVariable` (`ProjectVariables.create/show/edit/remove`, with the
 * `filter[environment_scope]` GitLab needs once a key exists in several scopes).
 * @see https://docs.gitlab.com/api/project_level_variables/
 */
export const projectVariableProvider = gitlabResourceProvider<ProjectVariableInputs, ProjectVariableOutputs>({
  diff: { replace: ["project", "key", "environmentScope"], update: [...EDITABLE], deleteBeforeReplace: true },
  create: {
    action: (inputs) => `create CI/CD variable ${inputs.key} (scope ${scopeOf(inputs)}) in project ${inputs.project}`,
    call: async (api, inputs) => {
      const scope = scopeOf(inputs);
      const options = { ...variableSettings(inputs), environmentScope: scope };
      const created = await api.ProjectVariables.create(inputs.project, inputs.key, inputs.value, options);
      return { id: `${inputs.project}:${inputs.key}:${scope}`, state: variableState(created as unknown as Record<string, unknown>) };
    },
  },
  read: {
    action: (_id, props) => `read CI/CD variable ${props.key} (scope ${scopeOf(props)}) of project ${props.project}`,
    call: async (api, _id, props) => {
      const live = await api.ProjectVariables.show(props.project, props.key, { filter: { environment_scope: scopeOf(props) } });
      return variableState(live as unknown as Record<string, unknown>);
    },
  },
  update: {
    action: (_id, _olds, news) => `update CI/CD variable ${news.key} (scope ${scopeOf(news)}) of project ${news.project}`,
    call: async (api, _id, _olds, news) => {
      const options = { ...variableSettings(news), filter: { environment_scope: scopeOf(news) } };
      const edited = await api.ProjectVariables.edit(news.project, news.key, news.value, options);
      return variableState(edited as unknown as Record<string, unknown>);
    },
  },
  delete: {
    action: (_id, props) => `delete CI/CD variable ${props.key} (scope ${scopeOf(props)}) of project ${props.project}`,
    call: async (api, _id, props) => {
      await api.ProjectVariables.remove(props.project, props.key, { filter: { environment_scope: scopeOf(props) } });
    },
  },
});

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
    super(projectVariableProvider, name, props, withSecretOutputs(opts, "connection", "value"), "gitlab", "ProjectVariable");
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

/** The variable's environment scope: `*` (every environment, GitLab's default) when unset. */
function scopeOf(variable: Pick<ProjectVariableInputs, "environmentScope">): string {
  return variable.environmentScope ?? "*";
}
