import { type BelugaInstance, defineInstance } from "../constructs/instance";
import { environmentList } from "../environments";
import { catalog } from "./catalog";

/**
 * This company's instance of the library: its catalog, its environments (Dev, Int, RE7, Prod) and its change ids.
 * Apart from `platform/instance.ts` (which adds the apps and the façade) so the policy pack, which the
 * Pulumi CLI type-checks on every run, loads only the data it judges with.
 */
export const instance: BelugaInstance = defineInstance({
  name: "beluga",
  catalog,
  environments: environmentList,
  // The change-management tool issues CHG-<6 digits>; a person running a pipeline under a change sets BELUGA_CHANGE_ID.
  changeManagement: { variable: "BELUGA_CHANGE_ID", idPattern: "^CHG-[0-9]{6}$", example: "CHG-123456" },
});
