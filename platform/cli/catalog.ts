import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { staleFiles } from "../../constructs/gitlab";
import { parseAllDocuments } from "yaml";
import { CatalogModelRules, type CatalogEntity, type EntityValidator, catalogInfoFiles } from "../backstage";
import { REPO_ROOT } from "../repo-root";
import { RefusedError, guarded } from "./cli-errors";

/**
 * `beluga catalog generate|check`: the Backstage `catalog-info.yaml` of every app, generated from the
 * declarations (apps/<app>/catalog-info.yaml) and validated against the catalog model before anything
 * is written; `check` exits 1 when regenerating would change a committed file (CI runs it).
 */
export function catalogCommand(beluga: Beluga, root: string = REPO_ROOT, validator: EntityValidator = new CatalogModelRules()): Command {
  const program = new Command("catalog").description("generate and check the Backstage catalog-info.yaml of every app");
  program
    .command("generate")
    .description("write apps/<app>/catalog-info.yaml for every app")
    .action(
      guarded("catalog", async () => {
        const files = await validated(beluga, validator);
        for (const [path, content] of files) {
          mkdirSync(dirname(join(root, path)), { recursive: true });
          writeFileSync(join(root, path), content);
        }
        console.log(`catalog generate: wrote ${files.size} catalog-info.yaml (${[...files.keys()].join(", ")})`);
      }),
    );
  program
    .command("check")
    .description("fail when regenerating a catalog-info.yaml would change it")
    .action(
      guarded("catalog", async () => {
        const files = await validated(beluga, validator);
        const stale = staleFiles(root, files);
        if (stale.length > 0) {
          throw new RefusedError(
            `${stale.length} generated catalog-info.yaml out of date`,
            stale.map((s) => `${s.path} (${s.reason})`),
            "run npm run -s beluga -- catalog generate and commit the result",
          );
        }
        console.log(`catalog check: ${files.size} catalog-info.yaml up to date`);
      }),
    );
  return program;
}

/** Every app's file, each entity read back from the YAML written and validated: nothing is written if one fails. */
async function validated(beluga: Beluga, validator: EntityValidator): Promise<Map<string, string>> {
  const files = catalogInfoFiles(beluga);
  const problems: string[] = [];
  for (const [path, content] of files) {
    for (const doc of parseAllDocuments(content)) {
      for (const message of await validator.validate(doc.toJS() as CatalogEntity)) problems.push(`${path}: ${message}`);
    }
  }
  if (problems.length > 0) throw new RefusedError(`${problems.length} invalid catalog entit(ies); nothing was written`, problems);
  return files;
}
