import type { Beluga, RenderedApp } from "../../constructs/beluga";
import type { AppDeclaration, EnvironmentSpec } from "../../constructs/model";
import { DeclarationError } from "../../constructs/resolve";
import { renderPlatform, toYaml } from "../../constructs/k8s";
import { imageChain } from "../../constructs/image";

/** Result: files by path relative to the output folder, or every message when any declaration is invalid. */
export type SynthResult =
  { readonly ok: true; readonly files: ReadonlyMap<string, string> } | { readonly ok: false; readonly messages: readonly string[] };

/** The YAML of one app in one environment (`dist/<env>/<app>.yaml`), rendered through the façade. @throws DeclarationError, UnknownNameError */
export function synthesizeApp(beluga: Beluga, app: AppDeclaration | string, env: EnvironmentSpec | string): string {
  return toYaml(beluga.render(app, env).objects);
}

/**
 * Renders every app of the façade for every environment of its instance, the platform layer per
 * environment and the image chain (images are built once, for the first environment of the promotion
 * chain, and promoted from there). Pure: the caller writes the files. Renders everything before
 * writing anything, so one invalid declaration means every message is reported and no file is produced.
 */
export function synthesize(beluga: Beluga): SynthResult {
  const messages: string[] = [];
  const rendered: RenderedApp[] = [];
  const seen = new Set<string>();
  for (const app of beluga.apps) {
    if (seen.has(app.name)) messages.push(`${app.name}: name is declared by two apps; app names are unique across the estate`);
    seen.add(app.name);
    for (const env of beluga.environments.list) {
      try {
        rendered.push(beluga.render(app, env));
      } catch (error) {
        if (!(error instanceof DeclarationError)) throw error;
        for (const m of error.messages) if (!messages.includes(m)) messages.push(m);
      }
    }
  }
  if (messages.length > 0) return { ok: false, messages };

  const files = new Map<string, string>();
  for (const r of rendered) files.set(`${r.env.name}/${r.app.app}.yaml`, toYaml(r.objects));
  for (const env of beluga.environments.list) files.set(`${env.name}/platform.yaml`, toYaml(renderPlatform(env, beluga.tenants(env))));
  const [firstEnvironment] = beluga.environments.list;
  const built = rendered.filter((r) => r.env === firstEnvironment).map((r) => r.app);
  for (const file of imageChain(beluga.instance.catalog, built)) files.set(`images/${file.path}`, file.content);
  return { ok: true, files: new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b))) };
}
