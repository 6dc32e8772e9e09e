import { DNS_LABEL, LABEL_VALUE, MAX_CRONJOB_NAME, MAX_LABEL, instanceLabel, socleLabel } from "../model";
import { show } from "./declaration-error";
import type { ResolvedApp } from "./resolved-app";

type Report = (path: string, message: string, fix: string) => void;

/**
 * Checks the names and label values an app renders to in one environment, as the API server would:
 * object names and the namespace are DNS-1123 labels of at most 63 characters (52 for a CronJob),
 * label values at most 63 characters of the label alphabet, and no two generated objects of a kind
 * share a name. The declaration's name budgets keep names within these limits; this is the check
 * that the budgets and what is rendered agree, whatever the environment's name or namespace pattern.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export function checkRenderedNames(app: ResolvedApp, envDisplayName: string, report: Report): void {
  const name = (path: string, what: string, value: string, max = MAX_LABEL) => {
    if (!DNS_LABEL.test(value) || value.length > max)
      report(
        path,
        `becomes the ${what} ${show(value)} in ${envDisplayName}, which is not a DNS-1123 label of at most ${max} characters`,
        "shorten the app or component name",
      );
  };
  const label = (path: string, key: string, value: string, fix: string) => {
    if (value.length > MAX_LABEL || !LABEL_VALUE.test(value))
      report(
        path,
        `becomes the label ${key}=${show(value)} in ${envDisplayName} (${value.length} characters), not a label value: at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends`,
        fix,
      );
  };
  name("name", "namespace", app.namespace);
  const workloads = [
    ...app.components.map((c) => ({ path: `components.${c.name}`, w: c, max: MAX_LABEL })),
    ...app.batches.map((b) => ({ path: `batches.${b.name}`, w: b, max: MAX_CRONJOB_NAME })),
  ];
  for (const { path, w, max } of workloads) {
    name(path, "object name", w.objectName, max);
    label(path, "app.kubernetes.io/instance", instanceLabel(app.app, w.name, app.env), "shorten the app or component name");
    label(`${path}.image.version`, "app.kubernetes.io/version", w.image.version, "use a version tag of at most 63 characters");
    const socle = w.image.lineage.socle;
    label(
      `${path}.image.socle`,
      "beluga.io/socle",
      socleLabel(socle.name, socle.version),
      "ask the platform team: the socle's name is too long",
    );
  }

  // Objects of different components must not meet under one name (`api` + config set `cache` and a
  // component `api-cache` both make a ConfigMap `<app>-api-cache`; the second route of `api` and the
  // first of `api-1` are both `<app>-api-1`).
  const owners = new Map<string, string>();
  const claim = (kind: string, objectName: string, path: string) => {
    const key = `${kind}/${objectName}`;
    const first = owners.get(key);
    if (first === undefined) owners.set(key, path);
    else
      report(
        path,
        `renders the ${kind} ${show(objectName)}, which ${first} renders too: one would overwrite the other`,
        "rename one of them so the generated names differ",
      );
  };
  for (const c of app.components) {
    if (Object.keys(c.config).length > 0) claim("ConfigMap", c.objectName, `components.${c.name}.config`);
    for (const f of c.configFiles) claim("ConfigMap", f.objectName, `components.${c.name}.configFiles.${f.name}`);
    c.routes.forEach((r, i) => claim("Route", r.name, `components.${c.name}.routes.${i}`));
  }
}
