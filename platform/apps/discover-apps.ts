import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { InstanceError } from "../../constructs/instance";
import type { AppDeclaration } from "../../constructs/model";

/** File each discovered declaration came from (`apps/sinistre/app.ts`). */
const sources = new WeakMap<object, string>();

/** The file a declaration was discovered in, named by messages about it (`Beluga`'s `sourceOf`). */
export function appSource(declaration: AppDeclaration): string | undefined {
  return sources.get(declaration);
}

/** The file every app folder declares its app in: `apps/<name>/app.ts`. */
export const APP_FILE = "app.ts";

/**
 * A folder of `apps/` that does not declare exactly one app named like the folder. Printed by the CLI
 * error printer like any instance mistake: one line per file, with the fix, never a stack trace.
 */
export class AppDiscoveryError extends InstanceError {
  constructor(messages: readonly string[]) {
    super(messages);
    this.name = "AppDiscoveryError";
  }
}

/**
 * Every app of a repository: each `<appsDir>/<name>/app.ts`, loaded in folder-name order (sorted, so
 * every command, generator and test sees the same order on every machine), so adding an app is adding
 * a folder (`beluga new app`), with no list to edit. Each file must export one declaration (a
 * `defineApp(...)` value) whose `name` is its folder's name.
 *
 * @throws AppDiscoveryError naming every folder that fails to load, exports no declaration or several,
 *   or declares another name, each with its fix.
 */
export function discoverApps(appsDir: string, load: (file: string) => unknown = require): AppDeclaration[] {
  const folders = readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, APP_FILE)))
    .map((entry) => entry.name)
    .sort();
  const problems: string[] = [];
  const apps: AppDeclaration[] = [];
  for (const folder of folders) {
    const file = join(appsDir, folder, APP_FILE);
    const shown = `${basename(appsDir)}/${folder}/${APP_FILE}`;
    let exported: unknown;
    try {
      exported = load(file.replace(/\.ts$/, ""));
    } catch (error) {
      const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      problems.push(`${shown} fails to load: ${first}; fix the file (npm run build shows the exact line)`);
      continue;
    }
    const declarations = Object.entries(exported && typeof exported === "object" ? exported : {}).filter(([, value]) =>
      isDeclaration(value),
    ) as Array<[string, AppDeclaration]>;
    if (declarations.length === 0) {
      problems.push(
        `${shown} exports no app declaration; export one: export const ${camelCase(folder)} = defineApp({ name: "${folder}", ... })`,
      );
    } else if (declarations.length > 1) {
      problems.push(
        `${shown} exports ${declarations.length} app declarations (${declarations.map(([key]) => key).join(", ")}); one app per folder: move the others to their own apps/<name>/app.ts`,
      );
    } else if (declarations[0][1].name !== folder) {
      problems.push(
        `${shown} declares name ${JSON.stringify(declarations[0][1].name)}; an app's name is its folder's: set name: "${folder}" or rename the folder`,
      );
    } else {
      sources.set(declarations[0][1], shown);
      apps.push(declarations[0][1]);
    }
  }
  if (problems.length > 0) throw new AppDiscoveryError(problems);
  return apps;
}

/** What `defineApp` returns: a name and components (validation proper happens in resolve). */
function isDeclaration(value: unknown): value is AppDeclaration {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { components?: unknown }).components === "object"
  );
}

/** `espace-client` → `espaceClient`: the exported const of an app's declaration. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
