import {
  AppSpec,
  type BatchSpec,
  type CatalogSpec,
  type ComponentSpec,
  cronProblem,
  DNS_LABEL,
  ENV_NAME,
  type EnvValueSpec,
  MAX_LABEL,
  appNameBudget,
  batchNameBudget,
  componentNameBudget,
  configFilesNameBudget,
  cpuMillis,
  memoryBytes,
  type ResourcesSpec,
  type ScalingSpec,
} from "../model";
import { DeclarationError, type Problem, show } from "./declaration-error";
import { checkCalls } from "./validate-calls";
import { secretLiteral } from "./secret-literal";
import { checkConfigSecrets, checkReservedEnv } from "./validate-config";
import { checkMounts } from "./validate-mounts";
import { checkProbes } from "./validate-probes";
import { checkTimeZone } from "./validate-time-zone";
import { unknownEnvironmentProblems, zodProblems } from "./zod-problems";

/** Longest environment suffix assumed when the instance's environments are not given. */
const DEFAULT_ENV_NAME_LENGTH = 4;

/**
 * Parses and checks a declaration independently of any environment. Every problem is collected and
 * thrown at once as a DeclarationError; nothing is rendered from an invalid declaration.
 */
export function validateApp(input: unknown, catalog: CatalogSpec, environmentNames?: readonly string[], source?: string): AppSpec {
  const appName =
    typeof (input as { name?: unknown })?.name === "string"
      ? (input as { name: string }).name
      : source
        ? `<unnamed app in ${source}>`
        : "<unnamed app>";
  const parsed = AppSpec.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    // Overrides of an unknown environment are reported once, with the instance's environments, not
    // field by field.
    const unknownEnvs = unknownEnvironmentProblems(appName, input, environmentNames);
    const issues = parsed.error.issues.filter(
      (i) => !(i.path[0] === "environments" && unknownEnvs.some((p) => p.path === `environments.${String(i.path[1])}`)),
    );
    throw new DeclarationError([...unknownEnvs, ...zodProblems(appName, issues)]);
  }
  const app = parsed.data;
  const problems: Problem[] = [];
  const report = (path: string, message: string, fix: string) => problems.push({ app: app.name, path, message, fix });

  const longestEnv = environmentNames?.reduce((a, b) => (b.length > a.length ? b : a), "");
  const envLength = longestEnv?.length ?? DEFAULT_ENV_NAME_LENGTH;
  checkName(
    app.name,
    "name",
    appNameBudget(envLength),
    `the namespace <app>-${longestEnv ?? "<env>"} with the instance label <app>-<component>-${longestEnv ?? "<env>"} of even a one-character component`,
    report,
  );
  // Name budgets of components and batches derive from the app name: when the app name itself is
  // wrong, report it alone rather than a cascade of "at most 0 characters" on every child.
  const appNameFits = DNS_LABEL.test(app.name) && app.name.length <= appNameBudget(envLength);
  const budget = (n: number) => (appNameFits ? n : Number.POSITIVE_INFINITY);
  if (!DNS_LABEL.test(app.team)) report("team", `(${show(app.team)}) must be a DNS-1123 label`, "use the team's lowercase kebab-case id");
  if (Object.keys(app.components).length === 0 && Object.keys(app.batches ?? {}).length === 0) {
    report("components", "declares no component and no batch", "declare at least one component or batch");
  }
  if (app.release.policy === "release-train") {
    app.release.windows.forEach((w, i) => {
      if (w.from > w.to)
        report(
          `release.windows.${i}`,
          `(${w.from} → ${w.to}) ends before it starts`,
          "windows do not wrap around the new year: split it in two",
        );
    });
  }

  for (const [name, component] of Object.entries(app.components)) {
    const path = `components.${name}`;
    checkName(
      name,
      path,
      budget(componentNameBudget(app.name, envLength)),
      `the instance label and default route host ${app.name}-${name}-${longestEnv ?? "<env>"}`,
      report,
    );
    checkComponent(app.name, name, component, catalog, report);
    checkCalls(app.name, path, name, component, app.components, catalog, report);
    checkProbes(path, component, app.criticality === "critical", catalog, report);
  }
  for (const [name, batch] of Object.entries(app.batches ?? {})) {
    const path = `batches.${name}`;
    if (name in app.components)
      report(path, `uses the name of component ${show(name)}`, "give the batch a distinct name: both become objects named <app>-<name>");
    checkName(
      name,
      path,
      budget(batchNameBudget(app.name, envLength)),
      `the CronJob name ${app.name}-${name} (52 characters at most: Kubernetes appends an 11-character Job suffix) or the instance label ${app.name}-${name}-${longestEnv ?? "<env>"}`,
      report,
    );
    checkBatch(name, batch, catalog, report);
    checkCalls(app.name, path, undefined, batch, app.components, catalog, report);
  }
  problems.push(...unknownEnvironmentProblems(app.name, app, environmentNames));
  for (const [env, override] of Object.entries(app.environments ?? {})) {
    if (environmentNames && !environmentNames.includes(env)) continue;
    for (const [name, o] of Object.entries(override?.components ?? {})) {
      if (!(name in app.components))
        report(
          `environments.${env}.components.${name}`,
          "overrides a component that is not declared",
          `declare components.${name} or fix the name (declared: ${Object.keys(app.components).join(", ")})`,
        );
      else {
        if (o.scaling) checkScaling(`environments.${env}.components.${name}.scaling`, o.scaling, report);
        if (o.resources) checkResources(`environments.${env}.components.${name}.resources`, o.resources, report);
        if (o.env) checkEnv(`environments.${env}.components.${name}.env`, o.env, { ...app.components[name].config, ...o.config }, report);
        if (o.config) checkConfigSecrets(`environments.${env}.components.${name}`, o.config, {}, report);
        if (o.image?.version === "latest")
          report(
            `environments.${env}.components.${name}.image.version`,
            '("latest") is not an immutable version',
            "use the version tag the build produced, e.g. 1.4.2",
          );
      }
    }
    for (const [name, o] of Object.entries(override?.batches ?? {})) {
      if (!(name in (app.batches ?? {})))
        report(`environments.${env}.batches.${name}`, "overrides a batch that is not declared", `declare batches.${name} or fix the name`);
      else {
        if (o.schedule !== undefined) checkCron(`environments.${env}.batches.${name}.schedule`, o.schedule, report);
        if (o.env) checkEnv(`environments.${env}.batches.${name}.env`, o.env, {}, report);
      }
    }
  }
  if (problems.length > 0) throw new DeclarationError(problems);
  return app;
}

type Report = (path: string, message: string, fix: string) => void;

function checkName(name: string, path: string, budget: number, becomes: string, report: Report): void {
  if (!DNS_LABEL.test(name)) {
    report(
      path,
      `(${show(name)}) must be a DNS-1123 label: lowercase letters, digits and '-', starting with a letter`,
      "rename it in lowercase kebab-case",
    );
  } else if (name.length > budget) {
    report(
      path,
      `(${show(name)}) is ${name.length} characters; ${becomes} would exceed the Kubernetes limit, so at most ${Math.max(budget, 0)} are allowed`,
      "shorten the name",
    );
  }
}

function checkImage(path: string, image: { socle: string; version: string }, catalog: CatalogSpec, report: Report): void {
  if (!(image.socle in catalog.socles)) {
    report(
      `${path}.image.socle`,
      `(${show(image.socle)}) is not a socle of the platform catalog`,
      `use one of ${Object.keys(catalog.socles).join(", ")}`,
    );
  }
  if (image.version === "latest")
    report(`${path}.image.version`, '("latest") is not an immutable version', "use the version tag the build produced, e.g. 1.4.2");
  else if (image.version.length > MAX_LABEL)
    report(
      `${path}.image.version`,
      `(${show(image.version)}) is longer than 63 characters and cannot be a label value`,
      "use a shorter version tag",
    );
}

function checkComponent(app: string, name: string, c: ComponentSpec, catalog: CatalogSpec, report: Report): void {
  const path = `components.${name}`;
  checkImage(path, c.image, catalog, report);
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  (c.ports ?? []).forEach((p, i) => {
    if (portNames.has(p.name)) report(`${path}.ports.${i}.name`, `(${show(p.name)}) is declared twice`, "give each port a distinct name");
    if (portNumbers.has(p.port))
      report(`${path}.ports.${i}.port`, `(${p.port}) is already used by another port of ${name}`, "give each port a distinct number");
    portNames.add(p.name);
    portNumbers.add(p.port);
  });
  const declaredPorts = c.ports ? [...portNames] : ["http"];
  for (const kind of ["readiness", "liveness", "startup"] as const) {
    const probe = c.probes?.[kind];
    if (probe && probe.type !== "exec" && probe.port !== undefined && !declaredPorts.includes(probe.port)) {
      report(
        `${path}.probes.${kind}.port`,
        `(${show(probe.port)}) is not a declared port`,
        `use one of ${declaredPorts.join(", ") || "(none: declare ports first)"}`,
      );
    }
    if (probe && probe.type !== "exec" && probe.port === undefined && declaredPorts.length === 0) {
      report(`${path}.probes.${kind}`, `is a ${probe.type} probe but ${name} declares no port`, "declare a port or use an exec probe");
    }
  }
  (c.routes ?? []).forEach((r, i) => {
    if (declaredPorts.length === 0)
      report(`${path}.routes.${i}`, `exposes ${name}, which declares no port`, "declare an http port or remove the route");
    else if (r.port !== undefined && !declaredPorts.includes(r.port))
      report(`${path}.routes.${i}.port`, `(${show(r.port)}) is not a declared port`, `use one of ${declaredPorts.join(", ")}`);
    if (r.host !== undefined && !DNS_LABEL.test(r.host))
      report(
        `${path}.routes.${i}.host`,
        `(${show(r.host)}) must be a single DNS label (the environment's route domain is appended)`,
        "use lowercase letters, digits and '-', e.g. espace-client",
      );
  });
  if (c.observability?.metricsPort !== undefined && !declaredPorts.includes(c.observability.metricsPort)) {
    report(
      `${path}.observability.metricsPort`,
      `(${show(c.observability.metricsPort)}) is not a declared port`,
      `use one of ${declaredPorts.join(", ") || "(none)"}`,
    );
  }
  if (c.scaling) checkScaling(`${path}.scaling`, c.scaling, report);
  if (c.resources) checkResources(`${path}.resources`, c.resources, report);
  checkEnv(`${path}.env`, c.env ?? {}, c.config ?? {}, report);
  for (const [cfg] of Object.entries(c.configFiles ?? {})) {
    checkName(cfg, `${path}.configFiles.${cfg}`, configFilesNameBudget(app, name), `the ConfigMap name ${app}-${name}-${cfg}`, report);
  }
  checkMounts(path, c.configFiles ?? {}, report);
  checkConfigSecrets(path, c.config ?? {}, c.configFiles ?? {}, report);
  const drain = c.shutdown?.drainSeconds ?? 10;
  if (c.shutdown?.gracePeriodSeconds !== undefined && c.shutdown.gracePeriodSeconds <= drain) {
    report(
      `${path}.shutdown.gracePeriodSeconds`,
      `(${c.shutdown.gracePeriodSeconds}) must be greater than drainSeconds (${drain}) or in-flight requests are killed`,
      `raise it to at least ${drain + 10}`,
    );
  }
}

function checkBatch(name: string, b: BatchSpec, catalog: CatalogSpec, report: Report): void {
  const path = `batches.${name}`;
  checkImage(path, b.image, catalog, report);
  checkCron(`${path}.schedule`, b.schedule, report);
  if (b.timeZone !== undefined) checkTimeZone(`${path}.timeZone`, b.timeZone, report);
  if (b.resources) checkResources(`${path}.resources`, b.resources, report);
  checkEnv(`${path}.env`, b.env ?? {}, {}, report);
}

function checkCron(path: string, schedule: string, report: Report): void {
  const problem = cronProblem(schedule);
  if (problem)
    report(
      path,
      `(${show(schedule)}) is not a valid cron schedule: ${problem}`,
      'write five fields "minute hour day-of-month month day-of-week", e.g. "30 2 * * *"',
    );
}

function checkScaling(path: string, s: ScalingSpec, report: Report): void {
  const hpa = s.min !== undefined || s.max !== undefined;
  if (s.replicas !== undefined && hpa) {
    report(path, "sets both replicas and min/max", "use min/max to autoscale, or replicas alone for a fixed count (the HPA then holds it)");
    return;
  }
  if (s.replicas === undefined && (s.min === undefined) !== (s.max === undefined)) {
    report(path, `sets ${s.min === undefined ? "max" : "min"} without ${s.min === undefined ? "min" : "max"}`, "set both min and max");
  }
  if (s.min !== undefined && s.max !== undefined && s.max < s.min) {
    report(`${path}.max`, `(${s.max}) must be ≥ scaling.min (${s.min})`, "raise max or lower min");
  }
}

function checkResources(path: string, r: ResourcesSpec, report: Report): void {
  if (r.cpu?.request && r.cpu.limit && cpuMillis(r.cpu.request) > cpuMillis(r.cpu.limit)) {
    report(`${path}.cpu.request`, `(${r.cpu.request}) must be ≤ cpu.limit (${r.cpu.limit})`, "lower the request or raise the limit");
  }
  if (r.memory?.request && r.memory.limit && memoryBytes(r.memory.request) > memoryBytes(r.memory.limit)) {
    report(
      `${path}.memory.request`,
      `(${r.memory.request}) must be ≤ memory.limit (${r.memory.limit})`,
      "lower the request or raise the limit",
    );
  }
}

function checkEnv(path: string, env: Record<string, EnvValueSpec>, config: Record<string, string>, report: Report): void {
  checkReservedEnv(path, env, report);
  for (const [name, value] of Object.entries(env)) {
    if (!ENV_NAME.test(name))
      report(`${path}.${name}`, "is not a valid environment variable name", "use letters, digits and '_', not starting with a digit");
    const secret = secretLiteral(name, value);
    if (secret) {
      report(
        `${path}.${name}`,
        `${secret.startsWith("is named") ? "holds a literal value but its name says it is a secret" : secret}; secret values never go in declarations`,
        `reference it instead: { secret: { name: "<secret>", key: "${name.toLowerCase()}" } } or { pulumiSecret: "<config key>" }`,
      );
    }
    if (typeof value === "object" && "config" in value && !(value.config in config)) {
      report(
        `${path}.${name}.config`,
        `(${show(value.config)}) is not a key of the component's config`,
        `add it to config or use one of ${Object.keys(config).join(", ") || "(no config declared)"}`,
      );
    }
  }
}
