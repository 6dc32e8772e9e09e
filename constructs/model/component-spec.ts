import { z } from "zod";
import { ImageSpec } from "./image-spec";
import { CPU_QUANTITY, MEMORY_QUANTITY } from "./quantities";
import { DNS_LABEL } from "./naming";
import { EgressSpec } from "./egress-spec";
import { ComponentPlacement } from "./placement-spec";

const seconds = z.number().int().min(0).max(3600);
const positiveSeconds = z.number().int().min(1).max(3600);

/** Probe timings; every field defaults per socle kind (see the catalog). */
const ProbeTimings = {
  initialDelaySeconds: seconds.optional(),
  periodSeconds: positiveSeconds.optional(),
  timeoutSeconds: positiveSeconds.optional(),
  failureThreshold: z.number().int().min(1).max(120).optional(),
};

/**
 * A readiness, liveness or startup probe. `port` names one of the component's declared ports.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export const ProbeSpec = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("http"), path: z.string().startsWith("/"), port: z.string().optional(), ...ProbeTimings }),
  z.strictObject({ type: z.literal("tcp"), port: z.string().optional(), ...ProbeTimings }),
  z.strictObject({ type: z.literal("grpc"), port: z.string().optional(), service: z.string().optional(), ...ProbeTimings }),
  z.strictObject({ type: z.literal("exec"), command: z.array(z.string()).min(1), ...ProbeTimings }),
]);
export type ProbeSpec = z.infer<typeof ProbeSpec>;

export const PortSpec = z.strictObject({
  /** Port name, referenced by probes and routes (DNS label, ≤ 15 characters). */
  name: z.string().max(15).regex(DNS_LABEL),
  port: z.number().int().min(1024).max(65535),
  /** @default "http" */
  protocol: z.enum(["http", "grpc", "tcp"]).optional(),
});
export type PortSpec = z.infer<typeof PortSpec>;

/**
 * Horizontal autoscaling (`min`/`max`: the HPA owns the replica count), or a fixed `replicas` count for
 * components that must not scale (e.g. a singleton consumer). One or the other, checked in resolve so
 * the message can say so.
 */
export const ScalingSpec = z.strictObject({
  min: z.number().int().min(1).max(100).optional(),
  max: z.number().int().min(1).max(200).optional(),
  /**
   * Average CPU utilisation target in percent of requests.
   * @default 70, unless only `memoryTarget` is declared (memory-only scaling: no CPU metric)
   */
  cpuTarget: z.number().int().min(10).max(100).optional(),
  /**
   * Average memory utilisation target in percent of requests. Declared alone, the HPA scales on
   * memory only (a cache or a JVM whose CPU says nothing about load); with `cpuTarget`, on both.
   * @default - no memory metric
   */
  memoryTarget: z.number().int().min(10).max(100).optional(),
  /** Scale-down stabilisation window. @default 300 */
  scaleDownStabilizationSeconds: z.number().int().min(0).max(3600).optional(),
  /** Fixed replica count: no HPA. */
  replicas: z.number().int().min(1).max(50).optional(),
});
export type ScalingSpec = z.infer<typeof ScalingSpec>;

const CpuPair = z.strictObject({ request: z.string().regex(CPU_QUANTITY), limit: z.string().regex(CPU_QUANTITY) });
const MemoryPair = z.strictObject({ request: z.string().regex(MEMORY_QUANTITY), limit: z.string().regex(MEMORY_QUANTITY) });

/** A resource profile of the catalog, optionally overridden per resource. @default profile "M" */
export const ResourcesSpec = z.strictObject({
  profile: z.enum(["S", "M", "L", "XL"]).optional(),
  cpu: CpuPair.partial().optional(),
  memory: MemoryPair.partial().optional(),
});
export type ResourcesSpec = z.infer<typeof ResourcesSpec>;

/**
 * An environment variable: a plain (non-secret) value, an entry of the component's config, or a
 * *reference* to a secret. Secret values never appear in declarations.
 */
export const EnvValueSpec = z.union([
  z.string(),
  z.strictObject({ config: z.string() }),
  z.strictObject({ secret: z.strictObject({ name: z.string().regex(DNS_LABEL), key: z.string().min(1) }) }),
  z.strictObject({ pulumiSecret: z.string().min(1) }),
]);
export type EnvValueSpec = z.infer<typeof EnvValueSpec>;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Files mounted read-only from a ConfigMap; a change rolls the pods (content hash annotation). */
export const ConfigFilesSpec = z.strictObject({
  mountPath: z.string().startsWith("/"),
  files: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), z.string()),
});

/** An HTTP route exposed through the environment's router (OpenShift Route or Ingress). */
export const RouteSpec = z.strictObject({
  /** Host prefix under the environment's route domain. @default "<app>-<component>" */
  host: z.string().optional(),
  /** @default "/" */
  path: z.string().startsWith("/").optional(),
  /** Port name to route to. @default the first http port */
  port: z.string().optional(),
  /** TLS termination. @default "edge" */
  tls: z.enum(["edge", "reencrypt", "passthrough"]).optional(),
});
export type RouteSpec = z.infer<typeof RouteSpec>;

/** Graceful shutdown: the preStop drain lets the router stop sending traffic before SIGTERM. */
export const ShutdownSpec = z.strictObject({
  /** @default 10 */
  drainSeconds: z.number().int().min(0).max(300).optional(),
  /** @default drainSeconds + 20 */
  gracePeriodSeconds: z.number().int().min(1).max(600).optional(),
});

export const ObservabilitySpec = z.strictObject({
  /** Port name exposing Prometheus metrics. @default the socle's metrics port when declared */
  metricsPort: z.string().optional(),
  /** @default "/metrics" */
  metricsPath: z.string().startsWith("/").optional(),
  /** @default "<app>-<component>" */
  traceServiceName: z.string().optional(),
});

/**
 * How a `dependsOn` entry is written:
 * - `<component>`: a component of the same app, on every port but its metrics port;
 * - `<component>:<port>`: a component of the same app, on the named port only;
 * - `<app>/<component>:<port>`: another app's component, on the named port only (required: a
 *   cross-app call never opens the callee's other ports, management included).
 */
export const DEPENDENCY_FORMS = "<component>, <component>:<port> or <app>/<component>:<port>";

/**
 * A long-running component of an app (web front, API, worker): one Deployment with its Service, HPA,
 * PDB, routes, config and NetworkPolicies.
 */
export const ComponentSpec = z.strictObject({
  image: ImageSpec,
  /** @default [{ name: "http", port: 8080 }] unless the component declares none (a worker) */
  ports: z.array(PortSpec).optional(),
  probes: z.strictObject({ readiness: ProbeSpec.optional(), liveness: ProbeSpec.optional(), startup: ProbeSpec.optional() }).optional(),
  /** @default { min: 2, max: 4 } clamped to the environment's replica bounds */
  scaling: ScalingSpec.optional(),
  resources: ResourcesSpec.optional(),
  env: z.record(z.string(), EnvValueSpec).optional(),
  config: z.record(z.string(), z.string()).optional(),
  configFiles: z.record(z.string(), ConfigFilesSpec).optional(),
  routes: z.array(RouteSpec).optional(),
  /** Components this one calls; see DEPENDENCY_FORMS. Each opens this egress and the callee's ingress. */
  dependsOn: z.array(z.string()).optional(),
  /** Calls outside the platform's apps (catalogued shared services, external CIDRs). @default - none */
  egress: z.array(EgressSpec).optional(),
  shutdown: ShutdownSpec.optional(),
  observability: ObservabilitySpec.optional(),
  command: z.array(z.string()).optional(),
  /** Relaxes the environment's required spread, with a reason reviewers see. @default - spread as the environment says */
  placement: ComponentPlacement.optional(),
});
export type ComponentSpec = z.infer<typeof ComponentSpec>;
