import { apps } from "../apps/catalog";
import { Beluga } from "../constructs/beluga";
import { appSource } from "./apps/discover-apps";
import { instance } from "./company-instance";

export { instance };

/** The façade every command, program and generator of this repository goes through: the instance and its apps. */
export const beluga: Beluga = new Beluga(instance, apps, { sourceOf: appSource });
