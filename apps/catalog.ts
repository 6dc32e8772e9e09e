import type { AppDeclaration } from "../constructs/model";
import { loadApps } from "../platform/app-loader";

/**
 * Every app of this repository, for synth, tests and generated pipelines: the folder names under
 * apps/, each holding the declaration in `app.ts`. Add new apps here. A folder or module that cannot
 * be loaded is reported with its file and the fix (see `loadApps`).
 */
export const apps: readonly AppDeclaration[] = loadApps(__dirname, ["souscription", "sinistre", "espace-client", "gestion-contrats"]);
