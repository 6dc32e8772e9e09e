import type { AppDeclaration, EnvironmentSpec } from "../model";
import { type BelugaInstance, type EnvironmentSet, UnknownNameError } from "../instance";
import { type AppObjects, renderAppObjects } from "../k8s";
import type { GeneratedPipelines } from "../gitlab/generate-pipelines";
import {
  type ContractReport,
  type DeployGateResult,
  type NamespaceQuota,
  type PromotionLedger,
  checkZeroDowntime,
  deployGates,
  quotaOfEnvironment,
} from "../policy";
import { type PolicyContext, policyContextFor } from "../policy/policy-context";
import { type ResolvedApp, resolve } from "../resolve";

/** One app rendered for one environment: what every gate, contract, preview and deploy reads. */
export interface RenderedApp extends AppObjects {
  readonly declaration: AppDeclaration;
  readonly app: ResolvedApp;
  readonly env: EnvironmentSpec;
}

/** What a deploy pipeline supplies per run. */
export interface RenderInputs {
  /** Digests built or promoted by the pipeline, by component/batch name; they win over the declaration's. */
  readonly digests?: Readonly<Record<string, string>>;
}

/** The circumstances the deploy gates judge besides the rendered app. */
export interface GateCircumstances {
  /** When the deploy happens (release windows). */
  readonly now: Date;
  /** @default - promotion not checked (the decision says so) */
  readonly ledger?: PromotionLedger;
  /** Emergency change id that opens a closed release window. @default - none */
  readonly emergencyChange?: string;
  /** @default - the quota the platform layer renders for the app in the environment */
  readonly quota?: NamespaceQuota;
}

/**
 * The one way in: built once from an instance (catalog + environments) and its apps, it owns
 * resolve → render → gates → contract, so every CLI, `deployApp`, the estate renderer and the pipeline
 * generator wire them the same way. Pure: no I/O, no process environment.
 *
 * @example
 * const beluga = new Beluga(instance, apps);
 * const rendered = beluga.render("sinistre", "prod", { digests });
 * const gates = beluga.gates(rendered, { now: new Date(), ledger });
 */
export class Beluga {
  readonly environments: EnvironmentSet;
  private readonly byName: ReadonlyMap<string, AppDeclaration>;

  constructor(
    readonly instance: BelugaInstance,
    readonly apps: readonly AppDeclaration[],
  ) {
    this.environments = instance.environments;
    this.byName = new Map(apps.map((a) => [a.name, a]));
  }

  /** App names, in declaration order. */
  get appNames(): readonly string[] {
    return this.apps.map((a) => a.name);
  }

  /** The declaration of an app. @throws UnknownNameError */
  app(name: string): AppDeclaration {
    const app = this.byName.get(name);
    if (!app) throw new UnknownNameError("app", name, this.appNames);
    return app;
  }

  /** An environment by name. @throws UnknownNameError */
  environment(name: string): EnvironmentSpec {
    return this.environments.get(name);
  }

  /** Resolves a declaration (or a known app's name) for one environment. @throws DeclarationError, UnknownNameError */
  resolve(app: AppDeclaration | string, env: EnvironmentSpec | string, inputs: RenderInputs = {}): ResolvedApp {
    const declaration = typeof app === "string" ? this.app(app) : app;
    const spec = typeof env === "string" ? this.environment(env) : env;
    return resolve(declaration, spec, this.instance.catalog, { ...inputs, environmentNames: this.environments.names });
  }

  /** Resolves and renders once; objects are grouped by the chart's components. @throws DeclarationError, UnknownNameError */
  render(app: AppDeclaration | string, env: EnvironmentSpec | string, inputs: RenderInputs = {}): RenderedApp {
    const declaration = typeof app === "string" ? this.app(app) : app;
    const spec = typeof env === "string" ? this.environment(env) : env;
    const resolved = this.resolve(declaration, spec, inputs);
    return { declaration, app: resolved, env: spec, ...renderAppObjects(resolved, spec) };
  }

  /** The deploy gates (promotion, release windows, zero-downtime contract) of a rendered app. */
  gates(rendered: RenderedApp, circumstances: GateCircumstances): DeployGateResult {
    return deployGates({
      ...circumstances,
      app: rendered.app,
      env: rendered.env,
      objects: rendered.objects,
      environments: this.environments,
    });
  }

  /** The zero-downtime contract of a rendered app against its namespace quota. */
  contract(rendered: RenderedApp, quota?: NamespaceQuota): ContractReport {
    return checkZeroDowntime(rendered.objects, quota ?? quotaOfEnvironment(rendered.env, rendered.app.app), rendered.env.placement);
  }

  /** What the policies of the pack know about an environment of this instance. @throws UnknownNameError */
  policyContext(env: string): PolicyContext {
    return policyContextFor(this.instance, env);
  }

  /**
   * The GitLab pipeline of every app (one `.gitlab-ci.yml` each, stages and deploy jobs from the
   * environments in promotion order), validated against GitLab's CI schema and the semantic checks.
   */
  pipelines(props: { defaultBranch?: string } = {}): GeneratedPipelines {
    // Loaded on demand: renders (estate workers, app programs) never pay for the GitLab schema
    // validator, and a change to the pipeline generator does not invalidate the estate render cache.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { generatePipelines } = require("../gitlab/generate-pipelines") as typeof import("../gitlab/generate-pipelines");
    return generatePipelines(this.apps, { environments: this.environments, catalog: this.instance.catalog, ...props });
  }
}
