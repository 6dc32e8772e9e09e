import { Command, InvalidArgumentError } from "commander";
import { CACHE_MAX_AGE_DAYS, RenderCache } from "./render-cache";
import { DEFAULT_ESTATE_CACHE } from "./render-estate";

/**
 * `estate cache --prune [--days N]`: removes the render cache entries no run has used for N days
 * (renders that write entries already do it once a day with 30 days) and prints what is left.
 */
export function cacheCommand(): Command {
  return new Command("cache")
    .description(
      `Prune the render cache: drop entries unused for --days (default ${CACHE_MAX_AGE_DAYS}); renders that write entries do it once a day`,
    )
    .option(
      "--days <n>",
      "age of the last use beyond which an entry goes",
      (value: string) => {
        const n = Number(value);
        if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError("--days must be a number ≥ 0 (0 empties the cache)");
        return n;
      },
      CACHE_MAX_AGE_DAYS,
    )
    .option("--cache-dir <dir>", "cache folder", DEFAULT_ESTATE_CACHE)
    .action((options: { days: number; cacheDir: string }) => {
      const report = new RenderCache(options.cacheDir).prune(options.days);
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(
        `estate cache: removed ${report.removed} entries (${mb(report.freedBytes)} MB) unused for ${options.days} days; ${report.kept} entries (${mb(report.keptBytes)} MB) kept in ${options.cacheDir}`,
      );
    });
}
