import { platformProgram } from "./platform-program";

export = platformProgram();
