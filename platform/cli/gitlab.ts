import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { Command } from "commander";
import { apps } from "../../apps/catalog";
import { generatePipelines, staleFiles } from "../../constructs/gitlab";
import { environments } from "../../environments";
import { catalog } from "../catalog";

/**
 * `npm run gitlab -- <command>`: the GitLab side of Beluga.
 * - `generate`: writes every app's `.gitlab-ci.yml` (validated against GitLab's schema and the
 *   semantic checks first; nothing is written if any app fails);
 * - `check`: exits 1 when regenerating would change a committed pipeline (CI runs it);
 * - `mr-note`, `release-record`, `release-notes`: used by the generated jobs.
 * User mistakes print messages and exit non-zero, never a stack trace.
 */
const REPO_ROOT = resolvePath(__dirname, "../..");
const program = new Command().name("gitlab").description("Generate and check GitLab pipelines; MR notes, release records and notes");

program
  .command("generate")
  .description("write apps/<app>/.gitlab-ci.yml for every app")
  .action(() => {
    const result = generatePipelines(apps, { environments, catalog });
    if (fail("generate", result.messages)) return;
    for (const [path, content] of result.files) {
      mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
      writeFileSync(join(REPO_ROOT, path), content);
    }
    console.log(`gitlab generate: wrote ${result.files.size} pipelines (${[...result.files.keys()].join(", ")})`);
  });

program
  .command("check")
  .description("fail when regenerating the pipelines would change any of them")
  .action(() => {
    const result = generatePipelines(apps, { environments, catalog });
    if (fail("check", result.messages)) return;
    const stale = staleFiles(REPO_ROOT, result.files);
    if (stale.length > 0) {
      console.error(`gitlab check: ${stale.length} generated pipeline(s) out of date:`);
      for (const s of stale) console.error(`  ✗ ${s.path} (${s.reason})`);
      console.error("run npm run gitlab -- generate and commit the result");
      process.exitCode = 1;
      return;
    }
    console.log(`gitlab check: ${result.files.size} pipelines up to date`);
  });

function fail(command: string, messages: readonly string[]): boolean {
  if (messages.length === 0) return false;
  console.error(`gitlab ${command}: ${messages.length} problem(s); nothing was written.`);
  for (const m of messages) console.error(`  ✗ ${m}`);
  process.exitCode = 1;
  return true;
}

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
