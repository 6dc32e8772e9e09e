import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { previewJson, previewStack } from "../deploy";
import { preflightFor } from "../deploy/preflight";
import { RefusedError, UsageError, guarded } from "./cli-errors";
import { appOption, envOption } from "./shared-options";

/**
 * `beluga preview --app <app> --env <env> [--out <file>]`: the `pulumi preview --json` document of
 * one app's stack, as the merge-request and deploy jobs record it; `--platform` instead of `--app`
 * previews the platform layer's stack (the root pipeline's platform jobs). Equivalent to
 * `pulumi preview --json --stack <env> --cwd apps/<app>` on a runner with the Node.js language host;
 * this one runs the same program inline, so it also works where that host is not installed. The
 * cluster is read first (`--refresh`), so the diff a reviewer or a gate reads includes what was
 * changed in the cluster by hand; `--no-refresh` skips that, for a quick look only.
 */
export function previewCommand(beluga: Beluga): Command {
  return new Command("preview")
    .description("pulumi preview --json of one app (or the platform layer) in one environment (what a deploy would change)")
    .addOption(appOption(beluga))
    .option("--platform", "preview the platform layer instead of an app")
    .addOption(envOption(beluga).makeOptionMandatory())
    .option("-o, --out <file>", "write the JSON there instead of stdout")
    .option("--no-refresh", "do not read the cluster first (faster; the diff then misses changes made in the cluster)")
    .action(
      guarded("preview", async (options: { app?: string; platform?: boolean; env: string; out?: string; refresh: boolean }) => {
        if (Boolean(options.app) === Boolean(options.platform))
          throw new UsageError("preview takes one of --app <app> or --platform", "name the app, or --platform for the platform layer");
        const target = { project: options.app ?? "platform", env: options.env };
        // The same preflight as a deploy: a preview against the wrong cluster would read (and refresh
        // the state from) another environment's objects.
        const env = beluga.environment(options.env);
        const problems = await preflightFor(target, env);
        if (problems.length > 0)
          throw new RefusedError(
            `${target.project}/${options.env}: not previewed, ${problems.length} problem(s) found before starting`,
            problems.map((p) => `${p.message}; ${p.next}`),
          );
        let json: string;
        try {
          json = await previewJson(target, { refresh: options.refresh });
        } catch (error) {
          // With --json the engine leaves policy violations out of the document and says only "preview
          // failed": run the same preview as text to show the reasons.
          const reasons = await previewStack(target, { refresh: options.refresh }).then(
            () => [],
            (text: unknown) => reasonLines(text),
          );
          throw new RefusedError(`${target.project}/${options.env} failed`, reasons.length > 0 ? reasons : reasonLines(error));
        }
        if (!options.out) return void process.stdout.write(json);
        mkdirSync(dirname(options.out), { recursive: true });
        writeFileSync(options.out, json);
        console.error(`preview: ${target.project}/${options.env} → ${options.out}`);
      }),
    );
}

/** The engine lines a person needs: errors and mandatory policy violations, without stack traces. */
function reasonLines(error: unknown): string[] {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^error:|\[mandatory\]|^Deployment |cannot roll out/i.test(l) && !/^at /.test(l) && !/preview failed/.test(l));
  return [...new Set(lines)].slice(0, 30);
}
