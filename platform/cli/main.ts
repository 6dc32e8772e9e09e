import type { Beluga } from "../../constructs/beluga";
import { printError } from "./cli-errors";

/**
 * Entry point of `beluga` (bin) and `npm run beluga --`: this repository's instance, the command line.
 * The instance (and with it every app declaration) is loaded inside the error printer's reach, so an
 * app module that throws, exports nothing or is misnamed in apps/catalog.ts is reported like an
 * invalid declaration (exit code 1) instead of a Node stack trace.
 */
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { beluga } = require("../instance") as { beluga: Beluga };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runBeluga } = require("./beluga") as typeof import("./beluga");
  void runBeluga(beluga, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} catch (error) {
  process.exitCode = printError("beluga", error);
}
