import type { AppDeclaration, EnvironmentSpec } from "../model";
import { type BelugaInstance, type EnvironmentSet, UnknownNameError } from "../instance";
import { type AppObjects, type PlatformTenant, renderAppObjects, tenantsOf } from "../k8s";
import type { GeneratedPipelines } from "../gitlab/generate-pipelines";
import {
  type ContractReport,
  type DeployGateResult,
  type NamespaceQuota,
  type PromotionLedger,
  checkZeroDowntime,
  deployGates,
  quotaOfApp,
} from "../policy";
import { type PolicyContext, policyContextFor } from "../policy/policy-context";
import { type AppQuota, DeclarationError, quotaOfResolvedApp, type ResolvedApp, resolve } from "../resolve";
import { crossAppProblems } from "./cross-app-checks";

/** Digest a quota derivation resolves with where the declaration has none: the quota does not depend on the image. */
const QUOTA_STAND_IN_DIGEST = `sha256:${"0".repeat(64)}`;

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
  /**
   * Change id given for this deploy (the instance's `changeManagement.variable`): it must be in the
   * instance's id format, and opens a closed release window. @default - none
   */
  readonly emergencyChange?: string;
  /** @default - the quota the platform layer renders for the app in the environment */
  readonly quota?: NamespaceQuota;
}

/** How a façade is built. */
export interface BelugaOptions {
  /**
   * Check each declaration against the whole app set (calls to other apps' components and ports,
   * route host and path claims). Off only where the façade renders declarations one at a time
   * without their set (the estate render workers): renders never depend on other apps, so the
   * result is the same; only these refusals are left to the commands that hold every app.
   * @default true
   */
  readonly crossAppChecks?: boolean;
  /** Where the declarations were read from, named by messages about a declaration without a name. @default - not named */
  readonly sourceOf?: (declaration: AppDeclaration) => string | undefined;
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
  private readonly crossAppChecks: boolean;
  private readonly sourceOf: (declaration: AppDeclaration) => string | undefined;

  constructor(
    readonly instance: BelugaInstance,
    readonly apps: readonly AppDeclaration[],
    options: BelugaOptions = {},
  ) {
    this.environments = instance.environments;
    this.byName = new Map(apps.map((a) => [a.name, a]));
    this.crossAppChecks = options.crossAppChecks ?? true;
    this.sourceOf = options.sourceOf ?? (() => undefined);
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

  /**
   * Resolves a declaration (or a known app's name) for one environment, with the checks only the whole
   * app set allows (cross-app calls, route claims): every problem is reported at once.
   * @throws DeclarationError, UnknownNameError
   */
  resolve(app: AppDeclaration | string, env: EnvironmentSpec | string, inputs: RenderInputs = {}): ResolvedApp {
    const declaration = typeof app === "string" ? this.app(app) : app;
    const spec = typeof env === "string" ? this.environment(env) : env;
    const crossApp = this.crossAppChecks ? crossAppProblems(declaration, this.apps, spec) : [];
    let resolved: ResolvedApp;
    try {
      resolved = resolve(declaration, spec, this.instance.catalog, {
        ...inputs,
        environmentNames: this.environments.names,
        source: this.sourceOf(declaration),
      });
    } catch (error) {
      if (error instanceof DeclarationError && crossApp.length > 0) throw new DeclarationError([...error.problems, ...crossApp]);
      throw error;
    }
    if (crossApp.length > 0) throw new DeclarationError(crossApp);
    return resolved;
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
      changeManagement: this.instance.changeManagement,
      app: rendered.app,
      env: rendered.env,
      objects: rendered.objects,
      environments: this.environments,
    });
  }

  /** The zero-downtime contract of a rendered app against its namespace quota (@default the one `tenants` derives for it). */
  contract(rendered: RenderedApp, quota?: NamespaceQuota): ContractReport {
    return checkZeroDowntime(rendered.objects, quota ?? quotaOfApp(rendered.env, rendered.app), rendered.env.placement);
  }

  /**
   * The ResourceQuota of an app's namespace in an environment: what it needs at maximum scale plus
   * rollout surge, plus headroom (`appQuota`). Images do not count, so digests a pipeline has not
   * supplied yet are stood in for. Undefined when the app does not resolve there (its namespace then
   * gets the environment's bound, `quota.maxPerApp`).
   */
  appQuota(app: AppDeclaration | string, env: EnvironmentSpec | string): AppQuota | undefined {
    const declaration = typeof app === "string" ? this.app(app) : app;
    const spec = typeof env === "string" ? this.environment(env) : env;
    const workloads = [...Object.keys(declaration.components ?? {}), ...Object.keys(declaration.batches ?? {})];
    const digests = Object.fromEntries(workloads.map((w) => [w, QUOTA_STAND_IN_DIGEST]));
    try {
      return quotaOfResolvedApp(
        resolve(declaration, spec, this.instance.catalog, { digests, environmentNames: this.environments.names }),
        spec,
      );
    } catch (error) {
      if (error instanceof DeclarationError) return undefined;
      throw error;
    }
  }

  /**
   * The platform tenants of an environment: every app with the cross-app calls it receives and its
   * derived ResourceQuota, what the platform chart renders (`renderPlatform(env, beluga.tenants(env))`).
   */
  tenants(env: EnvironmentSpec | string): PlatformTenant[] {
    const spec = typeof env === "string" ? this.environment(env) : env;
    const quotas = Object.fromEntries(
      this.apps.flatMap((app) => {
        const quota = this.appQuota(app, spec);
        return quota ? [[app.name, quota] as const] : [];
      }),
    );
    return tenantsOf(this.apps, quotas);
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
    return generatePipelines(this.apps, {
      environments: this.environments,
      catalog: this.instance.catalog,
      changeManagement: this.instance.changeManagement,
      ...props,
    });
  }
}
