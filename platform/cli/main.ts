import { beluga } from "../instance";
import { runBeluga } from "./beluga";

/** Entry point of `beluga` (bin) and `npm run beluga --`: this repository's instance, the command line. */
void runBeluga(beluga, process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
