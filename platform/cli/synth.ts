import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { Command } from "commander";
import { apps } from "../../apps/catalog";
import { environments } from "../../environments";
import { catalog } from "../catalog";
import { synthesize } from "../synth";

/**
 * `npm run synth`: renders every app for every environment into `dist/<env>/<app>.yaml`, the platform
 * layer into `dist/<env>/platform.yaml` and the image chain into `dist/images/`. On any invalid
 * declaration it prints every message and exits 1, writing nothing.
 */
const program = new Command()
  .name("synth")
  .description("Render every app, the platform layer and the image chain to dist/")
  .option("-o, --out <dir>", "output folder", "dist")
  .action((options: { out: string }) => {
    const result = synthesize({ apps, environments, catalog });
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
    console.log(`synth: wrote ${result.files.size} files to ${options.out}/ (${apps.length} apps × 4 environments, platform layer, image chain)`);
  });

program.parse();
