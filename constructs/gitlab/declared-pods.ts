import type { AppDeclaration, CatalogSpec, EnvironmentSpec } from "../model";
import { resolve } from "../resolve";

/**
 * Minimum pods of each long-running component of an app in one environment (its HPA minimum), for
 * the plain-words summary of a preview: "rolling restart of 4 pods". Throws DeclarationError.
 */
export function declaredPodsOf(app: AppDeclaration, env: EnvironmentSpec, catalog: CatalogSpec): Record<string, number> {
  return Object.fromEntries(resolve(app, env, catalog).components.map((c) => [c.name, c.scaling.min]));
}
