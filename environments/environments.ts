import { EnvironmentSet } from "../constructs/instance";
import { dev } from "./dev";
import { int } from "./int";
import { prod } from "./prod";
import { re7 } from "./re7";

/**
 * Every environment of this company, in promotion order. Adding one (say a training environment
 * between RE7 and Prod) is one file here, its place in this list and its stack files.
 */
export const environmentList = [dev, int, re7, prod] as const;

/** The same, validated and addressable by name (`environments.get("re7")`). */
export const environments: EnvironmentSet = EnvironmentSet.of(environmentList);
