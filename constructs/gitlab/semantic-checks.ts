import type { Problem } from "../resolve";
import { type PipelineVariant, activeJobs } from "./pipeline-variants";
import { frozenWithoutChange } from "./pipeline-conditions";
import type { Job, Pipeline } from "./pipeline-model";

/**
 * What GitLab's schema cannot check, checked in every variant:
 * - every job's stage is declared; job names are unique;
 * - every `needs` names a job of the file, in the same or an earlier stage, and a required one is
 *   created in every variant where the needing job is (else GitLab refuses to create the pipeline);
 * - every job with an `environment` has a `resource_group`;
 * - the prod deploy: environment `prod` with tier `production` and a URL, the freeze rule first, and
 *   only manual rules with `allow_failure: false` after it (a blocking manual gate).
 * Returns one problem per failure, all at once.
 */
export function checkPipeline(app: string, pipeline: Pipeline, variants: readonly PipelineVariant[]): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, message: string, fix: string) => problems.push({ app, path, message, fix });
  const byName = new Map<string, Job>();
  const stageOf = (job: Job) => pipeline.stages.indexOf(job.stage);

  for (const job of pipeline.jobs) {
    const path = `pipeline.jobs[${JSON.stringify(job.name)}]`;
    if (byName.has(job.name)) report(path, "is declared twice", "give each job a unique name");
    byName.set(job.name, job);
    if (stageOf(job) < 0) report(`${path}.stage`, `(${JSON.stringify(job.stage)}) is not one of the stages ${pipeline.stages.join(", ")}`, "use a declared stage or add it to stages");
    if (job.environment && !job.resourceGroup) report(`${path}.resourceGroup`, `is missing: deploys to ${job.environment.name} must not overlap`, "set resourceGroup to <app>-<env>");
  }
  for (const job of pipeline.jobs) {
    for (const [i, need] of (job.needs ?? []).entries()) {
      const path = `pipeline.jobs[${JSON.stringify(job.name)}].needs[${i}]`;
      const target = byName.get(need.job);
      if (!target) report(path, `names ${JSON.stringify(need.job)}, which is not a job of the pipeline`, `use one of ${[...byName.keys()].join(", ")}`);
      else if (stageOf(target) > stageOf(job)) report(path, `names ${JSON.stringify(need.job)} of the later stage ${target.stage}`, "need only jobs of the same or an earlier stage");
    }
  }
  for (const variant of variants) {
    const active = activeJobs(pipeline, variant);
    if (!active) continue;
    const names = new Set(active.map((a) => a.job.name));
    for (const { job } of active) {
      for (const [i, need] of (job.needs ?? []).entries()) {
        if (need.optional || names.has(need.job) || !byName.has(need.job)) continue;
        report(`pipeline.jobs[${JSON.stringify(job.name)}].needs[${i}]`, `names ${JSON.stringify(need.job)}, which the rules drop in the ${variant.name} pipeline while ${JSON.stringify(job.name)} runs`, "mark the need optional: true or give both jobs the same rules");
      }
    }
  }
  const prod = pipeline.jobs.find((j) => j.environment?.name === "prod");
  if (!prod) report("pipeline.jobs", "has no job deploying to the prod environment", "add the prod deploy job");
  else checkProd(prod, report);
  return problems;
}

function checkProd(job: Job, report: (path: string, message: string, fix: string) => void): void {
  const path = `pipeline.jobs[${JSON.stringify(job.name)}]`;
  const env = job.environment!;
  if (env.deploymentTier !== "production") report(`${path}.environment.deploymentTier`, `(${JSON.stringify(env.deploymentTier)}) must be "production"`, "set deploymentTier to production so GitLab protects and reports it as production");
  if (!env.url) report(`${path}.environment.url`, "is missing", "give the prod environment its route URL");
  const [first, ...rest] = job.rules;
  if (!first || first.when !== "never" || JSON.stringify(first.if) !== JSON.stringify(frozenWithoutChange)) {
    report(`${path}.rules[0]`, "must be the deploy-freeze rule (when: never during a freeze without a change id)", "put the freeze rule first so no later rule can start prod during a freeze");
  }
  const starting = rest.filter((r) => r.when !== "never");
  if (starting.length === 0) report(`${path}.rules`, "never start the prod deploy", "add the manual default-branch rule");
  for (const [i, rule] of rest.entries()) {
    if (rule.when === "never") continue;
    if (rule.when !== "manual") report(`${path}.rules[${i + 1}].when`, `(${JSON.stringify(rule.when ?? "on_success")}) must be "manual": prod starts only by a person`, "set when: manual");
    if ((rule.allowFailure ?? job.allowFailure ?? rule.when === "manual") !== false) report(`${path}.rules[${i + 1}].allowFailure`, "must be false: the pipeline waits blocked on prod instead of passing without it", "set allowFailure: false");
  }
}
