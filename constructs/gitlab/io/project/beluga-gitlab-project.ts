import * as pulumi from "@pulumi/pulumi";
import { EnvironmentSet } from "../../../instance";
import { type AppDeclaration, type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT, DNS_LABEL, type EnvironmentSpec } from "../../../model";
import { type CiVariableSpec, ciVariablesOf } from "../../ci-variables";
import { DeclarationError, type Problem } from "../../../resolve/declaration-error";
import { BranchProtection } from "./branch-protection";
import { DeployToken, type DeployTokenScope } from "./deploy-token";
import { freezePeriodsOf, releaseWindowProblems } from "./freeze-periods";
import type { GitlabConnectionInput } from "./gitlab-connection";
import { Project, type SquashOption } from "./project";
import { ProjectAccessToken, type ProjectAccessTokenScope } from "./project-access-token";
import { ProjectEnvironment } from "./project-environment";
import { ProjectFreezePeriod } from "./project-freeze-period";
import { ProjectProtectedEnvironment } from "./project-protected-environment";
import { ProjectVariable } from "./project-variable";

/** Args of a BelugaGitlabProject. */
export interface BelugaGitlabProjectArgs {
  /** The app as its team declares it (`apps/<app>/app.ts`): name, criticality and release policy drive the settings. */
  readonly app: AppDeclaration;
  /**
   * The instance's environments: one GitLab environment each (name and deployment tier as the deploy
   * jobs use them), protected when the environment declares `pipeline.protection`.
   */
  readonly environments: EnvironmentSet | readonly EnvironmentSpec[];
  /** Id of the GitLab group holding the apps' projects. */
  readonly namespaceId: pulumi.Input<number>;
  /** GitLab URL and a group Maintainer token; made a Pulumi secret whatever is passed. */
  readonly connection: GitlabConnectionInput;
  /** CI/CD variables by key (`[A-Za-z0-9_]+`), all masked and protected. @default - none */
  readonly variables?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * Values of the variables every deploy job expects (`ciVariablesOf`: the state backend, its
   * credentials and passphrase, one kubeconfig per environment, the registry, MR-bot and webhook
   * secrets), by key. Each is declared with the list's settings: masked, protected, file type and
   * environment scope (`BELUGA_KUBECONFIG_PROD` only for the prod environment's jobs). When given,
   * every key of the list must have a value.
   * @default - none declared (set them by hand)
   */
  readonly deployVariables?: Readonly<Record<string, pulumi.Input<string>>>;
  /** The instance's change variable, listed as given per run (never declared). @default DEFAULT_CHANGE_MANAGEMENT */
  readonly changeManagement?: ChangeManagement;
  /** @default "main" */
  readonly defaultBranch?: string;
  /**
   * Where the project's pipelines take their definition, e.g. `.gitlab-ci.yml@beluga/platform` (the
   * root pipeline, in the repository holding it: `rootPipelineConfigPath`).
   * @default - GitLab's default, the project's own `.gitlab-ci.yml`
   */
  readonly ciConfigPath?: string;
  /** @default "default_on" (squash offered and pre-ticked; authors may untick it) */
  readonly squashOption?: SquashOption;
  /**
   * Expiry (`YYYY-MM-DD`) of the registry deploy token and the MR-bot token. Give a fixed date: a date
   * computed at each run would reissue both tokens on every `pulumi up`.
   * @default - the deploy token never expires; the MR-bot token gets GitLab's maximum lifetime
   */
  readonly tokensExpireAt?: string;
}

/** Git branch the project is created with and protects. */
export const DEFAULT_BRANCH = "main";
/** Squash offered and pre-ticked on every MR. */
export const DEFAULT_SQUASH_OPTION: SquashOption = "default_on";
/**
 * Approvals a deployment to a protected environment needs, by the app's criticality: critical apps
 * need what the environment's `pipeline.protection.requiredApprovals` says (two for Prod: a single
 * absent or hurried approver cannot let a release through); standard apps need at most one, which
 * keeps the four-eyes rule without stalling small teams.
 */
export function requiredApprovalsOf(
  protection: { readonly requiredApprovals: number },
  criticality: AppDeclaration["criticality"],
): number {
  return criticality === "critical" ? protection.requiredApprovals : Math.min(protection.requiredApprovals, STANDARD_APP_MAX_APPROVALS);
}
/** The most approvals a standard app's deployment needs, whatever the environment asks of critical apps. */
export const STANDARD_APP_MAX_APPROVALS = 1;
/** The registry deploy token pushes images from CI and pulls them from the cluster. */
export const REGISTRY_TOKEN_SCOPES: readonly DeployTokenScope[] = ["read_registry", "write_registry"];
/** The MR-note bot reads MRs and writes notes (`publishMrNote`): `api` is the narrowest scope that allows notes. */
export const MR_BOT_SCOPES: readonly ProjectAccessTokenScope[] = ["api"];
/** Reporter: may comment on MRs, may not push, merge or change settings. */
export const MR_BOT_ACCESS_LEVEL = "reporter" as const;
const VARIABLE_KEY = /^[A-Za-z0-9_]+$/;
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The GitLab project of one app (`beluga:gitlab:Project`), derived from its declaration: merge checks
 * (pipeline green, discussions resolved), squash, source branch removed on merge; the default branch
 * protected (nobody pushes, maintainers merge, no force push); one environment per environment of the
 * instance with the tier deploy jobs use; those declaring `pipeline.protection` (Prod here) protected
 * with approvals by criticality; deploy freezes outside the release-train windows; masked and
 * protected CI/CD variables; a registry deploy token and the MR-note bot's project access token.
 * The project itself is `protect`ed: deleting or replacing it (which would delete the repository)
 * needs an explicit `pulumi state unprotect`. Only the project: the engine checks `protect` when it
 * reaches each resource, children first, so a `pulumi destroy` of the stack still deletes the branch
 * protection, environments, freezes, variables and tokens before it stops at the project (seen with
 * Pulumi 3.259, test/e2e/gitlab-project-engine.test.ts).
 *
 * @example
 * new BelugaGitlabProject("gestion-contrats", { app: gestionContrats, environments, namespaceId: 42,
 *   connection: { url: "https://gitlab.beluga.internal", token: config.requireSecret("gitlabToken") } });
 */
export class BelugaGitlabProject extends pulumi.ComponentResource {
  readonly project: Project;
  readonly branchProtection: BranchProtection;
  /** The GitLab environments, by environment name. */
  readonly environments: Readonly<Record<string, ProjectEnvironment>>;
  /** The protected environments (those declaring `pipeline.protection`: Prod here), by environment name. */
  readonly protectedEnvironments: Readonly<Record<string, ProjectProtectedEnvironment>>;
  readonly freezePeriods: readonly ProjectFreezePeriod[];
  readonly variables: Readonly<Record<string, ProjectVariable>>;
  readonly registryDeployToken: DeployToken;
  readonly mrBotToken: ProjectAccessToken;

  constructor(name: string, args: BelugaGitlabProjectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("beluga:gitlab:Project", name, {}, opts);
    const { app } = args;
    const problems = belugaGitlabProjectProblems(args);
    if (problems.length > 0) throw new DeclarationError(problems);
    const defaultBranch = args.defaultBranch ?? DEFAULT_BRANCH;
    const connection = pulumi.secret(args.connection);
    const parent = { parent: this };

    this.project = new Project(
      `${app.name}-project`,
      {
        connection,
        name: app.name,
        path: app.name,
        namespaceId: args.namespaceId,
        description: `Beluga app ${app.name} (team ${app.team}, ${app.criticality}, ${app.release.policy})`,
        visibilityLevel: "private",
        defaultBranch,
        initializeWithReadme: true,
        onlyAllowMergeIfPipelineSucceeds: true,
        onlyAllowMergeIfAllDiscussionsAreResolved: true,
        squashOption: args.squashOption ?? DEFAULT_SQUASH_OPTION,
        removeSourceBranchAfterMerge: true,
        mergeMethod: "merge",
        ...(args.ciConfigPath !== undefined ? { ciConfigPath: args.ciConfigPath } : {}),
      },
      { ...parent, protect: true },
    );
    const project = this.project.id;

    this.branchProtection = new BranchProtection(
      `${app.name}-${defaultBranch}-protection`,
      {
        connection,
        project,
        branch: defaultBranch,
        pushAccessLevel: "no one",
        mergeAccessLevel: "maintainer",
        allowForcePush: false,
      },
      parent,
    );

    const environments = args.environments instanceof EnvironmentSet ? args.environments.list : args.environments;
    this.environments = Object.fromEntries(
      environments.map((env) => [
        env.name,
        new ProjectEnvironment(
          `${app.name}-env-${env.name}`,
          {
            connection,
            project,
            name: env.name,
            tier: env.pipeline.deploymentTier,
          },
          parent,
        ),
      ]),
    );

    this.protectedEnvironments = Object.fromEntries(
      environments.flatMap((env) => {
        const protection = env.pipeline.protection;
        if (!protection) return [];
        return [
          [
            env.name,
            new ProjectProtectedEnvironment(
              `${app.name}-env-${env.name}-protection`,
              {
                connection,
                project,
                environment: env.name,
                deployAccessLevels: [{ accessLevel: protection.deployAccessLevel }],
                requiredApprovalCount: requiredApprovalsOf(protection, app.criticality),
              },
              { ...parent, dependsOn: [this.environments[env.name]] },
            ),
          ] as const,
        ];
      }),
    );

    this.freezePeriods = freezePeriodsOf(app.name, app.release).map(
      (freeze) =>
        new ProjectFreezePeriod(
          `${app.name}-freeze-${freeze.from}`,
          {
            connection,
            project,
            freezeStart: freeze.freezeStart,
            freezeEnd: freeze.freezeEnd,
            cronTimezone: freeze.cronTimezone,
          },
          parent,
        ),
    );

    const deploySpecs = args.deployVariables ? deployVariableSpecs(args) : [];
    const deployVariables = deploySpecs.map((spec) => [
      spec.key,
      new ProjectVariable(
        `${app.name}-var-${spec.key}`,
        {
          connection,
          project,
          key: spec.key,
          value: pulumi.secret(args.deployVariables![spec.key]),
          masked: spec.masked,
          protected: spec.protected,
          environmentScope: spec.environmentScope,
          variableType: spec.type,
          description: spec.description,
        },
        parent,
      ),
    ]);
    this.variables = Object.fromEntries([
      ...deployVariables,
      ...Object.entries(args.variables ?? {}).map(([key, value]) => [
        key,
        new ProjectVariable(
          `${app.name}-var-${key}`,
          {
            connection,
            project,
            key,
            value: pulumi.secret(value),
            masked: true,
            protected: true,
            environmentScope: "*",
            variableType: "env_var",
          },
          parent,
        ),
      ]),
    ]);

    const expiresAt = args.tokensExpireAt !== undefined ? { expiresAt: args.tokensExpireAt } : {};
    this.registryDeployToken = new DeployToken(
      `${app.name}-registry-deploy-token`,
      {
        connection,
        project,
        name: `${app.name}-registry`,
        username: `${app.name}-registry`,
        scopes: REGISTRY_TOKEN_SCOPES,
        ...expiresAt,
      },
      parent,
    );
    this.mrBotToken = new ProjectAccessToken(
      `${app.name}-mr-bot-token`,
      {
        connection,
        project,
        name: `${app.name}-mr-bot`,
        scopes: MR_BOT_SCOPES,
        accessLevel: MR_BOT_ACCESS_LEVEL,
        ...expiresAt,
      },
      parent,
    );

    this.registerOutputs({
      projectId: project,
      webUrl: this.project.webUrl,
      registryUsername: this.registryDeployToken.username,
      registryToken: pulumi.secret(this.registryDeployToken.token),
      mrBotToken: pulumi.secret(this.mrBotToken.token),
    });
  }
}

/** The project variables of `ciVariablesOf` (those given per run are not declared). */
function deployVariableSpecs(args: BelugaGitlabProjectArgs): CiVariableSpec[] {
  const environments = args.environments instanceof EnvironmentSet ? args.environments : EnvironmentSet.of(args.environments);
  return ciVariablesOf(environments, args.changeManagement ?? DEFAULT_CHANGE_MANAGEMENT).filter((v) => v.source === "project");
}

/**
 * Every problem of the declaration and args `BelugaGitlabProject` cannot turn into settings (what its
 * constructor throws as a DeclarationError), for a caller checking several apps before declaring any.
 */
export function belugaGitlabProjectProblems(args: BelugaGitlabProjectArgs): Problem[] {
  const app = args.app.name;
  const problems: Problem[] = [];
  if (!DNS_LABEL.test(app)) {
    problems.push({
      app,
      path: "name",
      message: `(${JSON.stringify(app)}) is not a DNS label, so it cannot be a GitLab project path`,
      fix: "use lowercase letters, digits and dashes, starting with a letter",
    });
  }
  problems.push(...releaseWindowProblems(app, args.app.release));
  for (const key of Object.keys(args.variables ?? {})) {
    if (!VARIABLE_KEY.test(key))
      problems.push({
        app,
        path: `variables.${key}`,
        message: "is not a valid CI/CD variable key",
        fix: "use letters, digits and underscores only, e.g. SONAR_TOKEN",
      });
  }
  if (args.deployVariables) {
    const specs = deployVariableSpecs(args);
    const keys = new Set(specs.map((v) => v.key));
    const missing = specs.filter((v) => args.deployVariables![v.key] === undefined).map((v) => v.key);
    if (missing.length > 0)
      problems.push({
        app,
        path: "deployVariables",
        message: `has no value for ${missing.join(", ")}, which the deploy jobs read`,
        fix: "give every variable of ciVariablesOf a value, or leave deployVariables out and set them by hand",
      });
    for (const key of Object.keys(args.deployVariables).filter((k) => !keys.has(k)))
      problems.push({
        app,
        path: `deployVariables.${key}`,
        message: `is not a variable the deploy jobs read (${[...keys].join(", ")})`,
        fix: "declare other variables in variables",
      });
    for (const key of Object.keys(args.variables ?? {}).filter((k) => keys.has(k)))
      problems.push({ app, path: `variables.${key}`, message: "is also a deploy variable", fix: "give it in deployVariables only" });
  }
  if (args.tokensExpireAt !== undefined && !ISO_DATE.test(args.tokensExpireAt)) {
    problems.push({
      app,
      path: "tokensExpireAt",
      message: `(${JSON.stringify(args.tokensExpireAt)}) is not a date`,
      fix: "give a fixed date as YYYY-MM-DD, e.g. 2027-01-31",
    });
  }
  return problems;
}
