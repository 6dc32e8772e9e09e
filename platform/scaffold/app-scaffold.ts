import { createHash } from "node:crypto";
import type { BelugaInstance } from "../../constructs/instance";
import {
  type AppDeclaration,
  type ComponentSpec,
  DNS_LABEL,
  MAX_LABEL,
  type ReleasePolicy,
  type ReleaseWindow,
} from "../../constructs/model";
import { camelCase } from "../apps/discover-apps";

/** What a component of a new app is for; decides its ports, scaling, routes and whether it is a batch. */
export const COMPONENT_KINDS = ["web", "api", "worker", "batch"] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

/** The version every scaffolded artifact starts at, until its first release. */
export const FIRST_VERSION = "0.1.0";
/** Schedule of a scaffolded batch: every night at 02:00 (Europe/Paris). */
export const BATCH_SCHEDULE = "0 2 * * *";

/** One `--component <name>:<kind>[:<socle>]`. */
export interface NewComponent {
  readonly name: string;
  readonly kind: ComponentKind;
  /** @default - the request's default socle */
  readonly socle?: string;
}

/** What `beluga new app` was asked for. */
export interface NewAppRequest {
  readonly name: string;
  readonly team: string;
  readonly criticality: "critical" | "standard";
  readonly release: ReleasePolicy;
  readonly components: readonly NewComponent[];
  /** Socle of components that name none. @default - every component names its own */
  readonly socle?: string;
}

/** `api:api`, `front:web:node22` → a component (kind and socle checked by `checkNewApp`). */
export function parseComponent(arg: string): { name: string; kind: string; socle?: string } {
  const [name = "", kind = "", ...socle] = arg.split(":");
  return { name, kind, ...(socle.length > 0 ? { socle: socle.join(":") } : {}) };
}

/** `04-01:04-30` → a release window. */
export function parseWindow(arg: string): ReleaseWindow {
  const [from = "", to = ""] = arg.split(":");
  return { from, to };
}

/**
 * Every reason the request cannot become an app, each with its fix: an invalid or taken name, a name
 * too long for the namespaces of the instance, no component, an unknown kind, an unknown socle or one
 * an environment of the instance refuses, duplicate component names, a release train without windows.
 */
export function checkNewApp(request: NewAppRequest, instance: BelugaInstance, existing: readonly string[]): string[] {
  const problems: string[] = [];
  const { name } = request;
  const longestEnv = instance.environments.names.reduce((a, b) => (b.length > a.length ? b : a), "");
  const budget = MAX_LABEL - longestEnv.length - 1;
  if (!DNS_LABEL.test(name)) {
    problems.push(
      `app name ${JSON.stringify(name)} must be a DNS label (lowercase letters, digits and '-', starting with a letter); e.g. mon-app`,
    );
  } else if (name.length > budget) {
    problems.push(
      `app name ${JSON.stringify(name)} is ${name.length} characters; the namespace ${name}-${longestEnv} would exceed ${MAX_LABEL}, so at most ${budget} are allowed; choose a shorter name`,
    );
  }
  if (existing.includes(name)) problems.push(`app ${name} already exists (apps/${name}/); choose another name or edit apps/${name}/app.ts`);
  if (!DNS_LABEL.test(request.team))
    problems.push(`--team ${JSON.stringify(request.team)} must be a DNS label; use the team's lowercase kebab-case id`);
  if (request.release.policy === "release-train" && request.release.windows.length === 0) {
    problems.push("--release-policy release-train needs at least one --window <MM-DD>:<MM-DD>, e.g. --window 04-01:04-30");
  }
  if (request.components.length === 0)
    problems.push("give at least one --component <name>:<kind>, kind one of " + COMPONENT_KINDS.join(", "));
  const socles = instance.catalog.socles;
  const usable = Object.keys(socles).filter((s) =>
    instance.environments.list.every((env) => env.allowedSocleStates.includes(socles[s].lifecycle)),
  );
  const seen = new Set<string>();
  for (const c of request.components) {
    const where = `--component ${c.name}:${c.kind}`;
    if (!DNS_LABEL.test(c.name)) problems.push(`${where}: component name ${JSON.stringify(c.name)} must be a DNS label, e.g. api`);
    if (seen.has(c.name)) problems.push(`${where}: component ${c.name} is given twice; component names are unique within an app`);
    seen.add(c.name);
    if (!(COMPONENT_KINDS as readonly string[]).includes(c.kind))
      problems.push(`${where}: unknown kind ${JSON.stringify(c.kind)}; use one of ${COMPONENT_KINDS.join(", ")}`);
    const socle = c.socle ?? request.socle;
    if (socle === undefined) {
      problems.push(
        `${where}: no socle; add :<socle> (e.g. ${c.name}:${c.kind}:${usable[0]}) or give --socle, one of ${usable.join(", ")}`,
      );
    } else if (!socles[socle]) {
      problems.push(`${where}: unknown socle ${JSON.stringify(socle)}; the catalog (platform/catalog/socles.ts) has ${usable.join(", ")}`);
    } else if (!usable.includes(socle)) {
      const refusing = instance.environments.list
        .filter((env) => !env.allowedSocleStates.includes(socles[socle].lifecycle))
        .map((env) => env.displayName);
      problems.push(
        `${where}: socle ${socle} is ${socles[socle].lifecycle} and ${refusing.join(", ")} refuse${refusing.length === 1 ? "s" : ""} it; use ${socles[socle].successor ?? usable.join(" or ")}`,
      );
    }
  }
  return problems;
}

/** The placeholder digest of an artifact version: sha256 of `<artifact>@<version>` (as the synthetic estate derives them). */
export function placeholderDigest(artifact: string, version: string): string {
  return `sha256:${createHash("sha256").update(`${artifact}@${version}`).digest("hex")}`;
}

/**
 * The declaration of a new app (call `checkNewApp` first): per kind, what the example apps do —
 * `web`: small profile, a route (the first web front on the app's own host), calls the app's APIs;
 * `api`: the socle's HTTP and metrics ports, default scaling (2 to 4 pods), internal only;
 * `worker`: no port, two fixed replicas, calls the app's APIs; `batch`: a nightly CronJob.
 * Every image is `<app>-<component>` at version 0.1.0 with a placeholder digest (see `placeholderDigest`).
 */
export function newAppDeclaration(request: NewAppRequest, instance: BelugaInstance): AppDeclaration {
  const apis = request.components.filter((c) => c.kind === "api").map((c) => c.name);
  const components: Record<string, ComponentSpec> = {};
  const batches: NonNullable<AppDeclaration["batches"]> = {};
  let firstWeb = true;
  for (const c of request.components) {
    const socleName = (c.socle ?? request.socle)!;
    const artifact = `${request.name}-${c.name}`;
    const image = { socle: socleName, artifact, version: FIRST_VERSION, digest: placeholderDigest(artifact, FIRST_VERSION) };
    if (c.kind === "batch") {
      batches[c.name] = { image, schedule: BATCH_SCHEDULE };
      continue;
    }
    const socle = instance.catalog.socles[socleName];
    const httpPort = { jvm: 8080, node: 3000, python: 8000, static: 8080 }[socle.kind];
    const ports: ComponentSpec["ports"] =
      socle.kind === "static"
        ? undefined
        : [
            { name: "http", port: httpPort },
            ...(socle.metricsPort ? [{ name: socle.metricsPort.name, port: socle.metricsPort.port }] : []),
          ];
    const component: ComponentSpec = { image, ...(ports ? { ports } : {}) };
    if (c.kind === "web") {
      component.routes = [firstWeb ? { host: request.name } : {}];
      component.resources = { profile: "S" };
      firstWeb = false;
    }
    if (c.kind === "worker") {
      component.ports = [];
      component.scaling = { replicas: 2 };
    }
    if ((c.kind === "web" || c.kind === "worker") && apis.length > 0) component.dependsOn = apis;
    components[c.name] = component;
  }
  return {
    name: request.name,
    team: request.team,
    criticality: request.criticality,
    release: request.release,
    components,
    ...(Object.keys(batches).length > 0 ? { batches } : {}),
  };
}

/**
 * The files of a new app folder, by path from the repository root, before formatting: `app.ts` (the
 * declaration through `defineApp`), `index.ts` (its Pulumi program), `Pulumi.yaml` and one
 * `Pulumi.<env>.yaml` per environment of the instance holding its encryption salt.
 */
export function newAppFiles(
  request: NewAppRequest,
  declaration: AppDeclaration,
  instance: BelugaInstance,
  salt: (env: string) => string,
): Map<string, string> {
  const dir = `apps/${request.name}`;
  const constName = camelCase(request.name);
  const kinds = request.components.map((c) => `${c.name} (${c.kind})`).join(", ");
  const files = new Map<string, string>();
  files.set(
    `${dir}/app.ts`,
    `import { defineApp } from "../../constructs/model";

// Scaffolded by \`beluga new app\`; from now on this file is the app's declaration.
// Image digests: placeholders, sha256 of "<artifact>@<version>" (deterministic, like the other example
// apps'), so synth, the contract and the policies pass in every environment before any image exists.
// The first pipeline builds the images: its image jobs hand the built digests to the deploy jobs
// (BELUGA_DIGEST_<WORKLOAD>), which win over these; from then on deploys keep or promote what the
// stacks run. Replace a placeholder with the digest the registry printed once the image is built.

/** ${request.name}, team ${request.team}: ${kinds}. */
export const ${constName} = defineApp(${literal(declaration)});
`,
  );
  files.set(
    `${dir}/index.ts`,
    `import { appProgram } from "../../platform/deploy/app-program";
import { ${constName} } from "./app";

export = appProgram(${constName});
`,
  );
  files.set(
    `${dir}/Pulumi.yaml`,
    `# ${request.name}: one stack per environment (${instance.environments.names.join(", ")}). The declaration is app.ts.
name: ${request.name}
description: Beluga app ${request.name}
runtime:
  name: nodejs
  options:
    typescript: true
main: index.ts
`,
  );
  for (const env of instance.environments.names) files.set(`${dir}/Pulumi.${env}.yaml`, `encryptionsalt: ${salt(env)}\n`);
  return files;
}

/** A TypeScript literal of plain data: identifier keys unquoted, strings double-quoted (prettier lays it out). */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k)}: ${literal(v)}`);
    return `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}
