import { appProgram } from "../../platform/deploy/app-program";
import { souscription } from "./app";

export = appProgram(souscription);
