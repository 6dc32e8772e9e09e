import { existsSync } from "node:fs";
import { join } from "node:path";
import { TOOLS_ROOT } from "../../../platform/local/cluster/layout";
import tools from "../../../platform/local/tools.json";

/**
 * Path of a tool binary built by platform/local/build-tools.sh (`<tools>/<name>-<version>/<binary>`),
 * or undefined when it is not built here (the tests that need it then skip, saying so).
 */
export function toolBinary(name: string, binary = name): string | undefined {
  const tool = (tools.tools as Array<{ name: string; version: string; displayVersion?: string }>).find((t) => t.name === name);
  if (!tool) throw new Error(`no tool ${name} in platform/local/tools.json`);
  const path = join(TOOLS_ROOT, `${name}-${tool.displayVersion ?? tool.version}`, binary);
  return existsSync(path) ? path : undefined;
}

/** Why a tool-based test is skipped, printed once. */
export function missingTool(name: string): string {
  return `${name} is not built here: run \`bash platform/local/build-tools.sh ${name}\` (tests that need it are skipped)`;
}
