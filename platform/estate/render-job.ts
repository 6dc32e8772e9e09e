import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../../constructs/model";
import { DeclarationError } from "../../constructs/resolve";
import { synthesizeApp } from "../synth/synthesize";

/** What rendering one app in one environment gives: its YAML, or the messages refusing it. */
export type RenderJobResult = { readonly yaml: string } | { readonly messages: readonly string[] };

/**
 * Renders one app for one environment exactly as `npm run synth` does (`synthesizeApp`), turning a
 * DeclarationError into its messages so a refusal travels between threads and into the cache as data.
 * Anything else is a programming error and is thrown.
 */
export function renderJob(app: AppDeclaration, env: EnvironmentSpec, catalog: CatalogSpec): RenderJobResult {
  try {
    return { yaml: synthesizeApp(app, env, catalog) };
  } catch (error) {
    if (error instanceof DeclarationError) return { messages: error.messages };
    throw error;
  }
}
