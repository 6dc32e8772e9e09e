import { socleRef } from "../../resolve";
import { describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/** Pod label naming the socle an app image is built FROM: `<socle>-<version>`. */
export const SOCLE_LABEL = "beluga.io/socle";
/** Pod annotation recording the full lineage: `<base ref> > <socle ref>`. */
export const LINEAGE_ANNOTATION = "beluga.io/image-lineage";

/**
 * Every app image descends from a socle of the platform catalog (base → socle → app), in a lifecycle
 * state the environment accepts: that is how a RedHat security rebuild reaches every app, and how a
 * retired socle stops reaching production.
 */
export const imageLineage: ObjectRule = {
  name: "beluga-image-lineage",
  description:
    "Workloads declare the catalog socle their image is built FROM (label beluga.io/socle), and that socle is in a lifecycle state the environment accepts (retired never; deprecated not in Prod).",
  kinds: WORKLOAD_KINDS,
  check(object, ctx) {
    const template = podTemplateOf(object);
    if (!template) return [];
    const where = describeObject(object);
    const label = template.labels[SOCLE_LABEL];
    const known = Object.keys(ctx.catalog.socles).join(", ");
    if (!label)
      return [
        `${where} has no ${SOCLE_LABEL} pod label, so its image cannot be traced to a socle of the platform catalog; build the image FROM a catalog socle (${known}) and deploy it through Beluga.`,
      ];
    const entry = Object.entries(ctx.catalog.socles).find(([name, s]) => `${name}-${s.version}` === label);
    if (!entry)
      return [
        `${where} says its image is built FROM socle "${label}", which is not a socle version of the platform catalog; rebuild it FROM one of ${known} at its current version.`,
      ];
    const [name, socle] = entry;
    const problems: string[] = [];
    if (!ctx.env.allowedSocleStates.includes(socle.lifecycle)) {
      problems.push(
        `${where} runs an image built FROM socle ${name} ${socle.version}, which is ${socle.lifecycle}; ${ctx.env.displayName} accepts only ${ctx.env.allowedSocleStates.join(" or ")} socles, so rebuild it FROM ${socle.successor ?? "a supported socle"}.`,
      );
    }
    const lineage = template.annotations[LINEAGE_ANNOTATION];
    if (lineage !== undefined && !lineage.endsWith(socleRef(ctx.catalog, name))) {
      problems.push(
        `${where} records lineage "${lineage}", which does not end with the catalog's pinned socle ${socleRef(ctx.catalog, name)}; rebuild the image FROM the catalog's socle digest.`,
      );
    }
    return problems;
  },
};
