import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command, Option } from "commander";
import { apps } from "../../apps/catalog";
import { ENV_NAMES, type EnvName } from "../../constructs/model";
import { previewJson } from "../deploy";

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

program.parseAsync().catch((error) => {
  console.error(failureLines(error).join("\n"));
  process.exitCode = 1;
});

/**
 * What a person needs from a failed preview: with `--json` the engine reports errors and policy
 * violations as diagnostics inside the JSON document on stdout, not as text lines.
 */
function failureLines(error: unknown): string[] {
  const stdout = (error as { stdout?: string }).stdout ?? "";
  const start = stdout.indexOf("{");
  if (start >= 0) {
    try {
      const digest = JSON.parse(stdout.slice(start)) as { diagnostics?: Array<{ message: string; severity: string; urn?: string }> };
      const lines = (digest.diagnostics ?? []).filter((d) => d.severity === "error" || /mandatory|violation/i.test(d.message)).map((d) => `${d.urn ? `${d.urn.split("::").pop()}: ` : ""}${d.message.trim()}`);
      if (lines.length > 0) return [...new Set(lines)];
    } catch {
      // not a complete document: fall back to the text lines below
    }
  }
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split("\n").filter((l) => /error:|violation|mandatory/i.test(l) && !/^\s+at /.test(l));
  return lines.length > 0 ? [...new Set(lines)] : [text];
}
