import { type BelugaInstance, defineInstance } from "../constructs/instance";
import { environmentList } from "../environments";
import { catalog } from "./catalog";

/**
 * This company's instance of the library: its catalog and its environments (Dev, Int, RE7, Prod).
 * Apart from `platform/instance.ts` (which adds the apps and the façade) so the policy pack, which the
 * Pulumi CLI type-checks on every run, loads only the data it judges with.
 */
export const instance: BelugaInstance = defineInstance({ name: "beluga", catalog, environments: environmentList });
