import * as pulumi from "@pulumi/pulumi";
import type { Beluga } from "../../constructs/beluga";
import { type GitlabProjects, gitlabProjectsProgram } from "../../constructs/gitlab/io/project";

/** The one stack of the GitLab projects program: GitLab is one instance for every environment. */
export const GITLAB_PROJECTS_STACK = "gitlab";
/** The Pulumi project of `platform/gitlab-projects/` (its `Pulumi.yaml` name; the config namespace). */
export const GITLAB_PROJECTS_PROJECT = "beluga-gitlab-projects";

/**
 * The program of `platform/gitlab-projects/` (`export = gitlabProjectsStack(beluga).outputs`): the instance's apps
 * and environments from the façade, where GitLab is from the stack's config, given to
 * `gitlabProjectsProgram`. Config of the `beluga-gitlab-projects` namespace:
 * - `gitlabUrl` — the GitLab instance, e.g. `https://gitlab.beluga.internal`;
 * - `gitlabToken` (secret) — a token with the Maintainer role on the apps' group and on the root
 *   project (scope `api`); the drift schedule's pipelines run as its user;
 * - `namespaceId` — the numeric id of the apps' group;
 * - `rootProject` — `group/path` of this repository (the root pipeline), e.g. `beluga/platform`;
 * - `tokensExpireAt` (optional) — fixed expiry `YYYY-MM-DD` of the apps' registry and MR-bot tokens;
 * - `driftCron` (optional) — when the drift schedule runs;
 * - `deployVariables` (optional, secret object) — the value of each variable of `ciVariablesOf`, the same
 *   for every app's project (`pulumi config set --secret --path 'deployVariables.AWS_ACCESS_KEY_ID' …`);
 *   when absent the variables are not declared (set by hand);
 * - `appVariables` (optional, secret object) — further variables of one app, by app then key.
 * Returns what it declared; its `outputs` are the stack's (project ids and URLs by app, the CI config path, the drift schedule id).
 */
export function gitlabProjectsStack(beluga: Beluga, config: pulumi.Config = new pulumi.Config()): GitlabProjects {
  // Read as plain objects: their keys (which variables, which apps) decide the resources; each value is made a secret again.
  const deployVariables = config.getObject<Record<string, string>>("deployVariables");
  const appVariables = config.getObject<Record<string, Record<string, string>>>("appVariables");
  const tokensExpireAt = config.get("tokensExpireAt");
  const driftCron = config.get("driftCron");
  return gitlabProjectsProgram({
    apps: beluga.apps,
    environments: beluga.environments,
    changeManagement: beluga.instance.changeManagement,
    connection: { url: config.require("gitlabUrl"), token: config.requireSecret("gitlabToken") },
    namespaceId: config.requireNumber("namespaceId"),
    rootProject: config.require("rootProject"),
    ...(deployVariables ? { deployVariables: secretValues(deployVariables) } : {}),
    ...(appVariables
      ? { appVariables: Object.fromEntries(Object.entries(appVariables).map(([app, vars]) => [app, secretValues(vars)])) }
      : {}),
    ...(tokensExpireAt !== undefined ? { tokensExpireAt } : {}),
    ...(driftCron !== undefined ? { driftCron } : {}),
  });
}

/** Each value of a config object as a secret. */
function secretValues(values: Record<string, string>): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, pulumi.secret(String(value))]));
}
