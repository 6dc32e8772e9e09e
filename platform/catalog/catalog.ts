import { CatalogSpec } from "../../constructs/model";
import { baseImages } from "./base-images";
import { probeDefaults, profiles } from "./profiles";
import { services } from "./services";
import { socles } from "./socles";

/** The platform catalog, validated once when loaded: a broken catalog is a platform bug, not a user one. */
export const catalog: CatalogSpec = CatalogSpec.parse({
  registry: "registry.beluga.internal/platform",
  baseImages,
  socles,
  profiles,
  probeDefaults,
  services,
});
