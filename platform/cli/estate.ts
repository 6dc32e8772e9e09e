import { Command } from "commander";
import { cacheCommand } from "../estate/cache-command";
import { diffCommand } from "../estate/diff/diff-command";
import { pipelineCommand } from "../estate/diff/pipeline-command";
import { renderCommand } from "../estate/render-command";
import { soclesCommand } from "../estate/socles/socles-command";

/**
 * `npm run estate -- <command>`: estate-wide work over every app × environment.
 *   render [--estate synthetic|repo] [--out DIR] [--no-cache] [--workers N]
 *          every app for every environment into <out>/<env>/<app>.yaml (cached, parallel)
 *   diff --base <ref> [--format text|markdown] [--out FILE] [--post]   fleet impact of the working tree against <ref>
 *   socles [--rebuild <socle>[@digest]] [--format text|markdown|json|html]   socle usage, lifecycle, rebuild plan
 *   pipeline [--check]   the constructs' MR pipeline (.gitlab/constructs-ci.yml)
 *   cache [--days N]     prune the render cache (entries unused for N days; renders do it daily)
 */
const program = new Command().name("estate").description("Estate-wide commands: render, and reports over every app × environment");

program.addCommand(renderCommand());
program.addCommand(diffCommand());
program.addCommand(soclesCommand());
program.addCommand(pipelineCommand());
program.addCommand(cacheCommand());

program.parseAsync().catch((error: unknown) => {
  console.error(`estate: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
