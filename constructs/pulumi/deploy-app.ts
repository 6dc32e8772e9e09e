import * as pulumi from "@pulumi/pulumi";
import type { AppDeclaration } from "../model";
import type { Beluga, RenderedApp } from "../beluga";
import type { PromotionLedger } from "../policy";
import { DeclarationError } from "../resolve";
import { BelugaApp } from "./beluga-app";
import { stackEnvironment } from "./stack-environment";

/** What an app stack exports: read by people (`pulumi stack output`), the next deploy's release plan and release records. */
export interface AppStackOutputs {
  readonly app: string;
  readonly environment: string;
  readonly namespace: pulumi.Output<string>;
  readonly urls: pulumi.Output<Record<string, string[]>>;
  readonly images: pulumi.Output<Record<string, string>>;
  /** Digest deployed per component/batch: with `versions`, the promotion record kept with the stack. */
  readonly digests: Record<string, string>;
  /** Version deployed per component/batch (read back by the next deploy, see `releasePlan`). */
  readonly versions: Record<string, string>;
}

/** The circumstances of one deploy, read by the caller (CI variables, ledger files, the clock). */
export interface DeployAppInputs {
  /** Digests the pipeline built or promoted; stack config `beluga:digests` wins over them. @default - none */
  readonly digests?: Readonly<Record<string, string>>;
  /** What the previous environment runs (`releasePlan`). @default - promotion not checked (the gate's decision says so) */
  readonly ledger?: PromotionLedger;
  /** Emergency change id; stack config `beluga:emergencyChange` wins over it. @default - none */
  readonly emergencyChange?: string;
  /** @default - now */
  readonly now?: Date;
}

/**
 * The whole Pulumi program of an app, for an instance: reads the stack's environment and configuration
 * (`beluga:digests`, `beluga:emergencyChange`, stack secrets for `pulumiSecret` references), renders
 * the app once through the façade, passes the deploy gates and registers every object. An invalid
 * declaration or a refused gate is reported message by message and nothing is registered.
 *
 * @example
 * export = deployApp(beluga, sinistre, { digests, ledger }); // see platform/deploy/app-program.ts
 */
export function deployApp(beluga: Beluga, declaration: AppDeclaration, inputs: DeployAppInputs = {}): AppStackOutputs {
  const env = stackEnvironment(beluga.environments);
  const config = new pulumi.Config("beluga");
  const digests = { ...inputs.digests, ...config.getObject<Record<string, string>>("digests") };
  let rendered: RenderedApp;
  try {
    rendered = beluga.render(declaration, env, { digests });
  } catch (error) {
    if (error instanceof DeclarationError) {
      for (const message of error.messages) pulumi.log.error(message);
      throw new pulumi.RunError(`${declaration.name}: ${error.problems.length} problem(s) in the declaration; nothing was deployed`);
    }
    throw error;
  }
  const app = rendered.app;
  // Gates before any registration: promotion by digest (when a ledger is given), release windows
  // (emergency change id to bypass), and the cross-object zero-downtime contract.
  const gates = beluga.gates(rendered, {
    now: inputs.now ?? new Date(),
    ledger: inputs.ledger,
    emergencyChange: config.get("emergencyChange") ?? inputs.emergencyChange,
  });
  for (const line of gates.log) pulumi.log.info(line);
  if (!gates.allowed) {
    for (const refusal of gates.refusals) pulumi.log.error(refusal);
    throw new pulumi.RunError(`${app.app}: refused in ${env.displayName} by the deploy gates; nothing was deployed`);
  }
  const appConfig = new pulumi.Config();
  const secretKeys = [
    ...new Set([...app.components, ...app.batches].flatMap((w) => w.env.flatMap((v) => (v.kind === "pulumiSecret" ? [v.configKey] : [])))),
  ];
  const stackSecrets = Object.fromEntries(secretKeys.map((key) => [key, appConfig.requireSecret(key)]));
  const deployed = new BelugaApp(app.app, { rendered, stackSecrets });
  return {
    app: app.app,
    environment: env.name,
    namespace: deployed.namespace,
    urls: deployed.urls,
    images: deployed.images,
    digests: Object.fromEntries([...app.components, ...app.batches].flatMap((w) => (w.image.digest ? [[w.name, w.image.digest]] : []))),
    versions: Object.fromEntries([...app.components, ...app.batches].map((w) => [w.name, w.image.version])),
  };
}
