import { ENV_NAMES, type AppDeclaration, type CatalogSpec, type EnvironmentSpec, type EnvName } from "../../constructs/model";
import { DeclarationError, type ResolvedApp, resolve } from "../../constructs/resolve";
import { renderApp, renderPlatform, tenantsOf, toYaml } from "../../constructs/k8s";
import { imageChain } from "../../constructs/image";

/** Inputs of a synthesis: what the repository declares. */
export interface SynthInputs {
  readonly apps: readonly AppDeclaration[];
  readonly environments: Readonly<Record<EnvName, EnvironmentSpec>>;
  readonly catalog: CatalogSpec;
}

/** Result: files by path relative to the output folder, or every message when any declaration is invalid. */
export type SynthResult = { readonly ok: true; readonly files: ReadonlyMap<string, string> } | { readonly ok: false; readonly messages: readonly string[] };

/** The YAML of one app in one environment (`dist/<env>/<app>.yaml`). Throws DeclarationError. */
export function synthesizeApp(app: AppDeclaration, env: EnvironmentSpec, catalog: CatalogSpec): string {
  return toYaml(renderApp(resolve(app, env, catalog), env));
}

/**
 * Renders every app for every environment, the platform layer per environment and the image chain.
 * Pure: the caller writes the files. Resolves everything first, so one invalid declaration means
 * every message is reported and no file is produced.
 */
export function synthesize(inputs: SynthInputs): SynthResult {
  const messages: string[] = [];
  const resolved: Array<{ env: EnvironmentSpec; app: ResolvedApp }> = [];
  const seen = new Set<string>();
  for (const app of inputs.apps) {
    if (seen.has(app.name)) messages.push(`${app.name}: name is declared by two apps; app names are unique across the estate`);
    seen.add(app.name);
    for (const envName of ENV_NAMES) {
      const env = inputs.environments[envName];
      try {
        resolved.push({ env, app: resolve(app, env, inputs.catalog) });
      } catch (error) {
        if (!(error instanceof DeclarationError)) throw error;
        for (const m of error.messages) if (!messages.includes(m)) messages.push(m);
      }
    }
  }
  if (messages.length > 0) return { ok: false, messages };

  const files = new Map<string, string>();
  for (const { env, app } of resolved) files.set(`${env.name}/${app.app}.yaml`, toYaml(renderApp(app, env)));
  for (const envName of ENV_NAMES) {
    const tenants = tenantsOf(inputs.apps);
    files.set(`${envName}/platform.yaml`, toYaml(renderPlatform(inputs.environments[envName], tenants)));
  }
  const devApps = resolved.filter((r) => r.env.name === "dev").map((r) => r.app);
  for (const file of imageChain(inputs.catalog, devApps)) files.set(`images/${file.path}`, file.content);
  return { ok: true, files: new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b))) };
}
