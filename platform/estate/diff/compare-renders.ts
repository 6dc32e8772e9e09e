import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { EnvName } from "../../../constructs/model";
import { type AppDiff, diffApp } from "./app-diff";

/** Options of `compareRenders`. */
export interface CompareRendersOptions {
  /** Called after each app × environment compared. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The diffs of two estate renders, and how many apps they hold in all. */
export interface RenderComparison {
  readonly diffs: readonly AppDiff[];
  /** Apps present on either side, in any environment. */
  readonly apps: number;
}

/**
 * Compares two estate renders laid out as `estate render --out` writes them (`<dir>/<env>/<app>.yaml`),
 * app by app and environment by environment: `environments` in their order, then any other
 * environment folder either side holds (an environment the change adds or removes). An app rendered
 * on one side only is added or removed; an app refused on both sides (no file) is not compared.
 */
export function compareRenders(
  baseDir: string,
  headDir: string,
  environments: readonly EnvName[],
  options: CompareRendersOptions = {},
): RenderComparison {
  const pairs: Array<{ env: EnvName; app: string }> = [];
  const apps = new Set<string>();
  const others = [...new Set([...foldersIn(baseDir), ...foldersIn(headDir)])].filter((env) => !environments.includes(env)).sort();
  for (const env of [...environments, ...others]) {
    const names = new Set([...appsIn(join(baseDir, env)), ...appsIn(join(headDir, env))]);
    for (const app of [...names].sort()) {
      pairs.push({ env, app });
      apps.add(app);
    }
  }
  const diffs: AppDiff[] = [];
  for (const [i, { env, app }] of pairs.entries()) {
    const diff = diffApp(app, env, read(join(baseDir, env, `${app}.yaml`)), read(join(headDir, env, `${app}.yaml`)));
    if (diff) diffs.push(diff);
    options.onProgress?.(i + 1, pairs.length);
  }
  return { diffs, apps: apps.size };
}

function foldersIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}

function appsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") && f !== "platform.yaml")
    .map((f) => f.slice(0, -".yaml".length));
}

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
