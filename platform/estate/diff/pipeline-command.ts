import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command } from "commander";
import { REPO_ROOT } from "../../repo-root";
import { CONSTRUCTS_PIPELINE_PATH, constructsPipelineFile } from "./constructs-pipeline";

/**
 * `estate pipeline [--check]`: writes the constructs' merge-request pipeline (`.gitlab/constructs-ci.yml`),
 * or with `--check` exits 1 when regenerating it would change the committed file (.ci/check-generated.sh).
 */
export function pipelineCommand(): Command {
  return new Command("pipeline")
    .description(`write ${CONSTRUCTS_PIPELINE_PATH} (the constructs' MR pipeline: estate diff); --check fails when it is stale`)
    .option("--check", "do not write: exit 1 when the committed file differs from what would be generated")
    .action((options: { check?: boolean }) => {
      const { content, errors } = constructsPipelineFile();
      if (!content) {
        for (const e of errors) console.error(`  ✗ ${e}`);
        process.exitCode = 1;
        return;
      }
      const target = join(REPO_ROOT, CONSTRUCTS_PIPELINE_PATH);
      if (options.check) {
        if (existsSync(target) && readFileSync(target, "utf8") === content)
          return void console.log(`estate pipeline: ${CONSTRUCTS_PIPELINE_PATH} up to date`);
        console.error(
          `estate pipeline: ${CONSTRUCTS_PIPELINE_PATH} is ${existsSync(target) ? "out of date" : "missing"}; run npm run estate -- pipeline and commit the result`,
        );
        process.exitCode = 1;
        return;
      }
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      console.log(`estate pipeline: wrote ${CONSTRUCTS_PIPELINE_PATH}`);
    });
}
