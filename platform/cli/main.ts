import type { Beluga } from "../../constructs/beluga";
import { printError } from "./cli-errors";
import { runBeluga } from "./beluga";

/** Entry point of `beluga` (bin) and `npm run beluga --`: this repository's instance, the command line. */
void main().then((code) => {
  process.exitCode = code;
});

async function main(): Promise<number> {
  let beluga: Beluga;
  try {
    // Loaded here rather than imported: an apps/<name>/app.ts that fails to load is a user mistake
    // (discoverApps reports it with the file and the fix), printed by the one error printer.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    beluga = (require("../instance") as typeof import("../instance")).beluga;
  } catch (error) {
    return printError("beluga", error);
  }
  return runBeluga(beluga, process.argv.slice(2));
}
