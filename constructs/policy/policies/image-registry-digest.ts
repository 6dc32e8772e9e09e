import { parseImageReference, pinnedByDigest } from "../image-reference";
import { containersOf, describeObject, podTemplateOf, WORKLOAD_KINDS } from "../kubernetes-object";
import type { ObjectRule } from "../policy-rule";

/**
 * Images come from the environment's platform registry, and by digest where the environment deploys
 * by digest (Int, RE7, Prod): build once, deploy everywhere, and an image scanned and promoted by the
 * pipeline cannot be swapped under the same tag.
 */
export const imageRegistryDigest: ObjectRule = {
  name: "beluga-image-registry-digest",
  description:
    "Containers pull from the environment's platform registry, and by sha256 digest where the environment requires digests (Int, RE7, Prod), so what was tested is exactly what runs.",
  kinds: WORKLOAD_KINDS,
  check(object, ctx) {
    const template = podTemplateOf(object);
    if (!template) return [];
    const envName = ctx.env.displayName;
    return containersOf(template).flatMap((container) => {
      const image = container.image;
      const where = `${describeObject(object)} (container "${container.name ?? "?"}")`;
      if (typeof image !== "string" || image.length === 0)
        return [`${where} has no image; set the image the pipeline built in the platform registry ${ctx.env.registry}.`];
      const problems: string[] = [];
      if (!parseImageReference(image).repository.startsWith(`${ctx.env.registry}/`)) {
        problems.push(
          `${where} runs image "${image}" from outside the platform registry: ${envName} pulls app images only from ${ctx.env.registry}/; build and push the image through the pipeline.`,
        );
      }
      if (ctx.env.digestRequired && !pinnedByDigest(image)) {
        problems.push(
          `${where} runs image "${image}" without a sha256 digest: ${envName} deploys by digest only; deploy the digest the pipeline built and promoted (stack config beluga:digests).`,
        );
      }
      return problems;
    });
  },
};
