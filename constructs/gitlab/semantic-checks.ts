import type { EnvironmentSet } from "../instance";
import { type ChangeManagement, DEFAULT_CHANGE_MANAGEMENT, type EnvironmentSpec } from "../model";
import type { Problem } from "../resolve";
import { type PipelineVariant, activeJobs } from "./pipeline-variants";
import { frozenWithoutChange } from "./pipeline-conditions";
import type { Job, Pipeline } from "./pipeline-model";

/**
 * What GitLab's schema cannot check, checked in every variant:
 * - every job's stage is declared; job names are unique;
 * - every `needs` names a job of the file, in the same or an earlier stage, and a required one is
 *   created in every variant where the needing job is (else GitLab refuses to create the pipeline);
 * - every job deploying to an `environment` has a `resource_group` (a job that only reads it, with
 *   `action: verify`, `access` or `prepare`, needs none);
 * - the deploy of every guarded environment (one that honours deploy freezes or is protected, Prod
 *   here): it exists, with the environment's declared tier and a URL; the freeze rule first when the
 *   environment honours freezes; and, when it deploys manually, only manual rules with
 *   `allow_failure: false` after it (a blocking manual gate).
 * Returns one problem per failure, all at once.
 */
export function checkPipeline(
  app: string,
  pipeline: Pipeline,
  variants: readonly PipelineVariant[],
  environments: EnvironmentSet,
  options: PipelineCheckOptions = {},
): Problem[] {
  const change = options.changeManagement ?? DEFAULT_CHANGE_MANAGEMENT;
  const requireUrl = options.requireUrl ?? true;
  const problems: Problem[] = [];
  const report = (path: string, message: string, fix: string) => problems.push({ app, path, message, fix });
  const byName = new Map<string, Job>();
  const stageOf = (job: Job) => pipeline.stages.indexOf(job.stage);

  for (const job of pipeline.jobs) {
    const path = `pipeline.jobs[${JSON.stringify(job.name)}]`;
    if (byName.has(job.name)) report(path, "is declared twice", "give each job a unique name");
    byName.set(job.name, job);
    if (stageOf(job) < 0)
      report(
        `${path}.stage`,
        `(${JSON.stringify(job.stage)}) is not one of the stages ${pipeline.stages.join(", ")}`,
        "use a declared stage or add it to stages",
      );
    if (deploys(job) && !job.resourceGroup)
      report(
        `${path}.resourceGroup`,
        `is missing: deploys to ${job.environment!.name} must not overlap`,
        "set resourceGroup to <app>-<env>",
      );
  }
  for (const job of pipeline.jobs) {
    for (const [i, need] of (job.needs ?? []).entries()) {
      const path = `pipeline.jobs[${JSON.stringify(job.name)}].needs[${i}]`;
      const target = byName.get(need.job);
      if (!target)
        report(
          path,
          `names ${JSON.stringify(need.job)}, which is not a job of the pipeline`,
          `use one of ${[...byName.keys()].join(", ")}`,
        );
      else if (stageOf(target) > stageOf(job))
        report(
          path,
          `names ${JSON.stringify(need.job)} of the later stage ${target.stage}`,
          "need only jobs of the same or an earlier stage",
        );
    }
  }
  for (const variant of variants) {
    const active = activeJobs(pipeline, variant);
    if (!active) continue;
    const names = new Set(active.map((a) => a.job.name));
    for (const { job } of active) {
      for (const [i, need] of (job.needs ?? []).entries()) {
        if (need.optional || names.has(need.job) || !byName.has(need.job)) continue;
        report(
          `pipeline.jobs[${JSON.stringify(job.name)}].needs[${i}]`,
          `names ${JSON.stringify(need.job)}, which the rules drop in the ${variant.name} pipeline while ${JSON.stringify(job.name)} runs`,
          "mark the need optional: true or give both jobs the same rules",
        );
      }
    }
  }
  for (const env of environments.list.filter(isGuarded)) {
    const job = pipeline.jobs.find((j) => deploys(j) && j.environment?.name === env.name);
    if (!job) report("pipeline.jobs", `has no job deploying to the ${env.name} environment`, `add the ${env.name} deploy job`);
    else checkGuarded(job, env, change, requireUrl, report);
  }
  return problems;
}

/** What the checks compare against besides the pipeline. */
export interface PipelineCheckOptions {
  /** The freeze rule expected first on frozen environments' deploys. @default DEFAULT_CHANGE_MANAGEMENT */
  readonly changeManagement?: ChangeManagement;
  /** Whether a guarded environment's deploy must name its URL (an app's route; the platform layer has none). @default true */
  readonly requireUrl?: boolean;
}

/**
 * A job that deploys to its environment (`action: start`, GitLab's default); `verify`, `access` and
 * `prepare` jobs only read it and record no deployment.
 * @see https://docs.gitlab.com/ci/yaml/#environmentaction
 */
function deploys(job: Job): boolean {
  return job.environment !== undefined && (job.environment.action ?? "start") === "start";
}

/** Environments whose deploy job must not be loosened by a generator bug: frozen or protected ones. */
function isGuarded(env: EnvironmentSpec): boolean {
  return env.pipeline.honoursFreeze || env.pipeline.protection !== undefined;
}

function checkGuarded(
  job: Job,
  spec: EnvironmentSpec,
  change: ChangeManagement,
  requireUrl: boolean,
  report: (path: string, message: string, fix: string) => void,
): void {
  const path = `pipeline.jobs[${JSON.stringify(job.name)}]`;
  const name = spec.name;
  const tier = spec.pipeline.deploymentTier;
  const env = job.environment!;
  if (env.deploymentTier !== tier)
    report(
      `${path}.environment.deploymentTier`,
      `(${JSON.stringify(env.deploymentTier)}) must be "${tier}"`,
      `set deploymentTier to ${tier} so GitLab protects and reports it as ${tier}`,
    );
  if (requireUrl && !env.url) report(`${path}.environment.url`, "is missing", `give the ${name} environment its route URL`);
  const skip = spec.pipeline.honoursFreeze ? 1 : 0;
  if (spec.pipeline.honoursFreeze) {
    const first = job.rules[0];
    if (!first || first.when !== "never" || JSON.stringify(first.if) !== JSON.stringify(frozenWithoutChange(change))) {
      report(
        `${path}.rules[0]`,
        "must be the deploy-freeze rule (when: never during a freeze without a change id)",
        `put the freeze rule first so no later rule can start ${name} during a freeze`,
      );
    }
  }
  const rest = job.rules.slice(skip);
  const starting = rest.filter((r) => r.when !== "never");
  if (starting.length === 0)
    report(`${path}.rules`, `never start the ${name} deploy`, `add the ${spec.pipeline.deploy} default-branch rule`);
  if (spec.pipeline.deploy !== "manual") return;
  for (const [i, rule] of rest.entries()) {
    if (rule.when === "never") continue;
    if (rule.when !== "manual")
      report(
        `${path}.rules[${i + skip}].when`,
        `(${JSON.stringify(rule.when ?? "on_success")}) must be "manual": ${name} starts only by a person`,
        "set when: manual",
      );
    if ((rule.allowFailure ?? job.allowFailure ?? rule.when === "manual") !== false)
      report(
        `${path}.rules[${i + skip}].allowFailure`,
        `must be false: the pipeline waits blocked on ${name} instead of passing without it`,
        "set allowFailure: false",
      );
  }
}
