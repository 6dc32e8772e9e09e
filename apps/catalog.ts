import type { AppDeclaration } from "../constructs/model";
import { espaceClient } from "./espace-client/app";
import { gestionContrats } from "./gestion-contrats/app";
import { sinistre } from "./sinistre/app";
import { souscription } from "./souscription/app";

/** Every app of this repository, for synth, tests and generated pipelines. Add new apps here. */
export const apps: readonly AppDeclaration[] = [souscription, sinistre, espaceClient, gestionContrats];
