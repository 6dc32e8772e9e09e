import { Command, InvalidArgumentError, Option } from "commander";
import type { Beluga } from "../../../constructs/beluga";
import { type EstateKind, loadEstate } from "../estate-source";
import { SocleError, rebuildPlan } from "./rebuild-plan";
import { socleUsage } from "./socle-usage";
import { renderLineagePage } from "./lineage-page";
import { type SoclesFormat, renderPlan, renderUsage } from "./socles-report";

/** Options of `estate socles`, as commander parses them. */
interface SoclesCommandOptions {
  readonly estate: EstateKind;
  readonly format: SoclesFormat | "html";
  readonly rebuild?: string;
  readonly date?: Date;
  readonly apps?: number;
  readonly seed?: number;
}

/**
 * `estate socles`: which apps, workloads and environments run each socle, who is still on a
 * deprecated or retired one; with `--rebuild <socle>[@<digest>]` (or a base image name), the app
 * images to rebuild and their deploys in promotion order, release windows respected. The estate
 * starts from `base` (its instance, and its apps for `--estate repo`).
 */
export function soclesCommand(base: Beluga): Command {
  const windowed = base.environments.list.filter((env) => env.releaseWindows).map((env) => env.displayName);
  return new Command("socles")
    .description(
      "Socle usage per app and environment, lifecycle findings; --rebuild: the rebuild plan of a socle digest change; --format html: the lineage graph page",
    )
    .option("--estate <kind>", "synthetic (repo apps + generated ones) or repo (apps/catalog.ts)", parseKind, "synthetic")
    .option("--rebuild <socle[@digest]>", "rebuild plan for a new digest of this socle (or of a base image: every socle FROM it)")
    .addOption(new Option("--format <format>", "report format").choices(["text", "markdown", "json", "html"]).default("text"))
    .option(
      "--date <YYYY-MM-DD>",
      `day the deploys would run, for release windows${windowed.length > 0 ? ` (${windowed.join(", ")})` : ""} (default: today)`,
      parseDate,
    )
    .option("--apps <n>", "synthetic estate: number of app systems", (v) => Number(v))
    .option("--seed <n>", "synthetic estate: generator seed", (v) => Number(v))
    .action((options: SoclesCommandOptions) => {
      const estate = loadEstate(options.estate, { apps: options.apps, seed: options.seed, base });
      try {
        const plan = options.rebuild ? rebuildPlan(estate, options.rebuild, options.date ?? new Date()) : undefined;
        if (options.format === "html")
          process.stdout.write(renderLineagePage(socleUsage(estate), estate.instance, { plan, generatedAt: new Date().toISOString() }));
        else
          process.stdout.write(
            plan ? renderPlan(plan, options.format) : renderUsage(socleUsage(estate), options.format, estate.environments),
          );
      } catch (error) {
        if (!(error instanceof SocleError)) throw error;
        console.error(`estate socles: ${error.message}`);
        process.exitCode = 1;
      }
    });
}

function parseKind(value: string): EstateKind {
  if (value !== "synthetic" && value !== "repo") throw new InvalidArgumentError('use "synthetic" or "repo"');
  return value;
}

function parseDate(value: string): Date {
  const date = new Date(`${value}T12:00:00+01:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime())) throw new InvalidArgumentError("use YYYY-MM-DD, e.g. 2025-04-14");
  return date;
}
