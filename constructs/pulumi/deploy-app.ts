import * as pulumi from "@pulumi/pulumi";
import type { AppDeclaration } from "../model";
import { DeclarationError, type ResolvedApp, resolve } from "../resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
import { resolve as resolvePath } from "node:path";

/** Repository root (the promotion ledger lives under .beluga/ledger unless BELUGA_LEDGER_DIR says otherwise). */
const REPO_ROOT = resolvePath(__dirname, "../..");
import { renderApp } from "../k8s";
import { deployGates, ledgerDir, readLedger } from "../policy";
import { BelugaApp } from "./beluga-app";
import { stackEnvironment } from "./stack-environment";

/** What an app stack exports: read by people (`pulumi stack output`), the promotion ledger and release records. */
export interface AppStackOutputs {
  readonly app: string;
  readonly environment: string;
  readonly namespace: pulumi.Output<string>;
  readonly urls: pulumi.Output<Record<string, string[]>>;
  readonly images: pulumi.Output<Record<string, string>>;
  /** Digest deployed per component/batch: the promotion record kept with the stack. */
  readonly digests: Record<string, string>;
}

/**
 * The whole Pulumi program of an app: `export = deployApp(declaration)` in `apps/<app>/index.ts`.
 *
 * Reads the stack's environment and configuration (`beluga:digests` from the pipeline, stack secrets
 * for `pulumiSecret` references), resolves the declaration and registers every object. An invalid
 * declaration is reported message by message and nothing is registered.
 */
export function deployApp(declaration: AppDeclaration): AppStackOutputs {
  const env = stackEnvironment(environments);
  const config = new pulumi.Config("beluga");
  const digests = { ...pipelineDigests(declaration), ...config.getObject<Record<string, string>>("digests") };
  let app: ResolvedApp;
  try {
    app = resolve(declaration, env, catalog, { digests });
  } catch (error) {
    if (error instanceof DeclarationError) {
      for (const message of error.messages) pulumi.log.error(message);
      throw new pulumi.RunError(`${declaration.name}: ${error.problems.length} problem(s) in the declaration; nothing was deployed`);
    }
    throw error;
  }
  // Gates before any registration: promotion by digest (when the pipeline passes a ledger), release
  // windows (emergency change id to bypass), and the cross-object zero-downtime contract.
  const gates = deployGates({
    app,
    env,
    objects: renderApp(app, env),
    now: new Date(),
    ledger: process.env.BELUGA_LEDGER ? readLedger(ledgerDir(REPO_ROOT), app.app) : undefined,
    emergencyChange: config.get("emergencyChange") ?? process.env.BELUGA_EMERGENCY_CHANGE,
  });
  for (const line of gates.log) pulumi.log.info(line);
  if (!gates.allowed) {
    for (const refusal of gates.refusals) pulumi.log.error(refusal);
    throw new pulumi.RunError(`${app.app}: refused in ${env.name} by the deploy gates; nothing was deployed`);
  }
  const appConfig = new pulumi.Config();
  const secretKeys = [...new Set([...app.components, ...app.batches].flatMap((w) => w.env.flatMap((v) => (v.kind === "pulumiSecret" ? [v.configKey] : []))))];
  const stackSecrets = Object.fromEntries(secretKeys.map((key) => [key, appConfig.requireSecret(key)]));
  const deployed = new BelugaApp(app.app, { app, env, stackSecrets });
  return {
    app: app.app,
    environment: env.name,
    namespace: deployed.namespace,
    urls: deployed.urls,
    images: deployed.images,
    digests: Object.fromEntries([...app.components, ...app.batches].flatMap((w) => (w.image.digest ? [[w.name, w.image.digest]] : []))),
  };
}

/**
 * Digests a GitLab pipeline's image jobs hand to its deploy jobs, as `BELUGA_DIGEST_<WORKLOAD>`
 * (dotenv artifacts; see constructs/gitlab). Stack config `beluga:digests` overrides them.
 */
export function pipelineDigests(declaration: AppDeclaration, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const workloads = [...Object.keys(declaration.components), ...Object.keys(declaration.batches ?? {})];
  return Object.fromEntries(
    workloads.flatMap((w) => {
      const value = env[`BELUGA_DIGEST_${w.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`];
      return value ? [[w, value]] : [];
    }),
  );
}
