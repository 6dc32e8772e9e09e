import type { AppDeclaration } from "../constructs/model";
import { discoverApps } from "../platform/apps/discover-apps";

/**
 * Every app of this repository, for synth, tests and generated pipelines: each `apps/<name>/app.ts`,
 * in name order. Adding an app is adding its folder (`beluga new app <name>`); there is no list to edit.
 */
export const apps: readonly AppDeclaration[] = discoverApps(__dirname);
