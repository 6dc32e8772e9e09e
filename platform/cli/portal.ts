import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve as resolvePath } from "node:path";
import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { PortalReadError, gatherPortalReadings, portalModel, portalSite } from "../portal";
import { guarded } from "./cli-errors";

/**
 * `beluga portal [--out <dir>] [--no-cluster]`: the estate portal as a static site (no server, no
 * framework): apps × environments from the stacks and the cluster, promotions waiting, the release
 * calendar, the image lineage, the pods and a page per app. Reads every stack of every app (progress
 * shown), then renders.
 */
export function portalCommand(beluga: Beluga): Command {
  return new Command("portal")
    .description("write the estate portal (static HTML) from the stacks and the cluster")
    .option("-o, --out <dir>", "output folder", ".beluga/portal")
    .option("--no-cluster", "do not read pods from the cluster (cells show pods unknown)")
    .action(
      guarded(
        "portal",
        async (options: { out: string; cluster: boolean }) => {
          const total = beluga.apps.length * beluga.environments.names.length;
          const started = Date.now();
          let lastShown = 0;
          const readings = await gatherPortalReadings(beluga, {
            ...(options.cluster
              ? {}
              : {
                  readWorkloads: () => {
                    throw new Error("not read");
                  },
                }),
            onProgress: (done) => {
              if (done !== total && Date.now() - lastShown < 2000) return;
              lastShown = Date.now();
              const seconds = (Date.now() - started) / 1000;
              const left = done > 0 ? Math.round((seconds / done) * (total - done)) : 0;
              console.log(`portal: read ${done}/${total} stacks (${seconds.toFixed(0)}s, about ${left}s left)`);
            },
          });
          const site = portalSite(portalModel(beluga, readings));
          const out = resolvePath(options.out);
          rmSync(out, { recursive: true, force: true });
          for (const [path, html] of site) {
            mkdirSync(dirname(join(out, path)), { recursive: true });
            writeFileSync(join(out, path), html);
          }
          const deployed = [...readings.records.values()].filter(Boolean).length;
          console.log(
            `portal: wrote ${site.size} pages to ${options.out}/ (${deployed}/${total} stacks deployed; pods ${readings.workloads ? "read" : "not read"}); open ${join(options.out, "index.html")}`,
          );
        },
        (error) => error instanceof PortalReadError,
      ),
    );
}
