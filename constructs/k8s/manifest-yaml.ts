import { stringify } from "yaml";
import type { K8sObject } from "./render-app";

/**
 * Multi-document YAML of rendered objects, the format of `dist/<env>/<app>.yaml`. Byte-stable for the
 * same objects: keys keep the order the renderer produced, no line folding.
 */
export function toYaml(objects: readonly K8sObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0 })).join("---\n");
}
