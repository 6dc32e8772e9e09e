import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { clusterCommand } from "../local/cluster";
import { EXIT, printError } from "./cli-errors";
import { catalogCommand } from "./catalog";
import { contractCommand } from "./contract";
import { deployCommand } from "./deploy";
import { driftCommand } from "./drift";
import { estateCommand } from "./estate";
import { fleetCommand } from "./fleet";
import { gateCommand } from "./gate";
import { gitlabCommand } from "./gitlab";
import { newCommand } from "./new-app";
import { portalCommand } from "./portal";
import { previewCommand } from "./preview";
import { synthCommand } from "./synth";

/**
 * The one command line of the platform: `beluga <command>`. Every command reaches the library
 * through the façade built once from this repository's instance; `--app` and `--env` take their
 * choices from it. Exit codes: 0 done, 1 refused or failed, 2 usage error.
 */
export function belugaProgram(beluga: Beluga): Command {
  const program = new Command("beluga")
    .description(`Beluga platform as code: ${beluga.appNames.length} apps, environments ${beluga.environments.describe()}`)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ outputError: (text, write) => write(text) })
    .exitOverride();
  for (const command of [
    deployCommand(beluga),
    previewCommand(beluga),
    driftCommand(beluga),
    synthCommand(beluga),
    gateCommand(beluga),
    contractCommand(beluga),
    gitlabCommand(beluga),
    estateCommand(beluga),
    fleetCommand(beluga),
    newCommand(beluga),
    catalogCommand(beluga),
    portalCommand(beluga),
    clusterCommand(),
  ]) {
    program.addCommand(command);
  }
  // Subcommands fail like the program: usage errors reach the one error printer with exit code 2.
  const exitOverrideAll = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(exitOverrideAll);
  };
  exitOverrideAll(program);
  return program;
}

/** Runs the CLI on `argv` and returns the exit code (tests call this; the bin sets process.exitCode). */
export async function runBeluga(beluga: Beluga, argv: readonly string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await belugaProgram(beluga).parseAsync([...argv], { from: "user" });
  } catch (error) {
    return printError("beluga", error);
  }
  return typeof process.exitCode === "number" ? process.exitCode : EXIT.done;
}
