import { appProgram } from "../../platform/deploy/app-program";
import { espaceClient } from "./app";

export = appProgram(espaceClient);
