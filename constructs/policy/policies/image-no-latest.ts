import { parseImageReference } from "../image-reference";
import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/**
 * No `latest` and no untagged images: a moving tag makes two pods of one Deployment run different
 * code, and a rollback return to something nobody tested.
 */
export const imageNoLatest: ObjectRule = {
  name: "beluga-image-no-latest",
  description:
    "Container images carry an immutable version tag, never `latest` and never no tag at all, so every pod of a release runs the same code and rollbacks are exact.",
  kinds: WORKLOAD_KINDS,
  check(object) {
    const template = podTemplateOf(object);
    if (!template) return [];
    return containersOf(template).flatMap((container) => {
      if (typeof container.image !== "string") return [];
      const { tag } = parseImageReference(container.image);
      const where = `${describeObject(object)} (container "${container.name ?? "?"}")`;
      if (tag === undefined)
        return [
          `${where} runs image "${container.image}" without a version tag, which means latest; tag it with the version the build produced, e.g. :1.4.2.`,
        ];
      if (tag === "latest")
        return [`${where} runs image "${container.image}" tagged latest, which moves; use the version the build produced, e.g. :1.4.2.`];
      return [];
    });
  },
};
