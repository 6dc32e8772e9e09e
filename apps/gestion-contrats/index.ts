import { appProgram } from "../../platform/deploy/app-program";
import { gestionContrats } from "./app";

export = appProgram(gestionContrats);
