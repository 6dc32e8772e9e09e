import type { AppDeclaration } from "../model";
import { DeclarationError, formatProblem } from "../resolve";
import { type AppPipelineProps, appPipeline, pipelinePath } from "./app-pipeline";
import { buildUnitsOf } from "./build-unit";
import { validateCiSchema } from "./ci-schema";
import type { Pipeline } from "./pipeline-model";
import { rootVariants, standardVariants } from "./pipeline-variants";
import { ROOT_PIPELINE_PATH, rootPipeline } from "./root-pipeline";
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
 * Generates the pipeline of every app and the root pipeline that starts them as child pipelines
 * (with the platform layer's jobs and the fleet diff; `rootPipeline`), and validates each one
 * against GitLab's CI schema and the semantic checks in every variant. Nothing is returned to write
 * unless every pipeline passes.
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
      ...checkPipeline(
        app.name,
        pipeline,
        standardVariants(app.name, sources, props.defaultBranch, props.changeManagement),
        props.environments,
        {
          changeManagement: props.changeManagement,
          // An app without a route (internal APIs, workers, batches) has no URL to give its environments.
          requireUrl: Object.values(app.components).some((c) => (c.routes?.length ?? 0) > 0),
        },
      ).map(formatProblem),
    );
    pipelines.set(app.name, pipeline);
    files.set(pipelinePath(app.name), renderPipelineYaml(pipeline));
  }
  const root = rootPipeline({ ...props, apps });
  messages.push(
    ...validateCiSchema(toGitlabCi(root)).map(
      (e) => `root: ${ROOT_PIPELINE_PATH} ${e} (GitLab CI schema); this is a generator bug, report it to the platform team`,
    ),
    ...checkPipeline(
      "root",
      root,
      rootVariants(
        apps.map((a) => a.name),
        props.defaultBranch,
        props.changeManagement,
      ),
      props.environments,
      { changeManagement: props.changeManagement, requireUrl: false },
    ).map(formatProblem),
  );
  pipelines.set("root", root);
  files.set(ROOT_PIPELINE_PATH, renderPipelineYaml(root));
  return messages.length > 0 ? { files: new Map(), pipelines: new Map(), messages } : { files, pipelines, messages };
}
