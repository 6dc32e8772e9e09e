import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../model";
import { type ResolvedApp, resolve } from "../resolve";

/**
 * Minimum pods of each long-running component of an app in one environment (its HPA minimum), for
 * the plain-words summary of a preview: "rolling restart of 4 pods". Throws DeclarationError.
 */
export function declaredPodsOf(app: AppDeclaration, env: EnvironmentSpec, catalog: CatalogSpec): Record<string, number> {
  return minimumPodsOf(resolve(app, env, catalog));
}

/** The same, from an app already resolved for the environment (e.g. by `Beluga.resolve`). */
export function minimumPodsOf(app: ResolvedApp): Record<string, number> {
  return Object.fromEntries(app.components.map((c) => [c.name, c.scaling.min]));
}
