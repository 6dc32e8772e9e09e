import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import type { Beluga } from "../../constructs/beluga";
import { pulumiCommand } from "../deploy/stack-target";
import { REPO_ROOT } from "../repo-root";
import { GITLAB_PROJECTS_PROJECT, GITLAB_PROJECTS_STACK, gitlabProjectsStack } from "./gitlab-projects-stack";

/** The folder of the GitLab projects program (`Pulumi.yaml`, `Pulumi.gitlab.yaml`). */
export const GITLAB_PROJECTS_DIR = join(REPO_ROOT, "platform/gitlab-projects");
/** Config keys the program cannot run without (see `gitlabProjectsStack`). */
export const REQUIRED_CONFIG = ["gitlabUrl", "gitlabToken", "namespaceId", "rootProject"] as const;

/**
 * The `gitlab` stack of the GitLab projects program, opened through the Automation API with the program
 * inline (the proxy serves no Node.js language plugin; `index.ts` stays the program for machines that
 * have it). State in the shared backend (`PULUMI_BACKEND_URL`) unless `envVars` says otherwise.
 */
export async function openGitlabProjectsStack(beluga: Beluga, envVars: Record<string, string> = {}): Promise<Stack> {
  return LocalWorkspace.createOrSelectStack(
    { stackName: GITLAB_PROJECTS_STACK, projectName: GITLAB_PROJECTS_PROJECT, program: async () => gitlabProjectsStack(beluga).outputs },
    {
      workDir: GITLAB_PROJECTS_DIR,
      secretsProvider: "passphrase",
      envVars: { PULUMI_SKIP_UPDATE_CHECK: "true", ...envVars },
      pulumiCommand: await pulumiCommand(),
    },
  );
}

/** The stack's config file, where `pulumi config set -s gitlab` writes. */
export const GITLAB_PROJECTS_CONFIG_FILE = join(GITLAB_PROJECTS_DIR, `Pulumi.${GITLAB_PROJECTS_STACK}.yaml`);

/**
 * The required config keys the stack's config file lacks (all of them when there is no file), read
 * before any stack is opened: a run without them is refused before the engine starts, and nothing
 * (not even the stack) is created.
 */
export function missingConfig(file: string = GITLAB_PROJECTS_CONFIG_FILE): string[] {
  const config = existsSync(file) ? ((parse(readFileSync(file, "utf8")) ?? {}).config ?? {}) : {};
  return REQUIRED_CONFIG.filter((key) => config[`${GITLAB_PROJECTS_PROJECT}:${key}`] === undefined);
}
