import type { AppDeclaration } from "./app-spec";

/**
 * Declares an app. Only gives the declaration its type (editor completion and compile-time checks);
 * validation with app-team-friendly messages happens in `resolve`, for every environment.
 *
 * @example
 * export const sinistre = defineApp({ name: "sinistre", team: "claims", criticality: "critical",
 *   release: { policy: "continuous" }, components: { api: { image: { socle: "java21-spring",
 *   artifact: "sinistre-api", version: "2.3.1" } } } });
 */
export function defineApp<const T extends AppDeclaration>(declaration: T): T {
  return declaration;
}
