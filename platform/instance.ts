import { apps } from "../apps/catalog";
import { Beluga } from "../constructs/beluga";
import { type BelugaInstance, defineInstance } from "../constructs/instance";
import { environmentList } from "../environments";
import { catalog } from "./catalog";

/** This company's instance of the library: its catalog and its environments (Dev, Int, RE7, Prod). */
export const instance: BelugaInstance = defineInstance({ name: "beluga", catalog, environments: environmentList });

/** The façade every command, program and generator of this repository goes through. */
export const beluga: Beluga = new Beluga(instance, apps);
