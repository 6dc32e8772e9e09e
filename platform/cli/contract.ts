import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { formatContract, showCpu, showMemory } from "../../constructs/policy";
import { DeclarationError } from "../../constructs/resolve";
import { RefusedError, guarded } from "./cli-errors";
import { appOption, envOption } from "./shared-options";

/**
 * `beluga contract [--app <app>] [--env <env>]`: proves or refutes zero downtime for every component
 * (strategy, readiness gating, drain vs grace period vs router delay, HPA/PDB, surge within the
 * namespace quota) and estimates rollout durations. Exits 1 when a component is refuted.
 */
export function contractCommand(beluga: Beluga): Command {
  return new Command("contract")
    .description("zero-downtime contract of every component, per environment; exits 1 when one is refuted")
    .addOption(appOption(beluga, "one app (default: every app)"))
    .addOption(envOption(beluga, "one environment (default: every environment)"))
    .action(
      guarded("contract", (o: { app?: string; env?: string }) => {
        const selected = o.app ? [beluga.app(o.app)] : beluga.apps;
        const envs = o.env ? [beluga.environment(o.env)] : beluga.environments.list;
        let refuted = 0;
        let unfit = 0;
        for (const declaration of selected) {
          for (const env of envs) {
            try {
              const rendered = beluga.render(declaration, env);
              const report = beluga.contract(rendered);
              const min = report.needAtMinimum;
              console.log(
                `${rendered.app.namespace}: at minimum scale ${showCpu(min.requestsCpu)} CPU, ${showMemory(min.requestsMemory)} memory, ${min.pods} pods; ` +
                  `worst-case rollout needs ${showCpu(report.need.requestsCpu)} CPU, ${showMemory(report.need.requestsMemory)} memory, ${report.need.pods} pods ` +
                  `(quota ${showCpu(report.quota.requestsCpu ?? 0)}, ${showMemory(report.quota.requestsMemory ?? 0)}, ${report.quota.pods ?? "-"})`,
              );
              if (report.minimumShortfalls.length > 0) {
                console.error(
                  `  ✗ ${rendered.app.namespace} cannot hold the app even at minimum scale: ${report.minimumShortfalls.join(", ")} (refused in every environment by beluga-quota-fits-minimum)`,
                );
                unfit += 1;
              }
              for (const line of formatContract(report)) console.log(`  ${line}`);
              refuted += report.components.filter((c) => c.verdict === "refuted").length + (report.quotaRefutation ? 1 : 0);
            } catch (error) {
              if (!(error instanceof DeclarationError)) throw error;
              for (const message of error.messages) console.error(`  ✗ ${message}`);
              refuted += 1;
            }
          }
        }
        const problems = [
          ...(unfit > 0 ? [`${unfit} namespace(s) cannot hold their app at minimum scale`] : []),
          ...(refuted > 0 ? [`${refuted} component(s) or namespace quota(s) not proved`] : []),
        ];
        if (problems.length > 0)
          throw new RefusedError(
            "zero downtime not proved",
            problems,
            "fix the declaration (probes, shutdown, scaling, resources) or ask the platform team to raise quota.maxPerApp of the environment",
          );
      }),
    );
}
