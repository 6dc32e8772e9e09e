import * as pulumi from "@pulumi/pulumi";
import type { AppDeclaration } from "../model";
import { DeclarationError, type ResolvedApp, resolve } from "../resolve";
import { environments } from "../../environments";
import { catalog } from "../../platform/catalog";
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
