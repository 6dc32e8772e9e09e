import type { EnvironmentSet } from "../instance";
import type { ChangeManagement, EnvName } from "../model";

/**
 * One CI/CD variable the generated jobs expect, as GitLab stores it. The list (`ciVariablesOf`) is
 * the one place that says what a runner needs to deploy; `BelugaGitlabProject` declares the
 * `project` ones from it and the deploy jobs reference them by these keys.
 * @see https://docs.gitlab.com/ci/variables/#for-a-project
 */
export interface CiVariableSpec {
  readonly key: string;
  /** What it is for, shown in GitLab's variable list. */
  readonly description: string;
  /** Hidden in job logs (GitLab refuses to mask values that are multi-line or outside its masking alphabet). */
  readonly masked: boolean;
  /**
   * Exported only to pipelines of protected branches and tags. Merge-request pipelines run on
   * unprotected refs and do not see protected variables.
   */
  readonly protected: boolean;
  /** `file`: GitLab writes the value to a temporary file and the variable holds its path (kubeconfigs). */
  readonly type: "env_var" | "file";
  /** `*` or one environment name: only jobs deploying to that environment see it. */
  readonly environmentScope: string;
  /**
   * `project`: a CI/CD variable of the project (declared by `BelugaGitlabProject`); `run`: given by
   * the person who runs a pipeline (Run pipeline → variables), never stored.
   */
  readonly source: "project" | "run";
}

/** `BELUGA_KUBECONFIG_<ENV>`: the file variable holding the kubeconfig of one environment's cluster. */
export function kubeconfigVariable(env: EnvName): string {
  return `BELUGA_KUBECONFIG_${env.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * Every CI/CD variable the generated jobs read, in one list:
 * - the Pulumi state backend: `PULUMI_BACKEND_URL` (`s3://…`), the S3 credentials
 *   (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`) and the passphrase of the stacks' secrets
 *   provider (`PULUMI_CONFIG_PASSPHRASE`);
 * - one kubeconfig per environment (`BELUGA_KUBECONFIG_<ENV>`, type file, scoped to that
 *   environment), which the deploy jobs pass as `KUBECONFIG`;
 * - the registry credentials of the image jobs, the MR-note bot token, the release webhook;
 * - the change id a person gives when running a pipeline under a change (the instance's
 *   `changeManagement.variable`).
 * Secrets are masked and protected; the MR-note bot token is masked only, since merge-request
 * pipelines run on unprotected branches.
 */
export function ciVariablesOf(environments: EnvironmentSet, change: ChangeManagement): CiVariableSpec[] {
  const secret = { masked: true, protected: true, type: "env_var", environmentScope: "*", source: "project" } as const;
  return [
    {
      key: "PULUMI_BACKEND_URL",
      description: "Pulumi state backend shared by every runner, e.g. s3://beluga-pulumi-state?region=eu-west-3",
      ...secret,
      // An s3:// URL with a query string is outside GitLab's masking alphabet; it is no secret.
      masked: false,
    },
    { key: "AWS_ACCESS_KEY_ID", description: "Access key of the state bucket (PULUMI_BACKEND_URL)", ...secret },
    { key: "AWS_SECRET_ACCESS_KEY", description: "Secret key of the state bucket (PULUMI_BACKEND_URL)", ...secret },
    {
      key: "PULUMI_CONFIG_PASSPHRASE",
      description: "Passphrase of the stacks' secrets provider (stack secrets, pulumiSecret references)",
      ...secret,
    },
    ...environments.list.map((env) => ({
      key: kubeconfigVariable(env.name),
      description: `kubeconfig of the ${env.displayName} cluster, with the deployer account of the platform layer`,
      // A kubeconfig is multi-line, which GitLab cannot mask; the environment scope keeps it to that environment's jobs.
      masked: false,
      protected: true,
      type: "file" as const,
      environmentScope: env.name,
      source: "project" as const,
    })),
    { key: "BELUGA_REGISTRY_USER", description: "Registry user the image jobs push with", ...secret, masked: false },
    { key: "BELUGA_REGISTRY_PASSWORD", description: "Registry token the image jobs push with", ...secret },
    {
      key: "BELUGA_MR_BOT_TOKEN",
      description: "Token of the MR-note bot (reviewer notes, fleet-impact notes)",
      ...secret,
      protected: false,
    },
    {
      key: "BELUGA_RELEASE_WEBHOOK_URL",
      description: "Where release records are notified (deploys of environments with releaseRecord)",
      ...secret,
    },
    {
      key: change.variable,
      description: `Change id a person gives when running a pipeline under a change, e.g. ${change.example} (${change.idPattern}): lets a frozen environment deploy, opens a closed release window, is written in the release record`,
      masked: false,
      protected: false,
      type: "env_var",
      environmentScope: "*",
      source: "run",
    },
  ];
}
