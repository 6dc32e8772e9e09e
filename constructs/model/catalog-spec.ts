import { z } from "zod";
import { DIGEST } from "./image-spec";
import { SocleLifecycle } from "./environment-spec";
import { CPU_QUANTITY, MEMORY_QUANTITY } from "./quantities";
import { SharedServiceSpec } from "./egress-spec";

/** A RedHat base image, pinned by digest. */
export const BaseImageSpec = z.strictObject({
  image: z.string(),
  version: z.string(),
  digest: z.string().regex(DIGEST),
});

/** Probe defaults per socle kind: a JVM needs a longer startup budget than a static web server. */
export const ProbeDefaults = z.strictObject({
  initialDelaySeconds: z.number().int().min(0),
  periodSeconds: z.number().int().min(1),
  timeoutSeconds: z.number().int().min(1),
  failureThreshold: z.number().int().min(1),
  startupFailureThreshold: z.number().int().min(1),
  readinessPath: z.string(),
  livenessPath: z.string(),
});

/** A socle image: base + middleware + company layer (CA certificates, non-root user, log format). */
export const SocleSpec = z.strictObject({
  base: z.string(),
  kind: z.enum(["jvm", "node", "python", "static"]),
  version: z.string(),
  digest: z.string().regex(DIGEST),
  lifecycle: SocleLifecycle,
  middleware: z.array(z.string()),
  /** Numeric non-root user the socle runs as. */
  user: z.number().int().min(1000),
  logFormat: z.enum(["json", "ecs-json"]),
  /** Port name the middleware serves metrics on, when it does. */
  metricsPort: z.strictObject({ name: z.string(), port: z.number().int(), path: z.string() }).optional(),
  /** Replacement to migrate to when deprecated or retired. */
  successor: z.string().optional(),
});
export type SocleSpec = z.infer<typeof SocleSpec>;

export const ResourceProfile = z.strictObject({
  cpu: z.strictObject({ request: z.string().regex(CPU_QUANTITY), limit: z.string().regex(CPU_QUANTITY) }),
  memory: z.strictObject({ request: z.string().regex(MEMORY_QUANTITY), limit: z.string().regex(MEMORY_QUANTITY) }),
});
export type ResourceProfile = z.infer<typeof ResourceProfile>;

/**
 * The platform catalog: base images, socles, resource profiles, probe defaults per socle kind, and the
 * shared services apps may call (`egress: [{ service }]`).
 */
export const CatalogSpec = z.strictObject({
  /** Registry the platform publishes socles to. */
  registry: z.string(),
  baseImages: z.record(z.string(), BaseImageSpec),
  socles: z.record(z.string(), SocleSpec),
  profiles: z.strictObject({ S: ResourceProfile, M: ResourceProfile, L: ResourceProfile, XL: ResourceProfile }),
  probeDefaults: z.strictObject({ jvm: ProbeDefaults, node: ProbeDefaults, python: ProbeDefaults, static: ProbeDefaults }),
  /** Shared services by name (DNS label). @default - none: apps may only call CIDRs they declare */
  services: z.record(z.string(), SharedServiceSpec).optional(),
});
export type CatalogSpec = z.infer<typeof CatalogSpec>;
export type SocleKind = SocleSpec["kind"];
