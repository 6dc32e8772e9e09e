import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { AppDeclaration } from "../constructs/model";
import { DeclarationError, type Problem } from "../constructs/resolve";

/** File each loaded declaration came from, relative to the repository (`apps/sinistre/app.ts`). */
const sources = new Map<unknown, string>();

/** The file a declaration was loaded from by `loadApps`, named by messages about it. */
export function appSource(declaration: unknown): string | undefined {
  return sources.get(declaration);
}

/**
 * Loads the declaration of each listed app from `<appsDir>/<name>/app.ts`. A listed folder without
 * that file, a module that throws when imported, one that exports nothing (or several candidates, or
 * something that is not an object) is reported as a DeclarationError naming the file and the fix,
 * all at once; the CLI prints it like any invalid declaration (exit code 1), never a Node stack trace.
 */
export function loadApps(appsDir: string, names: readonly string[]): AppDeclaration[] {
  const root = join(appsDir, "..");
  const problems: Problem[] = [];
  const declarations: AppDeclaration[] = [];
  const listFile = relative(root, join(appsDir, "catalog.ts"));
  for (const name of names) {
    const file = join(appsDir, name, "app.ts");
    const shown = relative(root, file);
    const report = (message: string, fix: string) => problems.push({ app: name, path: "", message: `(${shown}) ${message}`, fix });
    if (!existsSync(file)) {
      const folders = readdirSync(appsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(appsDir, d.name, "app.ts")))
        .map((d) => d.name);
      report(`is listed in ${listFile} but does not exist`, `fix the name in ${listFile} (apps found: ${folders.join(", ") || "none"})`);
      continue;
    }
    let exported: Record<string, unknown>;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      exported = require(file) as Record<string, unknown>;
    } catch (error) {
      report(
        `failed to load: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}${whereThrown(error, root)}`,
        "fix the module: importing it must only declare the app (no I/O, no throw); npx tsc -p tsconfig.json --noEmit shows type errors",
      );
      continue;
    }
    const candidates = Object.entries(exported).filter(([key]) => key !== "__esModule" && key !== "default");
    const chosen = candidates.length === 1 ? candidates[0] : candidates.find(([, v]) => (v as { name?: unknown } | null)?.name === name);
    const example = `export const ${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())} = defineApp({ name: "${name}", ... })`;
    if (!chosen) {
      report(
        candidates.length === 0
          ? "exports nothing"
          : `exports ${candidates.map(([k]) => k).join(", ")}, none of them the declaration of ${name}`,
        `export the declaration: ${example}`,
      );
      continue;
    }
    const [exportName, declaration] = chosen;
    if (typeof declaration !== "object" || declaration === null || Array.isArray(declaration)) {
      report(
        `exports ${exportName} = ${declaration === null ? "null" : Array.isArray(declaration) ? "a list" : `a ${typeof declaration}`}, not a declaration object`,
        `export the declaration: ${example}`,
      );
      continue;
    }
    sources.set(declaration, shown);
    declarations.push(declaration as AppDeclaration);
  }
  if (problems.length > 0) throw new DeclarationError(problems);
  return declarations;
}

/** ` at apps/x/app.ts:12` for the first stack frame inside the repository (not node_modules), or "". */
function whereThrown(error: unknown, root: string): string {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  for (const match of stack.matchAll(/\(?((?:\/|[A-Za-z]:\\)[^\s():]+):(\d+):\d+\)?/g)) {
    const [, path, line] = match;
    if (path.startsWith(root) && !path.includes("node_modules")) return ` (at ${relative(root, path)}:${line})`;
  }
  return "";
}
