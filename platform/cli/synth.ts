import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { beluga as repoBeluga } from "../instance";
import { synthesize } from "../synth";

/**
 * `beluga synth` (and `npm run synth`): renders every app for every environment into
 * `dist/<env>/<app>.yaml`, the platform layer into `dist/<env>/platform.yaml` and the image chain into
 * `dist/images/`. On any invalid declaration it prints every message and exits 1, writing nothing.
 */
export function synthCommand(beluga: Beluga): Command {
  return new Command("synth")
    .description("Render every app, the platform layer and the image chain to dist/")
    .option("-o, --out <dir>", "output folder", "dist")
    .action((options: { out: string }) => {
      const result = synthesize(beluga);
      if (!result.ok) {
        console.error(`synth: ${result.messages.length} problem(s) in the declarations; nothing was written.`);
        for (const message of result.messages) console.error(`  ✗ ${message}`);
        process.exitCode = 1;
        return;
      }
      const out = resolvePath(options.out);
      rmSync(out, { recursive: true, force: true });
      for (const [path, content] of result.files) {
        const target = join(out, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      const envs = beluga.environments.names.length;
      console.log(
        `synth: wrote ${result.files.size} files to ${options.out}/ (${beluga.apps.length} apps × ${envs} environments, platform layer, image chain)`,
      );
    });
}

if (require.main === module) {
  synthCommand(repoBeluga).parse();
}
