import { Option } from "commander";
import type { Beluga } from "../../constructs/beluga";

/** `-a, --app <app>`: one app of the instance (choices from the instance). */
export function appOption(beluga: Beluga, description = "app name"): Option {
  return new Option("-a, --app <app>", description).choices([...beluga.appNames]);
}

/** `-a, --app <apps...>`: some apps of the instance. @default every app */
export function appsOption(beluga: Beluga, description = "only these apps (default: every app)"): Option {
  return new Option("-a, --app <apps...>", description).choices([...beluga.appNames]);
}

/** `-e, --env <env>`: one environment of the instance, in promotion order (choices from the instance). */
export function envOption(beluga: Beluga, description = "environment (stack name)"): Option {
  return new Option("-e, --env <env>", `${description}: ${beluga.environments.describe()}`).choices([...beluga.environments.names]);
}

/**
 * `--emergency-change <id>`: the change id of this deploy, defaulting to the instance's change
 * variable (`BELUGA_CHANGE_ID`), the one the pipeline's freeze rule and the release record read.
 */
export function emergencyChangeOption(beluga: Beluga): Option {
  const { variable, example } = beluga.instance.changeManagement;
  return new Option(
    "--emergency-change <id>",
    `change id opening a closed release window, e.g. ${example} (default: $${variable})`,
  ).default(process.env[variable] || undefined);
}

/** The first environment of the promotion chain (where teams deploy themselves): the default of `--env`. */
export function firstEnvironment(beluga: Beluga): string {
  return beluga.environments.names[0];
}
