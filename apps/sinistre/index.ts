import { appProgram } from "../../platform/deploy/app-program";
import { sinistre } from "./app";

export = appProgram(sinistre);
