import { Command } from "commander";
import { apps } from "../../apps/catalog";
import { ENV_NAMES, EnvName } from "../../constructs/model";
import { renderApp } from "../../constructs/k8s";
import { checkZeroDowntime, formatContract, quotaOfEnvironment, showCpu, showMemory } from "../../constructs/policy";
import { DeclarationError, resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../catalog";

/**
 * `npm run contract -- [--app <app>] [--env <env>]`: proves or refutes zero downtime for every
 * component (strategy, readiness gating, drain vs grace period vs router delay, HPA/PDB, surge within
 * the namespace quota) and estimates rollout durations. Exits 1 when a component is refuted.
 */
const program = new Command()
  .name("contract")
  .description("Zero-downtime contract of every component, per environment")
  .option("--app <app>", "one app (default: every app)")
  .option("--env <env>", "one environment (default: all four)")
  .action((o: { app?: string; env?: string }) => {
    const selected = o.app ? apps.filter((a) => a.name === o.app) : apps;
    if (selected.length === 0) { console.error(`contract: app "${o.app}" is not in apps/catalog.ts; use one of ${apps.map((a) => a.name).join(", ")}`); process.exit(1); }
    const envParsed = o.env === undefined ? undefined : EnvName.safeParse(o.env);
    if (envParsed && !envParsed.success) { console.error(`contract: environment "${o.env}" is not one of ${ENV_NAMES.join(", ")}`); process.exit(1); }
    const envs = envParsed?.success ? [envParsed.data] : [...ENV_NAMES];
    let refuted = 0;
    let unfit = 0;
    for (const declaration of selected) {
      for (const envName of envs) {
        const env = environments[envName];
        try {
          const app = resolve(declaration, env, catalog);
          const report = checkZeroDowntime(renderApp(app, env), quotaOfEnvironment(env, app.app));
          const min = report.needAtMinimum;
          console.log(`${app.namespace}: at minimum scale ${showCpu(min.requestsCpu)} CPU, ${showMemory(min.requestsMemory)} memory, ${min.pods} pods; worst-case rollout needs ${showCpu(report.need.requestsCpu)} CPU, ${showMemory(report.need.requestsMemory)} memory, ${report.need.pods} pods (quota ${showCpu(report.quota.requestsCpu ?? 0)}, ${showMemory(report.quota.requestsMemory ?? 0)}, ${report.quota.pods ?? "-"})`);
          if (report.minimumShortfalls.length > 0) {
            console.error(`  ✗ ${app.namespace} cannot hold the app even at minimum scale: ${report.minimumShortfalls.join(", ")} (refused in every environment by beluga-quota-fits-minimum)`);
            unfit += 1;
          }
          for (const line of formatContract(report)) console.log(`  ${line}`);
          refuted += report.components.filter((c) => c.verdict === "refuted").length;
        } catch (error) {
          if (!(error instanceof DeclarationError)) throw error;
          for (const message of error.messages) console.error(`  ✗ ${message}`);
          refuted += 1;
        }
      }
    }
    if (unfit > 0) console.error(`contract: ${unfit} namespace(s) cannot hold their app at minimum scale`);
    if (refuted > 0) console.error(`contract: ${refuted} component(s) not proved`);
    if (refuted + unfit > 0) process.exitCode = 1;
  });

program.parse();
