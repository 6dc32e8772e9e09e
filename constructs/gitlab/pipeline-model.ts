import type { Condition } from "./condition";

/**
 * The typed GitLab CI model: camelCase in code, snake_case YAML only at the edge (`pipeline-yaml.ts`).
 * It holds only the keywords the generator uses, each typed narrowly enough that a mistake is a
 * compile error rather than a pipeline GitLab refuses.
 * @see https://docs.gitlab.com/ci/yaml/
 */

/** `rules:changes` with the paths and the ref they are compared to. */
export interface Changes {
  /** Glob paths relative to the repository root. */
  readonly paths: readonly string[];
  /** @default - GitLab's default: the MR target (merge requests) or the previous push (branches) */
  readonly compareTo?: string;
}

/** One entry of `rules` (or `workflow:rules`): first matching rule wins. */
export interface Rule {
  readonly if?: Condition;
  readonly changes?: Changes;
  /** @default "on_success" */
  readonly when?: "on_success" | "manual" | "never" | "always" | "delayed";
  readonly allowFailure?: boolean;
}

/** `needs` entry. `optional: true` keeps the pipeline valid when rules drop the needed job. */
export interface Need {
  readonly job: string;
  /** @default false */
  readonly optional?: boolean;
  /** @default true */
  readonly artifacts?: boolean;
}

/** GitLab `environment:deployment_tier` values. */
export type DeploymentTier = "production" | "staging" | "testing" | "development" | "other";

/** `environment` of a deploy job. */
export interface JobEnvironment {
  readonly name: string;
  readonly url?: string;
  readonly deploymentTier: DeploymentTier;
  /** @default "start" */
  readonly action?: "start" | "prepare" | "stop" | "verify" | "access";
}

/** `artifacts` of a job. */
export interface Artifacts {
  readonly paths?: readonly string[];
  /** `reports:dotenv`: variables passed to jobs that `need` this one. */
  readonly dotenv?: string;
  readonly expireIn?: string;
  /** @default "on_success" */
  readonly when?: "on_success" | "on_failure" | "always";
}

/** `cache`: what the runner keeps between jobs. */
export interface Cache {
  /** `key:files`: the key changes when these files change. */
  readonly key: { readonly files: readonly string[] };
  readonly paths: readonly string[];
  /** @default "pull-push" */
  readonly policy?: "pull" | "push" | "pull-push";
}

/**
 * `trigger` of a job that starts a child pipeline from a file of the same repository. With
 * `strategy: depend` the trigger job takes the child pipeline's status, so the parent fails, waits
 * or blocks with it. `forwardPipelineVariables` passes the variables a person gave when running the
 * parent (the change id) to the child.
 * @see https://docs.gitlab.com/ci/yaml/#trigger
 */
export interface Trigger {
  /** The child's configuration file, relative to the repository root. */
  readonly include: string;
  readonly strategy: "depend";
  /** @default false */
  readonly forwardPipelineVariables?: boolean;
}

/** One job. The name is the map key in YAML; here it is a field so order is explicit. */
export interface Job {
  readonly name: string;
  readonly stage: string;
  readonly image?: string;
  readonly variables?: Readonly<Record<string, string>>;
  /** Empty for a trigger job (GitLab refuses `script` next to `trigger`). */
  readonly script: readonly string[];
  /** @default - a job that runs `script` */
  readonly trigger?: Trigger;
  /**
   * `after_script`: runs after `script` whatever its result (GitLab sets `CI_JOB_STATUS`).
   * @default - none
   */
  readonly afterScript?: readonly string[];
  readonly rules: readonly Rule[];
  readonly needs?: readonly Need[];
  readonly environment?: JobEnvironment;
  readonly resourceGroup?: string;
  /** Job-level `allow_failure` (rules may override it). */
  readonly allowFailure?: boolean;
  readonly artifacts?: Artifacts;
  readonly interruptible?: boolean;
  readonly timeout?: string;
}

/** A whole `.gitlab-ci.yml`. */
export interface Pipeline {
  /** Comment lines written above the YAML (the "generated — edit …" marker). */
  readonly header: readonly string[];
  readonly workflow: { readonly name?: string; readonly rules: readonly Rule[] };
  readonly stages: readonly string[];
  readonly variables?: Readonly<Record<string, string>>;
  readonly defaultImage?: string;
  /** `default:cache` of every job. @default - no cache */
  readonly defaultCache?: Cache;
  readonly jobs: readonly Job[];
}
