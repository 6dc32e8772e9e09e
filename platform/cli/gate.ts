import { Command } from "commander";
import type { Beluga } from "../../constructs/beluga";
import { planRelease } from "../deploy/stack-record";
import { RefusedError, UsageError, guarded } from "./cli-errors";
import { appOption, emergencyChangeOption, envOption } from "./shared-options";

const collect = (value: string, previous: string[]) => [...previous, value];

function digestsOf(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const [workload, digest] = pair.split("=", 2);
      if (!workload || !digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) {
        throw new UsageError(`--digest "${pair}" must be <workload>=sha256:<64 hex characters>`);
      }
      return [workload, digest];
    }),
  );
}

/**
 * `beluga gate check`: the deploy gates as a pipeline step, judged on exactly what the deploy will use —
 * the release plan read from the stacks in the shared backend (digests built by the pipeline, kept, or
 * received from the previous environment; see `releasePlan`), `--digest` overriding. Promotion is
 * checked against what the previous environment's stack runs after its last successful update: no
 * ledger file, so a job on a clean clone decides like any other.
 */
export function gateCommand(beluga: Beluga): Command {
  const gate = new Command("gate").description("deploy gates: promotion by digest, release windows, zero-downtime contract");

  gate
    .command("check")
    .description("judge a deploy before it runs: logs the decision, exits 1 when it is refused")
    .addOption(appOption(beluga).makeOptionMandatory())
    .addOption(envOption(beluga).makeOptionMandatory())
    .option("--digest <workload=digest>", "digest deployed for a workload (repeatable)", collect, [])
    .addOption(emergencyChangeOption(beluga))
    .option("--now <iso>", "decision time, ISO 8601 (default: now)")
    .option("--by <who>", "who deploys (default: $GITLAB_USER_LOGIN or $USER)", process.env.GITLAB_USER_LOGIN ?? process.env.USER)
    .action(
      guarded(
        "gate check",
        async (o: { app: string; env: string; digest: string[]; emergencyChange?: string; now?: string; by?: string }) => {
          const now = o.now ? new Date(o.now) : new Date();
          if (Number.isNaN(now.getTime()))
            throw new UsageError(`--now "${o.now}" is not an ISO date`, "e.g. --now 2026-04-14T10:00:00+02:00");
          const declaration = beluga.app(o.app);
          const plan = await planRelease(beluga, declaration, o.env);
          for (const note of plan.notes) console.log(`release: ${note}`);
          const rendered = beluga.render(declaration, o.env, { digests: { ...plan.digests, ...digestsOf(o.digest) } });
          const result = beluga.gates(rendered, { now, ledger: plan.ledger, emergencyChange: o.emergencyChange });
          for (const line of result.log) console.log(line);
          // The job log is the decision's record (GitLab keeps it with the deployment).
          console.log(
            `gate: decision ${JSON.stringify({ app: o.app, env: o.env, at: now.toISOString(), by: o.by, decisions: result.decisions })}`,
          );
          if (!result.allowed) throw new RefusedError(`${o.app} → ${o.env} refused by its gates`, result.refusals);
          console.log(`gate: ${o.app} → ${o.env} allowed`);
        },
      ),
    );

  return gate;
}
