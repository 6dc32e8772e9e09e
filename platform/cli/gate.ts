import { Command, Option } from "commander";
import { recordDeployment } from "../../constructs/policy";
import { ledgerDir, logDecisions, readLedger, writeLedger } from "../../constructs/policy/io";
import type { Beluga } from "../../constructs/beluga";
import { pipelineDigests } from "../deploy/app-program";
import { REPO_ROOT } from "../repo-root";
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
 * `beluga gate <check|record|ledger>`: the deploy gates as a pipeline step.
 * Digests default to what the deploy uses: the pipeline's BELUGA_DIGEST_<WORKLOAD> variables over the
 * declared digests (the same rule as the app program). The ledger directory is $BELUGA_LEDGER_DIR or
 * .beluga/ledger (--ledger overrides).
 */
export function gateCommand(beluga: Beluga): Command {
  const gate = new Command("gate").description("deploy gates: promotion by digest, release windows, zero-downtime contract");
  const ledgerOption = () => new Option("--ledger <dir>", "ledger directory (default: $BELUGA_LEDGER_DIR or .beluga/ledger)");

  gate
    .command("check")
    .description("judge a deploy before it runs: logs the decision, exits 1 when it is refused")
    .addOption(appOption(beluga).makeOptionMandatory())
    .addOption(envOption(beluga).makeOptionMandatory())
    .option("--digest <workload=digest>", "digest deployed for a workload (repeatable)", collect, [])
    .addOption(emergencyChangeOption(beluga))
    .option("--now <iso>", "decision time, ISO 8601 (default: now)")
    .addOption(ledgerOption())
    .option("--by <who>", "who deploys (default: $GITLAB_USER_LOGIN or $USER)", process.env.GITLAB_USER_LOGIN ?? process.env.USER)
    .action(
      guarded(
        "gate check",
        (o: { app: string; env: string; digest: string[]; emergencyChange?: string; now?: string; ledger?: string; by?: string }) => {
          const now = o.now ? new Date(o.now) : new Date();
          if (Number.isNaN(now.getTime()))
            throw new UsageError(`--now "${o.now}" is not an ISO date`, "e.g. --now 2026-04-14T10:00:00+02:00");
          const declaration = beluga.app(o.app);
          const rendered = beluga.render(declaration, o.env, { digests: { ...pipelineDigests(declaration), ...digestsOf(o.digest) } });
          const dir = o.ledger ?? ledgerDir(REPO_ROOT);
          const result = beluga.gates(rendered, { now, ledger: readLedger(dir, o.app), emergencyChange: o.emergencyChange });
          for (const line of result.log) console.log(line);
          const file = logDecisions(dir, { app: o.app, env: o.env, at: now.toISOString(), by: o.by, decisions: result.decisions });
          console.log(`gate: decision logged to ${file}`);
          if (!result.allowed) throw new RefusedError(`${o.app} → ${o.env} refused by its gates`, result.refusals);
          console.log(`gate: ${o.app} → ${o.env} allowed`);
        },
      ),
    );

  gate
    .command("record")
    .description("record in the promotion ledger the digests that ran, after a successful deploy")
    .addOption(appOption(beluga).makeOptionMandatory())
    .addOption(envOption(beluga).makeOptionMandatory())
    .option("--digest <workload=digest>", "digest that ran (repeatable)", collect, [])
    .addOption(ledgerOption())
    .option("--by <who>", "who deployed (default: $GITLAB_USER_LOGIN or $USER)", process.env.GITLAB_USER_LOGIN ?? process.env.USER)
    .action(
      guarded("gate record", (o: { app: string; env: string; digest: string[]; ledger?: string; by?: string }) => {
        const declaration = beluga.app(o.app);
        const ran = beluga.resolve(declaration, o.env, { digests: { ...pipelineDigests(declaration), ...digestsOf(o.digest) } });
        const digests = Object.fromEntries(
          [...ran.components, ...ran.batches].flatMap((w) => (w.image.digest ? [[w.name, w.image.digest]] : [])),
        );
        if (Object.keys(digests).length === 0) {
          throw new UsageError(
            `${o.app}: no workload has a digest in ${o.env}`,
            "give --digest <workload>=<sha256:...> or declare digests",
          );
        }
        const dir = o.ledger ?? ledgerDir(REPO_ROOT);
        writeLedger(dir, o.app, recordDeployment(readLedger(dir, o.app), o.app, o.env, digests, new Date(), o.by));
        console.log(`gate: recorded ${Object.keys(digests).length} digest(s) of ${o.app} in ${o.env}`);
      }),
    );

  gate
    .command("ledger")
    .description("print an app's promotion record")
    .addOption(appOption(beluga).makeOptionMandatory())
    .addOption(ledgerOption())
    .action(
      guarded("gate ledger", (o: { app: string; ledger?: string }) => {
        for (const e of readLedger(o.ledger ?? ledgerDir(REPO_ROOT), o.app).entries) {
          console.log(`${e.at}  ${e.env.padEnd(4)}  ${e.workload}  ${e.digest}${e.by ? `  (${e.by})` : ""}`);
        }
      }),
    );
  return gate;
}
