import { DNS_LABEL } from "../model";

/** A `dependsOn` entry, parsed: which app's component, and the port when one is named. */
export interface DependencyRef {
  readonly app: string;
  readonly component: string;
  /** @default - every port of a same-app callee but its metrics port (cross-app calls must name one) */
  readonly port?: string;
}

const FORM = /^(?:([^/:]+)\/)?([^/:]+)(?::([^/:]+))?$/;

/**
 * Parses `<component>`, `<component>:<port>` or `<app>/<component>:<port>` (see DEPENDENCY_FORMS).
 * `<app>/<component>` without a port parses too, so validation can say what is missing.
 * @returns undefined when the entry has none of these forms or a part is not a DNS label
 */
export function parseDependency(dep: string, ownApp: string): DependencyRef | undefined {
  const match = FORM.exec(dep);
  if (!match) return undefined;
  const [, app, component, port] = match;
  if ((app !== undefined && !DNS_LABEL.test(app)) || !DNS_LABEL.test(component) || (port !== undefined && !DNS_LABEL.test(port)))
    return undefined;
  return { app: app ?? ownApp, component, port };
}
