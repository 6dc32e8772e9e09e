import { createHash } from "node:crypto";
import type { EnvironmentSet } from "../../../constructs/instance";
import { type AppDeclaration, type ComponentSpec, defineApp } from "../../../constructs/model";
import { environments as repoEnvironments } from "../../../environments";
import { SeededRandom } from "./seeded-random";

/** Options of `syntheticEstate`. */
export interface SyntheticEstateOptions {
  /** Number of app systems. @default 180 */
  readonly apps?: number;
  /** PRNG seed: the same seed gives the same estate, byte for byte. @default 20240410 */
  readonly seed?: number;
  /**
   * The environments the declarations' overrides name: nightly batches suspended in the first one
   * (where teams try things), wider scaling in the last one (production).
   * @default this repository's environments
   */
  readonly environments?: EnvironmentSet;
}

/** Defaults of `syntheticEstate`: the shape of the real estate (180 systems, about 2000 workloads). */
export const SYNTHETIC_ESTATE_DEFAULTS = { apps: 180, seed: 20240410 } as const;

const DOMAINS = [
  "auto",
  "habitation",
  "sante",
  "prevoyance",
  "epargne",
  "retraite",
  "vie",
  "pro",
  "agri",
  "flotte",
  "emprunteur",
  "obseques",
  "juridique",
  "assistance",
  "voyage",
  "animaux",
];
const SUBJECTS = [
  "devis",
  "tarif",
  "contrats",
  "sinistres",
  "paiements",
  "clients",
  "courtiers",
  "agences",
  "documents",
  "signature",
  "reclamations",
  "indemnisation",
  "expertise",
  "fraude",
  "recouvrement",
  "comptabilite",
  "reporting",
  "referentiel",
  "notifications",
  "portail",
];
const NAMES = {
  web: ["web", "portal", "admin", "backoffice", "partners-web"],
  api: [
    "api",
    "gateway",
    "pricing",
    "rules",
    "search",
    "documents",
    "payments",
    "quotes",
    "claims",
    "partners",
    "ledger",
    "accounts",
    "contracts",
    "billing",
    "identity",
    "catalog",
    "scoring",
    "exports",
    "audit",
    "events-api",
  ],
  worker: ["worker", "events", "notifier", "indexer", "mailer", "sync-worker", "outbox", "projector"],
  batch: ["nightly", "export", "purge", "reconcile", "archive", "reporting", "invoicing", "statements"],
} as const;
type Kind = keyof typeof NAMES;
type SocleName = "java21-spring" | "java17-spring" | "node22" | "python312" | "nginx-static";

/** Ports a workload of each socle family serves: the app port plus the middleware's metrics port. */
const PORTS: Record<SocleName, ComponentSpec["ports"]> = {
  "java21-spring": [
    { name: "http", port: 8080 },
    { name: "management", port: 9090 },
  ],
  "java17-spring": [
    { name: "http", port: 8080 },
    { name: "management", port: 9090 },
  ],
  node22: [
    { name: "http", port: 3000 },
    { name: "metrics", port: 9464 },
  ],
  python312: [{ name: "http", port: 8000 }],
  "nginx-static": undefined,
};
const RELEASE_TRAIN = {
  policy: "release-train" as const,
  windows: [
    { from: "04-01", to: "04-30" },
    { from: "10-01", to: "10-31" },
  ],
};

/**
 * A deterministic synthetic estate shaped like the real one, for scale work (rendering, diffing,
 * socle reports): by default 180 app systems with about 2000 components and batches in all (web
 * fronts, APIs, workers, nightly batches), 2–4 replicas, routes, critical and standard apps,
 * continuous delivery and April/October release trains, mostly on supported socles and about one
 * system in sixteen still on the deprecated `java17-spring` (which Prod refuses, as the catalog says).
 *
 * Every app is an ordinary declaration written through `defineApp`, exactly what an app team would
 * commit: no internal shortcut, so whatever renders it exercises the real path. Digests are real
 * sha256 values derived from artifact and version.
 *
 * @example
 * const apps = syntheticEstate();            // 180 apps, seed 20240410
 * const small = syntheticEstate({ apps: 10, seed: 7 });
 */
export function syntheticEstate(options: SyntheticEstateOptions = {}): AppDeclaration[] {
  const count = options.apps ?? SYNTHETIC_ESTATE_DEFAULTS.apps;
  const random = new SeededRandom(options.seed ?? SYNTHETIC_ESTATE_DEFAULTS.seed);
  const names = appNames(random, count);
  const envNames = (options.environments ?? repoEnvironments).names;
  const stages = { first: envNames[0], last: envNames[envNames.length - 1] };
  return names.map((name, index) => generateApp(random, name, names.slice(0, index), stages));
}

function appNames(random: SeededRandom, count: number): string[] {
  const all = DOMAINS.flatMap((d) => SUBJECTS.map((s) => `${d}-${s}`));
  const names = random.shuffle(all).slice(0, Math.min(count, all.length));
  // Beyond every domain × subject pair, numbered generations of the same systems.
  for (let i = 0; names.length < count; i++) names.push(`${all[i % all.length]}-v${2 + Math.floor(i / all.length)}`);
  return names;
}

/** sha256 digest of an artifact version, as a registry would print it. */
function digestOf(artifact: string, version: string): string {
  return `sha256:${createHash("sha256").update(`${artifact}@${version}`).digest("hex")}`;
}

/** The environments a generated declaration overrides, by role. */
interface OverrideStages {
  /** Nightly batches are often suspended there. */
  readonly first: string;
  /** Some APIs scale wider there. */
  readonly last: string;
}

function generateApp(random: SeededRandom, name: string, earlier: readonly string[], stages: OverrideStages): AppDeclaration {
  const size = random.weighted<[number, number]>([
    [[3, 6], 35],
    [[8, 14], 45],
    [[15, 26], 20],
  ]);
  const units = random.int(size[0], size[1]);
  const legacy = random.chance(1 / 16);
  const critical = random.chance(0.3);
  const version = `${random.int(1, 30)}.${random.int(0, 20)}.${random.int(0, 9)}`;
  const kinds = unitKinds(random, units);
  const used = new Set<string>();
  const components: Record<string, ComponentSpec> = {};
  const batches: NonNullable<AppDeclaration["batches"]> = {};
  const lastOverrides: Record<string, { scaling: { min: number; max: number } }> = {};
  const firstBatchOverrides: Record<string, { suspend: boolean }> = {};
  let firstApi: string | undefined;

  for (const kind of kinds) {
    const unit = uniqueName(random, kind, used);
    const socle = socleFor(random, kind, legacy);
    const image = { socle, artifact: `${name}-${unit}`, version, digest: digestOf(`${name}-${unit}`, version) };
    if (kind === "batch") {
      batches[unit] = {
        image,
        schedule: `${random.int(0, 59)} ${random.int(0, 5)} * * ${random.pick(["*", "*", "1-5", "0"])}`,
        resources: { profile: random.pick(["S", "M"] as const) },
      };
      if (random.chance(0.5)) firstBatchOverrides[unit] = { suspend: true };
      continue;
    }
    const component: ComponentSpec = {
      image,
      ports: kind === "worker" ? [] : PORTS[socle],
      resources: { profile: kind === "web" ? "S" : random.pick(["S", "M", "M", "L"] as const) },
    };
    if (kind === "worker") component.scaling = { replicas: random.int(2, 3) };
    else component.scaling = { min: 2, max: random.int(3, 4), ...(random.chance(0.3) ? { cpuTarget: random.pick([60, 65, 75]) } : {}) };
    if (kind === "web" || (kind === "api" && random.chance(0.3))) component.routes = [kind === "web" ? {} : { path: "/api" }];
    if (kind === "api") {
      component.env = { LOG_LEVEL: random.pick(["INFO", "WARN"]), DB_PASSWORD: { secret: { name: `${name}-db`, key: "password" } } };
      if (random.chance(0.3)) {
        component.env.QUEUE = { config: "queue" };
        component.config = { queue: `${name}.${unit}.events` };
      }
      if (socle.startsWith("java") && random.chance(0.1))
        component.configFiles = {
          logging: { mountPath: "/config", files: { "logback.xml": '<configuration><root level="INFO"/></configuration>' } },
        };
      if (random.chance(0.25)) lastOverrides[unit] = { scaling: { min: 2, max: random.int(6, 10) } };
    }
    const dependsOn = [
      ...(firstApi && kind !== "api" ? [firstApi] : []),
      ...(kind === "api" && earlier.length > 0 && random.chance(0.2) ? [`${random.pick(earlier)}/api:http`] : []),
    ];
    if (dependsOn.length > 0) component.dependsOn = dependsOn;
    if (kind === "api" && !firstApi) firstApi = unit;
    components[unit] = component;
  }

  const hasBatches = Object.keys(batches).length > 0;
  const overrides: NonNullable<AppDeclaration["environments"]> = {};
  if (Object.keys(firstBatchOverrides).length > 0) overrides[stages.first] = { batches: firstBatchOverrides };
  if (Object.keys(lastOverrides).length > 0) overrides[stages.last] = { ...overrides[stages.last], components: lastOverrides };
  return defineApp({
    name,
    team: name.split("-")[0],
    criticality: critical ? "critical" : "standard",
    release: random.chance(0.2) ? RELEASE_TRAIN : { policy: "continuous" },
    components,
    ...(hasBatches ? { batches } : {}),
    ...(Object.keys(overrides).length > 0 ? { environments: overrides } : {}),
  });
}

/** The API first (other units depend on it), then fronts, workers and batches in proportion. */
function unitKinds(random: SeededRandom, units: number): Kind[] {
  const kinds: Kind[] = ["api"];
  for (let i = 1; i < units; i++)
    kinds.push(
      random.weighted<Kind>([
        ["api", 50],
        ["web", 15],
        ["worker", 20],
        ["batch", 15],
      ]),
    );
  return kinds;
}

function uniqueName(random: SeededRandom, kind: Kind, used: Set<string>): string {
  const pool = NAMES[kind].filter((n) => !used.has(n));
  // The first API is always `api`: other apps depend on `<app>/api`.
  let name = kind === "api" && !used.has("api") ? "api" : pool.length > 0 ? random.pick(pool) : "";
  for (let i = 2; name === "" || used.has(name); i++) name = `${NAMES[kind][0]}-${i}`;
  used.add(name);
  return name;
}

function socleFor(random: SeededRandom, kind: Kind, legacy: boolean): SocleName {
  const jvm: SocleName = legacy ? "java17-spring" : "java21-spring";
  switch (kind) {
    case "web":
      return random.chance(0.7) ? "nginx-static" : "node22";
    case "api":
      return random.weighted<SocleName>([
        [jvm, 65],
        ["node22", 18],
        ["python312", 17],
      ]);
    default:
      return random.chance(0.75) ? jvm : "python312";
  }
}
