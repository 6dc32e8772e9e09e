import type { AppDeclaration } from "../model";
import { DeclarationError, formatProblem } from "../resolve";
import { type AppPipelineProps, appPipeline, pipelinePath } from "./app-pipeline";
import { buildUnitsOf } from "./build-unit";
import { validateCiSchema } from "./ci-schema";
import type { Pipeline } from "./pipeline-model";
import { standardVariants } from "./pipeline-variants";
import { renderPipelineYaml, toGitlabCi } from "./pipeline-yaml";
import { checkPipeline } from "./semantic-checks";

/** Every app's pipeline, or every message explaining why not. */
export interface GeneratedPipelines {
  /** File contents by path relative to the repository root; empty when `messages` is not. */
  readonly files: ReadonlyMap<string, string>;
  readonly pipelines: ReadonlyMap<string, Pipeline>;
  /** Declaration problems, schema errors and semantic problems, one line each, every app at once. */
  readonly messages: readonly string[];
}

/**
 * Generates the pipeline of every app and validates each one against GitLab's CI schema and the
 * semantic checks in every variant. Nothing is returned to write unless every app passes.
 */
export function generatePipelines(apps: readonly AppDeclaration[], props: AppPipelineProps): GeneratedPipelines {
  const files = new Map<string, string>();
  const pipelines = new Map<string, Pipeline>();
  const messages: string[] = [];
  for (const app of apps) {
    let pipeline: Pipeline;
    try {
      pipeline = appPipeline(app, props);
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      messages.push(...error.messages);
      continue;
    }
    const schemaErrors = validateCiSchema(toGitlabCi(pipeline));
    messages.push(
      ...schemaErrors.map(
        (e) => `${app.name}: ${pipelinePath(app.name)} ${e} (GitLab CI schema); this is a generator bug, report it to the platform team`,
      ),
    );
    const sources = buildUnitsOf(app, []).map((u) => u.sourceDir);
    messages.push(
      ...checkPipeline(app.name, pipeline, standardVariants(app.name, sources, props.defaultBranch, props.changeManagement), props.environments, {
        changeManagement: props.changeManagement,
      }).map(formatProblem),
    );
    pipelines.set(app.name, pipeline);
    files.set(pipelinePath(app.name), renderPipelineYaml(pipeline));
  }
  return messages.length > 0 ? { files: new Map(), pipelines: new Map(), messages } : { files, pipelines, messages };
}
