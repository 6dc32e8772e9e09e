import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command, Option } from "commander";
import { apps } from "../../apps/catalog";
import { ENV_NAMES, type EnvName } from "../../constructs/model";
import { previewJson, previewStack } from "../deploy";

/**
 * `npm run preview -- --app <app> --env <env> [--out <file>]`: the `pulumi preview --json` document of
 * one app's stack, as the merge-request and deploy jobs record it. Equivalent to
 * `pulumi preview --json --stack <env> --cwd apps/<app>` on a runner with the Node.js language host;
 * this one runs the same program inline, so it also works where that host is not installed.
 */
const program = new Command()
  .name("preview")
  .description("pulumi preview --json of one app in one environment")
  .addOption(new Option("-a, --app <app>", "app name").choices(apps.map((a) => a.name)).makeOptionMandatory())
  .addOption(new Option("-e, --env <env>", "environment (stack)").choices([...ENV_NAMES]).makeOptionMandatory())
  .option("-o, --out <file>", "write the JSON there instead of stdout")
  .action(async (options: { app: string; env: EnvName; out?: string }) => {
    const json = await previewJson({ project: options.app, env: options.env });
    if (!options.out) return void process.stdout.write(json);
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, json);
    console.error(`preview: ${options.app}/${options.env} → ${options.out}`);
  });

program.parseAsync().catch(async (error) => {
  // With --json the engine leaves policy violations out of the document and says only "preview
  // failed": run the same preview as text to show the reasons.
  const { app, env } = program.opts<{ app: string; env: EnvName }>();
  const reasons = await previewStack({ project: app, env }).then(
    () => [],
    (text: unknown) => reasonLines(text),
  );
  console.error([`preview: ${app}/${env} failed`, ...(reasons.length > 0 ? reasons : reasonLines(error))].join("\n"));
  process.exitCode = 1;
});

/** The engine lines a person needs: errors and mandatory policy violations, without stack traces. */
function reasonLines(error: unknown): string[] {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => /^error:|\[mandatory\]|^Deployment |cannot roll out/i.test(l) && !/^at /.test(l) && !/preview failed/.test(l));
  return [...new Set(lines)].slice(0, 30).map((l) => `  ${l}`);
}
