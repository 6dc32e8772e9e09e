import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { apps } from "../../apps/catalog";
import { ENV_NAMES, type EnvName, namespaceName } from "../../constructs/model";
import { REPO_ROOT, type StackTarget, formatTable, readWorkloads, renderStatusPage, targetLabel, upStack } from "../deploy";
import { environments } from "../../environments";
import { catalog } from "../catalog";
import { renderLineagePage, socleUsage } from "../estate/socles";
import { clusterUp } from "../local/cluster/cluster-up";

/**
 * The main job: brings the embedded platform up if needed, then `pulumi up` of the platform layer and
 * of every app (or the ones named) in one environment, and prints what runs there.
 */
const program = new Command()
  .name("deploy")
  .description("pulumi up of the platform layer and the example apps, then a table of what runs")
  .addOption(new Option("-e, --env <env>", "environment (stack)").choices([...ENV_NAMES]).default("dev"))
  .option("-a, --app <names...>", "only these apps (default: every app)")
  .option("--no-cluster", "do not start the embedded control plane (use the current kube context; also when BELUGA_EXTERNAL_CLUSTER=1)")
  .option("--platform", "also deploy the platform layer (default when no --app is given)")
  .option("--no-platform", "skip the platform layer")
  .action(async (options: { env: EnvName; app?: string[]; cluster: boolean; platform?: boolean }) => {
    // A pipeline deploying one app leaves the platform layer to the platform team's own pipeline.
    options.platform = options.platform ?? !options.app;
    if (process.env.BELUGA_EXTERNAL_CLUSTER === "1") options.cluster = false;
    const selected = options.app ? apps.filter((a) => options.app!.includes(a.name)) : apps;
    const unknown = (options.app ?? []).filter((name) => !apps.some((a) => a.name === name));
    if (unknown.length > 0) {
      console.error(`deploy: unknown app(s) ${unknown.join(", ")}; known apps: ${apps.map((a) => a.name).join(", ")}`);
      process.exitCode = 2;
      return;
    }
    if (options.cluster) clusterUp();
    const targets: StackTarget[] = [...(options.platform ? [{ project: "platform", env: options.env }] : []), ...selected.map((a) => ({ project: a.name, env: options.env }))];
    for (const [i, target] of targets.entries()) {
      process.stdout.write(`[${i + 1}/${targets.length}] pulumi up ${targetLabel(target)} … `);
      try {
        const result = await upStack(target);
        const changes = Object.entries(result.changes).filter(([op]) => op !== "same").map(([op, n]) => `${n} ${op}`).join(", ") || "no changes";
        console.log(`done in ${result.seconds.toFixed(1)}s (${changes})`);
      } catch (error) {
        console.log("FAILED");
        console.error(summarizeFailure(target, error));
        console.error(`full log: .beluga/logs/${target.project}-${target.env}-up.log`);
        process.exitCode = 1;
        return;
      }
    }
    const rows = readWorkloads(selected.map((a) => namespaceName(a.name, options.env)));
    console.log(`\n${formatTable(rows)}`);
    mkdirSync(join(REPO_ROOT, ".beluga"), { recursive: true });
    const page = join(REPO_ROOT, ".beluga/status.html");
    writeFileSync(page, renderStatusPage(rows, new Date().toISOString()));
    console.log(`\napps × environments page: ${page}`);
    const lineage = join(REPO_ROOT, ".beluga/lineage.html");
    writeFileSync(lineage, renderLineagePage(socleUsage({ apps, environments, catalog }), catalog, { generatedAt: new Date().toISOString() }));
    console.log(`image lineage page (base → socle → app): ${lineage}`);
  });

/** The lines of an engine failure a person needs, without the Automation API's stack trace. */
function summarizeFailure(target: StackTarget, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^(error:|.*\bmandatory\b|.*violation)/i.test(l) && !l.startsWith("at "));
  return [`${targetLabel(target)}: pulumi up failed`, ...[...new Set(lines)].slice(0, 25).map((l) => `  ${l}`)].join("\n");
}

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
