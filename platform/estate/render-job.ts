import { Beluga } from "../../constructs/beluga";
import { defineInstance } from "../../constructs/instance";
import type { AppDeclaration, CatalogSpec, EnvironmentSpec, EnvName } from "../../constructs/model";
import { DeclarationError } from "../../constructs/resolve";
import { synthesizeApp } from "../synth/synthesize";

/** What rendering one app in one environment gives: its YAML, or the messages refusing it. */
export type RenderJobResult = { readonly yaml: string } | { readonly messages: readonly string[] };

/**
 * An instance as plain data (its name, catalog and environments in promotion order), for a worker
 * thread: structured cloning keeps no class, so the worker builds its own instance and façade from it.
 */
export interface InstanceData {
  readonly name: string;
  readonly catalog: CatalogSpec;
  readonly environments: readonly EnvironmentSpec[];
}

/**
 * Renders one app for one environment exactly as `npm run synth` does (`synthesizeApp` through the
 * façade), turning a DeclarationError into its messages so a refusal travels between threads and
 * into the cache as data. Anything else is a programming error and is thrown.
 */
export function renderJob(beluga: Beluga, app: AppDeclaration, env: EnvName): RenderJobResult {
  try {
    return { yaml: synthesizeApp(beluga, app, env) };
  } catch (error) {
    if (error instanceof DeclarationError) return { messages: error.messages };
    throw error;
  }
}

/**
 * `renderJob` over the façade of an instance given as data, built once: what a worker thread (or the
 * calling thread, from the compiled copy) renders an estate's jobs with. The declarations come with
 * the jobs, so the façade holds no app of its own.
 */
export function estateRenderer(instance: InstanceData): (app: AppDeclaration, env: EnvName) => RenderJobResult {
  // One declaration per job, without its set: cross-app refusals come from synth and the pipelines.
  const beluga = new Beluga(defineInstance(instance), [], { crossAppChecks: false });
  return (app, env) => renderJob(beluga, app, env);
}
