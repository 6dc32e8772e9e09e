import { printError } from "./cli-errors";

/** Entry point of `beluga` (bin) and `npm run beluga --`: this repository's instance, the command line. */
void main().then((code) => {
  process.exitCode = code;
});

async function main(): Promise<number> {
  let run: () => Promise<number>;
  try {
    // Loaded here rather than imported (commands import the instance too): an apps/<name>/app.ts that
    // fails to load is a user mistake (discoverApps names the file and the fix), printed by the one
    // error printer instead of a stack trace.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { beluga } = require("../instance") as typeof import("../instance");
    const { runBeluga } = require("./beluga") as typeof import("./beluga");
    /* eslint-enable @typescript-eslint/no-require-imports */
    run = () => runBeluga(beluga, process.argv.slice(2));
  } catch (error) {
    return printError("beluga", error);
  }
  return run();
}
