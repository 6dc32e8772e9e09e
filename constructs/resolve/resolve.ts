import {
  type AppSpec,
  type BatchSpec,
  type CatalogSpec,
  type ComponentOverride,
  type ComponentSpec,
  type EnvironmentSpec,
  type EnvValueSpec,
  MAX_LABEL,
  cpuMillis,
  formatCpu,
  formatMemory,
  memoryBytes,
  namespaceOf,
  configMapName,
  workloadName,
  type ResourcesSpec,
  type ScalingSpec,
} from "../model";
import { DeclarationError, type Problem, show } from "./declaration-error";
import { resolveImage } from "./resolve-image";
import { DEFAULT_PORTS, resolveProbes } from "./resolve-probes";
import { resolvePlacement } from "./resolve-placement";
import type { ResolvedApp, ResolvedBatch, ResolvedComponent, ResolvedEnvVar, ResolvedResources, ResolvedRoute } from "./resolved-app";
import { validateApp } from "./validate-app";
import { routeHostLabel } from "./route-host";
import { resolveDependencies, resolveEgress } from "./resolve-calls";
import { checkRenderedNames } from "./validate-names";
import { checkEffectiveResources } from "./validate-resources";
import { quotaProblems } from "./app-quota";

/** What a deployment pipeline supplies per run: the digests it built or promotes, by component/batch name. */
export interface DeployInputs {
  readonly digests?: Readonly<Record<string, string>>;
  /**
   * Every environment of the instance: overrides under `environments.<name>` for another name are
   * reported. @default - override keys are not checked against the instance
   */
  readonly environmentNames?: readonly string[];
  /** File the declaration was read from, named when the declaration has no name. @default - unknown */
  readonly source?: string;
}

/** Defaults a component gets when the declaration is silent. */
export const COMPONENT_DEFAULTS = {
  ports: DEFAULT_PORTS,
  scaling: { min: 2, max: 4, cpuTarget: 70, scaleDownStabilizationSeconds: 300 },
  profile: "M" as const,
  drainSeconds: 10,
  /** Extra time after the drain for the app to finish in-flight work once SIGTERM arrives. */
  shutdownBudgetSeconds: 20,
  minReadySeconds: 5,
  revisionHistoryLimit: 5,
  metricsPath: "/metrics",
};

/** Defaults a batch gets when the declaration is silent. */
export const BATCH_DEFAULTS = {
  timeZone: "Europe/Paris",
  concurrency: "Forbid" as const,
  activeDeadlineSeconds: 3600,
  startingDeadlineSeconds: 300,
  backoffLimit: 2,
  history: { successful: 3, failed: 3 },
  profile: "S" as const,
};

/**
 * Resolves a declaration for one environment: validates it, merges the environment's overrides,
 * applies every default, computes image references and lineage, and checks the rules that depend on
 * the environment (digests, socle lifecycle, name lengths). Pure and deterministic: no I/O.
 *
 * @throws DeclarationError with every problem found, phrased for the app team.
 */
export function resolve(input: unknown, env: EnvironmentSpec, catalog: CatalogSpec, inputs: DeployInputs = {}): ResolvedApp {
  const app = validateApp(input, catalog, inputs.environmentNames, inputs.source);
  const problems: Problem[] = [];
  const report = (path: string, message: string, fix: string) => problems.push({ app: app.name, path, message, fix });
  const overrides = app.environments?.[env.name];
  const namespace = namespaceOf(app.name, env);

  const drafts = Object.entries(app.components).map(([name, spec]) =>
    resolveComponent(
      app,
      env,
      catalog,
      name,
      mergeComponent(spec, overrides?.components?.[name]),
      inputs,
      report,
      overrides?.components?.[name],
    ),
  );
  // Calls need every component resolved first: a same-app call opens the callee's resolved ports.
  const components = drafts.map((c) => ({ ...c, dependsOn: resolveDependencies(app.name, app.components[c.name].dependsOn, drafts) }));
  const batches = Object.entries(app.batches ?? {}).map(([name, spec]) => {
    const o = overrides?.batches?.[name];
    const merged: BatchSpec & { suspend?: boolean } = {
      ...spec,
      ...(o?.schedule ? { schedule: o.schedule } : {}),
      image: { ...spec.image, ...o?.image },
      resources: mergeResources(spec.resources, o?.resources),
      env: { ...spec.env, ...o?.env },
      suspend: o?.suspend,
    };
    const batch = resolveBatch(app, env, catalog, name, merged, inputs, report);
    return { ...batch, dependsOn: resolveDependencies(app.name, spec.dependsOn, drafts) };
  });
  const resolved: ResolvedApp = {
    app: app.name,
    team: app.team,
    criticality: app.criticality,
    release: app.release,
    env: env.name,
    namespace,
    components,
    batches,
  };
  checkRenderedNames(resolved, env.displayName, report);
  problems.push(...quotaProblems(resolved, env));
  if (problems.length > 0) throw new DeclarationError(problems);
  return resolved;
}

type Report = (path: string, message: string, fix: string) => void;

function mergeComponent(spec: ComponentSpec, o: ComponentOverride | undefined): ComponentSpec {
  if (!o) return spec;
  return {
    ...spec,
    image: { ...spec.image, ...o.image },
    scaling: mergeScaling(spec.scaling, o.scaling),
    resources: mergeResources(spec.resources, o.resources),
    env: { ...spec.env, ...o.env },
    config: { ...spec.config, ...o.config },
  };
}

/** Targets and windows carry over; an override switching between fixed replicas and min/max drops the other mode. */
function mergeScaling(base: ScalingSpec | undefined, o: ScalingSpec | undefined): ScalingSpec | undefined {
  if (!o) return base;
  const merged = { ...base, ...o };
  if (o.replicas !== undefined) {
    delete merged.min;
    delete merged.max;
  } else if (o.min !== undefined || o.max !== undefined) delete merged.replicas;
  return merged;
}

function mergeResources(base: ResourcesSpec | undefined, o: ResourcesSpec | undefined): ResourcesSpec | undefined {
  if (!o) return base;
  return { profile: o.profile ?? base?.profile, cpu: { ...base?.cpu, ...o.cpu }, memory: { ...base?.memory, ...o.memory } };
}

function checkImageForEnv(
  env: EnvironmentSpec,
  catalog: CatalogSpec,
  path: string,
  image: { socle: string; digest?: string },
  report: Report,
): void {
  const socle = catalog.socles[image.socle];
  if (!env.allowedSocleStates.includes(socle.lifecycle)) {
    report(
      `${path}.image.socle`,
      `(${show(image.socle)}) is ${socle.lifecycle} and ${env.displayName} accepts only ${env.allowedSocleStates.join(" or ")} socles`,
      `rebuild the image on ${socle.successor ?? "a supported socle"}`,
    );
  }
  if (env.digestRequired && !image.digest) {
    report(
      `${path}.image.digest`,
      `is missing: ${env.displayName} deploys images by digest only (build once, deploy everywhere)`,
      `pass the digest built for this version (pipeline: stack config beluga:digests) or set environments.${env.name}.${path}.image.digest`,
    );
  }
}

function resolveResources(
  catalog: CatalogSpec,
  env: EnvironmentSpec,
  spec: ResourcesSpec | undefined,
  profileDefault: "S" | "M",
): ResolvedResources {
  const profile = catalog.profiles[spec?.profile ?? profileDefault];
  const scaledCpu = (q: string) => formatCpu(Math.max(10, Math.round(cpuMillis(q) * env.resourceScale)));
  const scaledMem = (q: string) => formatMemory(Math.round(memoryBytes(q) * env.resourceScale));
  return {
    requests: {
      cpu: spec?.cpu?.request ?? scaledCpu(profile.cpu.request),
      memory: spec?.memory?.request ?? scaledMem(profile.memory.request),
    },
    limits: { cpu: spec?.cpu?.limit ?? scaledCpu(profile.cpu.limit), memory: spec?.memory?.limit ?? scaledMem(profile.memory.limit) },
  };
}

function resolveEnv(env: Record<string, EnvValueSpec> | undefined): ResolvedEnvVar[] {
  return Object.entries(env ?? {}).map(([name, value]): ResolvedEnvVar => {
    if (typeof value === "string") return { name, kind: "value", value };
    if ("config" in value) return { name, kind: "config", key: value.config };
    if ("secret" in value) return { name, kind: "secret", secretName: value.secret.name, secretKey: value.secret.key };
    return { name, kind: "pulumiSecret", configKey: value.pulumiSecret };
  });
}

function resolveComponent(
  app: AppSpec,
  env: EnvironmentSpec,
  catalog: CatalogSpec,
  name: string,
  spec: ComponentSpec,
  inputs: DeployInputs,
  report: Report,
  override?: ComponentOverride,
): ResolvedComponent {
  const path = `components.${name}`;
  const objectName = workloadName(app.name, name);
  const digest = inputs.digests?.[name] ?? spec.image.digest;
  checkImageForEnv(env, catalog, path, { socle: spec.image.socle, digest }, report);
  const image = resolveImage(env, catalog, app.team, { ...spec.image, digest });
  const socle = catalog.socles[spec.image.socle];
  const ports = (spec.ports ?? COMPONENT_DEFAULTS.ports).map((p) => ({
    name: p.name,
    port: p.port,
    protocol: p.protocol ?? ("http" as const),
  }));

  const declared = spec.scaling ?? {};
  const d = COMPONENT_DEFAULTS.scaling;
  const fixed = declared.replicas !== undefined;
  const wantMin = declared.replicas ?? declared.min ?? d.min;
  const wantMax = declared.replicas ?? declared.max ?? d.max;
  // A maximum the environment cannot honour is capped where the environment says so (a smaller copy
  // of production), refused where it is asked for that environment or where sizes must be honoured.
  const overridden = override?.scaling?.max !== undefined || override?.scaling?.replicas !== undefined;
  if (wantMax > env.replicas.max && (overridden || env.replicas.aboveMax === "refuse")) {
    const field = declared.replicas !== undefined ? "replicas" : "max";
    report(
      `${overridden ? `environments.${env.name}.` : ""}${path}.scaling.${field}`,
      `(${wantMax}) is above the ${env.replicas.max} replicas ${env.displayName} allows per component`,
      `lower it to ${env.replicas.max} or less`,
    );
  }
  const min = clamp(wantMin, Math.max(env.replicas.min, env.replicas.hpaMinFloor), env.replicas.max);
  const max = clamp(wantMax, min, env.replicas.max);
  const scaling = {
    min,
    max,
    fixed,
    // Memory-only scaling: a declared memory target alone means no CPU metric at all.
    cpuTarget: declared.cpuTarget ?? (declared.memoryTarget === undefined ? d.cpuTarget : undefined),
    memoryTarget: declared.memoryTarget,
    scaleDownStabilizationSeconds: declared.scaleDownStabilizationSeconds ?? d.scaleDownStabilizationSeconds,
  };

  const routes: ResolvedRoute[] = (spec.routes ?? []).map((r, i) => {
    const hostLabel = routeHostLabel(objectName, r, env);
    const host = `${hostLabel}.${env.routes.domain}`;
    if (hostLabel.length > MAX_LABEL) {
      report(
        `${path}.routes.${i}.host`,
        `becomes ${show(hostLabel)} in ${env.displayName}, longer than the 63 characters of a DNS label`,
        "set a shorter routes[].host",
      );
    }
    const port = r.port ?? (ports.find((p) => p.protocol === "http") ?? ports[0])?.name ?? "http";
    const routePath = r.path ?? "/";
    return {
      name: i === 0 ? objectName : `${objectName}-${i}`,
      host,
      path: routePath,
      port,
      tls: r.tls ?? "edge",
      url: `https://${host}${routePath === "/" ? "" : routePath}`,
    };
  });

  const metricsPortName =
    spec.observability?.metricsPort ??
    (socle.metricsPort && ports.some((p) => p.name === socle.metricsPort!.name) ? socle.metricsPort.name : undefined);
  // The socle serves its metrics port even when the component does not declare it: scraped from the pods then.
  const metricsPort = metricsPortName
    ? ports.find((p) => p.name === metricsPortName)
    : socle.metricsPort && spec.observability?.metricsPort === undefined
      ? { name: socle.metricsPort.name, port: socle.metricsPort.port, undeclared: true }
      : undefined;
  const drainSeconds = spec.shutdown?.drainSeconds ?? COMPONENT_DEFAULTS.drainSeconds;
  const probes = resolveProbes(catalog, socle.kind, spec.probes, ports);
  const startupBudget = probes.startup.periodSeconds * probes.startup.failureThreshold;
  const resources = resolveResources(catalog, env, spec.resources, COMPONENT_DEFAULTS.profile);
  checkEffectiveResources(
    `${path}.resources`,
    spec.resources,
    spec.resources?.profile ?? COMPONENT_DEFAULTS.profile,
    resources,
    env,
    report,
  );

  return {
    name,
    objectName,
    image,
    ports,
    probes,
    scaling,
    disruption: min >= 2 ? { minAvailable: min - 1 } : undefined,
    resources,
    env: resolveEnv(spec.env),
    config: spec.config ?? {},
    configFiles: Object.entries(spec.configFiles ?? {}).map(([cfg, f]) => ({
      name: cfg,
      objectName: configMapName(app.name, name, cfg),
      mountPath: f.mountPath,
      files: f.files,
    })),
    routes,
    dependsOn: [],
    egress: resolveEgress(spec.egress, catalog, env),
    rollout: {
      maxSurge: Math.max(1, Math.ceil(min / 4)),
      maxUnavailable: 0,
      minReadySeconds: COMPONENT_DEFAULTS.minReadySeconds,
      // A rollout that has not progressed after the startup budget plus two readiness periods is stuck.
      progressDeadlineSeconds: Math.max(120, startupBudget + 2 * probes.readiness.periodSeconds * probes.readiness.failureThreshold + 60),
      revisionHistoryLimit: COMPONENT_DEFAULTS.revisionHistoryLimit,
    },
    shutdown: {
      drainSeconds,
      gracePeriodSeconds: spec.shutdown?.gracePeriodSeconds ?? drainSeconds + COMPONENT_DEFAULTS.shutdownBudgetSeconds,
    },
    observability: {
      metrics: metricsPort
        ? {
            port: metricsPort.name,
            portNumber: metricsPort.port,
            declared: !("undeclared" in metricsPort),
            path: spec.observability?.metricsPath ?? socle.metricsPort?.path ?? COMPONENT_DEFAULTS.metricsPath,
          }
        : undefined,
      traceServiceName: spec.observability?.traceServiceName ?? objectName,
      logFormat: socle.logFormat,
    },
    command: spec.command,
    placement: resolvePlacement(env, spec.placement),
  };
}

function resolveBatch(
  app: AppSpec,
  env: EnvironmentSpec,
  catalog: CatalogSpec,
  name: string,
  spec: BatchSpec & { suspend?: boolean },
  inputs: DeployInputs,
  report: Report,
): ResolvedBatch {
  const digest = inputs.digests?.[name] ?? spec.image.digest;
  checkImageForEnv(env, catalog, `batches.${name}`, { socle: spec.image.socle, digest }, report);
  const d = BATCH_DEFAULTS;
  const resources = resolveResources(catalog, env, spec.resources, d.profile);
  checkEffectiveResources(`batches.${name}.resources`, spec.resources, spec.resources?.profile ?? d.profile, resources, env, report);
  return {
    name,
    objectName: workloadName(app.name, name),
    image: resolveImage(env, catalog, app.team, { ...spec.image, digest }),
    schedule: spec.schedule,
    timeZone: spec.timeZone ?? d.timeZone,
    suspend: spec.suspend ?? false,
    concurrency: spec.concurrency ?? d.concurrency,
    activeDeadlineSeconds: spec.activeDeadlineSeconds ?? d.activeDeadlineSeconds,
    startingDeadlineSeconds: spec.startingDeadlineSeconds ?? d.startingDeadlineSeconds,
    backoffLimit: spec.backoffLimit ?? d.backoffLimit,
    history: spec.history ?? d.history,
    resources,
    env: resolveEnv(spec.env),
    dependsOn: [],
    egress: resolveEgress(spec.egress, catalog, env),
    command: spec.command,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
