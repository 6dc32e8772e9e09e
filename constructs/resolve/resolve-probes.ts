import type { CatalogSpec, ComponentSpec, ProbeSpec, SocleKind } from "../model";
import type { ResolvedProbe } from "./resolved-app";

/** Health command the company layer of every socle installs, used to probe components without ports. */
export const HEALTH_COMMAND = "/usr/local/bin/beluga-health";

/**
 * gRPC health service the company layer of every socle registers for liveness (the standard
 * `grpc.health.v1` service answers it SERVING while the process is alive). Readiness asks the
 * server's overall status (service `""`), which the app sets NOT_SERVING while a dependency is down:
 * the two probes check different things, as on HTTP.
 * @see https://github.com/grpc/grpc/blob/master/doc/health-checking.md
 */
export const GRPC_LIVENESS_SERVICE = "liveness";

type Ports = ReadonlyArray<{ name: string; port: number; protocol: string }>;

/** Ports of a component that declares none: one HTTP port, 8080. A worker declares `ports: []`. */
export const DEFAULT_PORTS = [{ name: "http", port: 8080, protocol: "http" as const }];

/**
 * The port a probe of a type targets when it names none: an HTTP probe the first HTTP port, a gRPC
 * probe the first gRPC port, a TCP probe the first port (HTTP first); otherwise the first port.
 */
export function defaultProbePort(type: "http" | "tcp" | "grpc", ports: Ports): Ports[number] | undefined {
  const first = (protocol: string) => ports.find((p) => p.protocol === protocol);
  if (type === "grpc") return first("grpc") ?? ports[0];
  return first("http") ?? ports[0];
}

/**
 * Probes with every timing resolved. Defaults come from the socle kind and follow the port protocol:
 * with an HTTP port, readiness on the middleware's readiness path and liveness on a distinct liveness
 * path (a failing dependency must not restart pods); with a gRPC port and no HTTP one, native gRPC
 * probes (readiness on the server's status, liveness on `GRPC_LIVENESS_SERVICE`); with only TCP ports,
 * readiness opens the port and liveness runs the socle's health command; without ports, the health
 * command for both. The startup probe checks what liveness checks, with the socle's startup budget,
 * so slow starters (JVM) get their time without loosening liveness.
 */
export function resolveProbes(catalog: CatalogSpec, kind: SocleKind, spec: ComponentSpec["probes"], ports: Ports) {
  const d = catalog.probeDefaults[kind];
  const main = defaultProbePort("http", ports);
  const timings = {
    initialDelaySeconds: d.initialDelaySeconds,
    periodSeconds: d.periodSeconds,
    timeoutSeconds: d.timeoutSeconds,
    failureThreshold: d.failureThreshold,
    successThreshold: 1,
  };
  const exec = (mode: string): ResolvedProbe => ({ type: "exec", command: [HEALTH_COMMAND, mode], ...timings });
  const byDefault = (mode: "ready" | "live"): ResolvedProbe => {
    if (!main) return exec(mode);
    const at = { port: main.name, portNumber: main.port, ...timings };
    switch (main.protocol) {
      case "http":
        return { type: "http", path: mode === "ready" ? d.readinessPath : d.livenessPath, ...at };
      case "grpc":
        return mode === "ready" ? { type: "grpc", ...at } : { type: "grpc", service: GRPC_LIVENESS_SERVICE, ...at };
      default:
        return mode === "ready" ? { type: "tcp", ...at } : exec(mode);
    }
  };
  const fill = (probe: ProbeSpec, fallback: ResolvedProbe): ResolvedProbe => {
    const port = probe.type === "exec" ? undefined : (probe.port ?? defaultProbePort(probe.type, ports)?.name);
    return {
      ...fallback,
      type: probe.type,
      path: probe.type === "http" ? probe.path : undefined,
      port,
      portNumber: port ? ports.find((p) => p.name === port)?.port : undefined,
      service: probe.type === "grpc" ? probe.service : undefined,
      command: probe.type === "exec" ? probe.command : undefined,
      initialDelaySeconds: probe.initialDelaySeconds ?? fallback.initialDelaySeconds,
      periodSeconds: probe.periodSeconds ?? fallback.periodSeconds,
      timeoutSeconds: probe.timeoutSeconds ?? fallback.timeoutSeconds,
      failureThreshold: probe.failureThreshold ?? fallback.failureThreshold,
    };
  };
  const readinessDefault = byDefault("ready");
  const livenessDefault = byDefault("live");
  const startupDefault = { ...livenessDefault, initialDelaySeconds: 0, failureThreshold: d.startupFailureThreshold };
  return {
    readiness: spec?.readiness ? fill(spec.readiness, readinessDefault) : readinessDefault,
    liveness: spec?.liveness ? fill(spec.liveness, livenessDefault) : livenessDefault,
    startup: spec?.startup ? fill(spec.startup, startupDefault) : startupDefault,
  };
}
