import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { beluga as repoBeluga } from "../instance";
import { cacheCommand } from "../estate/cache-command";
import { diffCommand } from "../estate/diff/diff-command";
import { pipelineCommand } from "../estate/diff/pipeline-command";
import { renderCommand } from "../estate/render-command";
import { soclesCommand } from "../estate/socles/socles-command";

/**
 * `beluga estate <command>` (and `npm run estate -- <command>`): estate-wide work over every app ×
 * environment of the instance, its apps (`--estate repo`) or those plus generated ones (`synthetic`).
 *   render [--estate synthetic|repo] [--out DIR] [--no-cache] [--workers N]
 *          every app for every environment into <out>/<env>/<app>.yaml (cached, parallel)
 *   diff --base <ref> [--format text|markdown] [--out FILE] [--post]   fleet impact of the working tree against <ref>
 *   socles [--rebuild <socle>[@digest]] [--format text|markdown|json|html]   socle usage, lifecycle, rebuild plan
 *   pipeline [--check]   the constructs' MR pipeline (.gitlab/constructs-ci.yml)
 *   cache [--days N]     prune the render cache (entries unused for N days; renders do it daily)
 */
export function estateCommand(beluga: Beluga): Command {
  return new Command("estate")
    .description("Estate-wide commands: render, and reports over every app × environment")
    .addCommand(renderCommand(beluga))
    .addCommand(diffCommand(beluga))
    .addCommand(soclesCommand(beluga))
    .addCommand(pipelineCommand())
    .addCommand(cacheCommand());
}

// `npm run estate -- render …`: `estate diff` runs this entry at other commits, so it stays callable alone.
if (require.main === module) {
  estateCommand(repoBeluga)
    .parseAsync()
    .catch((error: unknown) => {
      console.error(`estate: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
