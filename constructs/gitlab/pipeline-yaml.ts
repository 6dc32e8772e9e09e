import { stringify } from "yaml";
import { renderCondition } from "./condition";
import type { Job, Need, Pipeline, Rule } from "./pipeline-model";

/**
 * The edge of the typed model: a `Pipeline` as the plain object GitLab reads (snake_case keys, job
 * names as map keys), and as YAML text. Keys are mapped one by one rather than by a generic
 * camel-to-snake conversion so variable names are never rewritten.
 */
export function toGitlabCi(pipeline: Pipeline): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  doc.workflow = { ...(pipeline.workflow.name ? { name: pipeline.workflow.name } : {}), rules: pipeline.workflow.rules.map(ruleToYaml) };
  doc.stages = [...pipeline.stages];
  if (pipeline.variables) doc.variables = { ...pipeline.variables };
  if (pipeline.defaultImage || pipeline.defaultCache) {
    const c = pipeline.defaultCache;
    doc.default = {
      ...(pipeline.defaultImage ? { image: pipeline.defaultImage } : {}),
      ...(c ? { cache: { key: { files: [...c.key.files] }, paths: [...c.paths], ...(c.policy ? { policy: c.policy } : {}) } } : {}),
    };
  }
  for (const job of pipeline.jobs) doc[job.name] = jobToYaml(job);
  return doc;
}

/** The `.gitlab-ci.yml` text: header comments, then the YAML, stable for byte-for-byte checks. */
export function renderPipelineYaml(pipeline: Pipeline): string {
  const header = pipeline.header.map((line) => (line ? `# ${line}` : "#")).join("\n");
  return `${header}\n${stringify(toGitlabCi(pipeline), { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

function ruleToYaml(rule: Rule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.if) out.if = renderCondition(rule.if);
  if (rule.changes) {
    out.changes = rule.changes.compareTo
      ? { paths: [...rule.changes.paths], compare_to: rule.changes.compareTo }
      : { paths: [...rule.changes.paths] };
  }
  if (rule.when) out.when = rule.when;
  if (rule.allowFailure !== undefined) out.allow_failure = rule.allowFailure;
  return out;
}

function needToYaml(need: Need): Record<string, unknown> {
  return { job: need.job, ...(need.artifacts === false ? { artifacts: false } : {}), ...(need.optional ? { optional: true } : {}) };
}

function jobToYaml(job: Job): Record<string, unknown> {
  const out: Record<string, unknown> = { stage: job.stage };
  if (job.image) out.image = job.image;
  if (job.variables) out.variables = { ...job.variables };
  if (job.needs) out.needs = job.needs.map(needToYaml);
  if (job.resourceGroup) out.resource_group = job.resourceGroup;
  if (job.environment) {
    const e = job.environment;
    out.environment = {
      name: e.name,
      ...(e.url ? { url: e.url } : {}),
      deployment_tier: e.deploymentTier,
      ...(e.action ? { action: e.action } : {}),
    };
  }
  if (job.interruptible !== undefined) out.interruptible = job.interruptible;
  if (job.timeout) out.timeout = job.timeout;
  if (job.allowFailure !== undefined) out.allow_failure = job.allowFailure;
  out.rules = job.rules.map(ruleToYaml);
  if (job.trigger) {
    const t = job.trigger;
    out.trigger = {
      include: t.include,
      strategy: t.strategy,
      ...(t.forwardPipelineVariables ? { forward: { pipeline_variables: true } } : {}),
    };
  } else out.script = [...job.script];
  if (job.afterScript) out.after_script = [...job.afterScript];
  if (job.artifacts) {
    const a = job.artifacts;
    out.artifacts = {
      ...(a.paths ? { paths: [...a.paths] } : {}),
      ...(a.dotenv ? { reports: { dotenv: a.dotenv } } : {}),
      ...(a.expireIn ? { expire_in: a.expireIn } : {}),
      ...(a.when ? { when: a.when } : {}),
    };
  }
  return out;
}
