import type { CatalogSpec, ComponentSpec } from "../model";
import { probeHandlerKey, renderedHandler } from "./probe-handler";
import { DEFAULT_PORTS, GRPC_LIVENESS_SERVICE, HEALTH_COMMAND, resolveProbes } from "./resolve-probes";
import type { ResolvedProbe } from "./resolved-app";

type Report = (path: string, message: string, fix: string) => void;

const PROTOCOL: Readonly<Record<string, string>> = { http: "an HTTP", grpc: "a gRPC" };

/**
 * Longest time a pod may take to start (startup probe period × failure threshold, after its initial
 * delay). The Deployment's progress deadline, and so how long a deploy waits for a release whose
 * pods never start, follows this budget.
 */
export const MAX_STARTUP_SECONDS = 600;

/**
 * Checks a component's probes as they will run (defaults applied): each probe speaks its port's
 * protocol, the startup budget stays within `MAX_STARTUP_SECONDS`, and in a critical app liveness
 * checks something other than readiness (the rule of the policy pack's `beluga-liveness-distinct`,
 * through the same `probeHandlerKey`). Assumes ports and probe port names were checked.
 */
export function checkProbes(path: string, c: ComponentSpec, critical: boolean, catalog: CatalogSpec, report: Report): void {
  const socle = catalog.socles[c.image.socle];
  if (!socle) return;
  const ports = (c.ports ?? DEFAULT_PORTS).map((p) => ({ ...p, protocol: p.protocol ?? "http" }));
  const probes = resolveProbes(catalog, socle.kind, c.probes, ports);

  for (const kind of ["readiness", "liveness", "startup"] as const) {
    const declared = c.probes?.[kind];
    const resolved = probes[kind];
    const port = ports.find((p) => p.name === resolved.port);
    // A `tcp` port may carry anything; only HTTP and gRPC ports say what their probes must speak.
    if (!declared || !port || declared.type === "exec" || declared.type === "tcp" || port.protocol === "tcp") continue;
    if (declared.type === port.protocol) continue;
    report(
      `${path}.probes.${kind}`,
      `is ${PROTOCOL[declared.type]} probe on port ${port.name}, which speaks ${port.protocol}: the kubelet's check would fail and ${kind === "readiness" ? "the pods never become ready" : "the pods restart in a loop"}`,
      `use ${PROTOCOL[port.protocol]} probe on ${port.name}, or point the probe at a ${declared.type} port`,
    );
  }

  const startup = probes.startup;
  const budget = startup.initialDelaySeconds + startup.periodSeconds * startup.failureThreshold;
  if (budget > MAX_STARTUP_SECONDS) {
    report(
      `${path}.probes.startup`,
      `gives a pod ${budget} s (${humanDuration(budget)}) to start (initialDelaySeconds ${startup.initialDelaySeconds} + periodSeconds ${startup.periodSeconds} × failureThreshold ${startup.failureThreshold}); the Deployment's progress deadline follows it, so a release whose pods never start would hold the deploy that long before failing`,
      `keep the budget at most ${MAX_STARTUP_SECONDS} s, e.g. periodSeconds ${Math.min(startup.periodSeconds, 10)} and failureThreshold ${Math.floor(MAX_STARTUP_SECONDS / Math.min(startup.periodSeconds, 10))}`,
    );
  }

  if (!critical) return;
  const same = (a: ResolvedProbe, b: ResolvedProbe) => probeHandlerKey(renderedHandler(a)) === probeHandlerKey(renderedHandler(b));
  if (!same(probes.liveness, probes.readiness)) return;
  const byDefault = resolveProbes(catalog, socle.kind, { ...c.probes, liveness: undefined }, ports).liveness;
  const removable = c.probes?.liveness !== undefined && !same(byDefault, probes.readiness);
  report(
    `${path}.probes.${c.probes?.liveness ? "liveness" : "readiness"}`,
    `${c.probes?.liveness ? "checks what the readiness probe checks" : "checks what the default liveness probe checks"} (${describeProbe(probes.liveness)}); in a critical app a slow dependency would then restart every pod`,
    `point liveness at a distinct check (${distinctCheck(probes.liveness, catalog.probeDefaults[socle.kind].livenessPath)})${removable ? ` or remove it to keep the default (${describeProbe(byDefault)})` : ""}`,
  );
}

function describeProbe(p: ResolvedProbe): string {
  switch (p.type) {
    case "http":
      return `HTTP GET ${p.path} on port ${p.port}`;
    case "grpc":
      return `gRPC health service ${JSON.stringify(p.service ?? "")} on port ${p.port}`;
    case "tcp":
      return `TCP connect on port ${p.port}`;
    case "exec":
      return `exec [${(p.command ?? []).map((c) => JSON.stringify(c)).join(", ")}]`;
  }
}

function distinctCheck(p: ResolvedProbe, livenessPath: string): string {
  switch (p.type) {
    case "http":
      return `the socle's liveness path is ${livenessPath}`;
    case "grpc":
      return `the socle registers the gRPC health service "${GRPC_LIVENESS_SERVICE}"`;
    case "tcp":
      return `e.g. exec ["${HEALTH_COMMAND}", "live"]`;
    case "exec":
      return `the socle's is exec ["${HEALTH_COMMAND}", "live"]`;
  }
}

function humanDuration(seconds: number): string {
  if (seconds >= 86400) return `${Math.round((seconds / 86400) * 10) / 10} days`;
  if (seconds >= 3600) return `${Math.round((seconds / 3600) * 10) / 10} hours`;
  return `${Math.round((seconds / 60) * 10) / 10} minutes`;
}
