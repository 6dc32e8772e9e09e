import type { EnvironmentSpec, EnvName } from "../constructs/model";
import { dev } from "./dev";
import { int } from "./int";
import { prod } from "./prod";
import { re7 } from "./re7";

/** Every environment by stack name, in promotion order. */
export const environments: Readonly<Record<EnvName, EnvironmentSpec>> = { dev, int, re7, prod };
