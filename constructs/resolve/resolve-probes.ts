import type { CatalogSpec, ComponentSpec, ProbeSpec, SocleKind } from "../model";
import type { ResolvedProbe } from "./resolved-app";

/** Health command the company layer of every socle installs, used to probe components without ports. */
export const HEALTH_COMMAND = "/usr/local/bin/beluga-health";

type Ports = ReadonlyArray<{ name: string; port: number; protocol: string }>;

/**
 * Probes with every timing resolved. Defaults come from the socle kind: readiness on the middleware's
 * readiness path, liveness on a distinct liveness path (a failing dependency must not restart pods),
 * and a startup probe that gives slow starters (JVM) their budget without loosening liveness.
 */
export function resolveProbes(catalog: CatalogSpec, kind: SocleKind, spec: ComponentSpec["probes"], ports: Ports) {
  const d = catalog.probeDefaults[kind];
  const http = ports.find((p) => p.protocol === "http") ?? ports[0];
  const timings = {
    initialDelaySeconds: d.initialDelaySeconds,
    periodSeconds: d.periodSeconds,
    timeoutSeconds: d.timeoutSeconds,
    failureThreshold: d.failureThreshold,
    successThreshold: 1,
  };
  const byDefault = (path: string, mode: string): ResolvedProbe =>
    http
      ? { type: "http", path, port: http.name, portNumber: http.port, ...timings }
      : { type: "exec", command: [HEALTH_COMMAND, mode], ...timings };
  const fill = (probe: ProbeSpec, fallback: ResolvedProbe): ResolvedProbe => {
    const port = probe.type === "exec" ? undefined : (probe.port ?? http?.name);
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
  const readinessDefault = byDefault(d.readinessPath, "ready");
  const livenessDefault = byDefault(d.livenessPath, "live");
  const startupDefault = { ...livenessDefault, initialDelaySeconds: 0, failureThreshold: d.startupFailureThreshold };
  return {
    readiness: spec?.readiness ? fill(spec.readiness, readinessDefault) : readinessDefault,
    liveness: spec?.liveness ? fill(spec.liveness, livenessDefault) : livenessDefault,
    startup: spec?.startup ? fill(spec.startup, startupDefault) : startupDefault,
  };
}
