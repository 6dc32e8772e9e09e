import { resolve as resolvePath } from "node:path";
import { Command } from "commander";
import { apps } from "../../apps/catalog";
import { EnvName } from "../../constructs/model";
import { pipelineDigests } from "../../constructs/pulumi/deploy-app";
import { renderApp } from "../../constructs/k8s";
import { deployGates, ledgerDir, logDecisions, readLedger, recordDeployment, writeLedger } from "../../constructs/policy";
import { DeclarationError, resolve } from "../../constructs/resolve";
import { environments } from "../../environments";
import { catalog } from "../catalog";

/**
 * `npm run gate -- <command>`: the deploy gates as a pipeline step.
 *   check  --app <app> --env <env> [--digest <workload>=<sha256:...>]... [--emergency-change CHG-1] [--now ISO]
 *          promotion by digest, release windows and the zero-downtime contract; logs the decision to
 *          <ledger dir>/decisions.jsonl and exits 1 when the deploy is refused.
 *   record --app <app> --env <env> [--digest <workload>=<sha256:...>]... after a successful `up`.
 * Digests default to what the deploy used: the pipeline's BELUGA_DIGEST_<WORKLOAD> variables over
 * the declared digests (the same rule as `deployApp`).
 *   ledger --app <app>                                                   prints the app's record.
 * The ledger directory is $BELUGA_LEDGER_DIR or .beluga/ledger (--ledger overrides).
 */
const REPO = resolvePath(__dirname, "../..");
const collect = (value: string, previous: string[]) => [...previous, value];

function fail(message: string): never {
  console.error(`gate: ${message}`);
  process.exit(1);
}

function declarationOf(name: string) {
  const declaration = apps.find((a) => a.name === name);
  if (!declaration) fail(`app "${name}" is not in apps/catalog.ts; use one of ${apps.map((a) => a.name).join(", ")}`);
  return declaration;
}

function envOf(name: string): EnvName {
  const parsed = EnvName.safeParse(name);
  if (!parsed.success) fail(`environment "${name}" is not one of dev, int, re7, prod`);
  return parsed.data;
}

function digestsOf(pairs: string[]): Record<string, string> {
  return Object.fromEntries(pairs.map((pair) => {
    const [workload, digest] = pair.split("=", 2);
    if (!workload || !digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) fail(`--digest "${pair}" must be <workload>=sha256:<64 hex characters>`);
    return [workload, digest];
  }));
}

const program = new Command().name("gate").description("Deploy gates: promotion by digest, release windows, zero-downtime contract");

program.command("check")
  .requiredOption("--app <app>").requiredOption("--env <env>")
  .option("--digest <workload=digest>", "digest deployed for a workload (repeatable)", collect, [])
  .option("--emergency-change <id>", "emergency change id overriding a closed release window", process.env.BELUGA_EMERGENCY_CHANGE)
  .option("--now <iso>", "decision time (default: now)")
  .option("--ledger <dir>", "ledger directory")
  .option("--by <who>", "who deploys", process.env.GITLAB_USER_LOGIN ?? process.env.USER)
  .action((o: { app: string; env: string; digest: string[]; emergencyChange?: string; now?: string; ledger?: string; by?: string }) => {
    const envName = envOf(o.env);
    const env = environments[envName];
    const now = o.now ? new Date(o.now) : new Date();
    if (Number.isNaN(now.getTime())) fail(`--now "${o.now}" is not an ISO date, e.g. 2026-04-14T10:00:00+02:00`);
    let app;
    try {
      const declaration = declarationOf(o.app);
      app = resolve(declaration, env, catalog, { digests: { ...pipelineDigests(declaration), ...digestsOf(o.digest) } });
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      fail(`${o.app}: ${error.problems.length} problem(s) in the declaration:\n${error.messages.map((m) => `  ✗ ${m}`).join("\n")}`);
    }
    const dir = o.ledger ?? ledgerDir(REPO);
    const result = deployGates({ app, env, objects: renderApp(app, env), now, ledger: readLedger(dir, app.app), emergencyChange: o.emergencyChange });
    for (const line of result.log) console.log(line);
    const file = logDecisions(dir, { app: app.app, env: envName, at: now.toISOString(), by: o.by, decisions: result.decisions });
    console.log(`gate: decision logged to ${file}`);
    if (!result.allowed) {
      for (const refusal of result.refusals) console.error(`  ✗ ${refusal}`);
      fail(`${app.app} → ${envName} refused by its gates`);
    }
    console.log(`gate: ${app.app} → ${envName} allowed`);
  });

program.command("record")
  .requiredOption("--app <app>").requiredOption("--env <env>")
  .option("--digest <workload=digest>", "digest that ran (repeatable)", collect, [])
  .option("--ledger <dir>", "ledger directory")
  .option("--by <who>", "who deployed", process.env.GITLAB_USER_LOGIN ?? process.env.USER)
  .action((o: { app: string; env: string; digest: string[]; ledger?: string; by?: string }) => {
    const declaration = declarationOf(o.app);
    const envName = envOf(o.env);
    let digests: Record<string, string>;
    try {
      const ran = resolve(declaration, environments[envName], catalog, { digests: { ...pipelineDigests(declaration), ...digestsOf(o.digest) } });
      digests = Object.fromEntries([...ran.components, ...ran.batches].flatMap((w) => (w.image.digest ? [[w.name, w.image.digest]] : [])));
    } catch (error) {
      if (!(error instanceof DeclarationError)) throw error;
      fail(`${o.app}: ${error.messages.join("; ")}`);
    }
    if (Object.keys(digests).length === 0) fail(`${o.app}: no workload has a digest in ${o.env}; give --digest <workload>=<sha256:...> or declare digests`);
    const dir = o.ledger ?? ledgerDir(REPO);
    writeLedger(dir, o.app, recordDeployment(readLedger(dir, o.app), o.app, envName, digests, new Date(), o.by));
    console.log(`gate: recorded ${Object.keys(digests).length} digest(s) of ${o.app} in ${o.env}`);
  });

program.command("ledger")
  .requiredOption("--app <app>")
  .option("--ledger <dir>", "ledger directory")
  .action((o: { app: string; ledger?: string }) => {
    for (const e of readLedger(o.ledger ?? ledgerDir(REPO), o.app).entries) console.log(`${e.at}  ${e.env.padEnd(4)}  ${e.workload}  ${e.digest}${e.by ? `  (${e.by})` : ""}`);
  });

program.parse();
