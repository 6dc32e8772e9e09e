import type { ResolvedProbe } from "./resolved-app";

/** A probe as Kubernetes writes it (`httpGet`, `tcpSocket`, `grpc` or `exec`), timings ignored. */
export interface ProbeHandlerFields {
  readonly httpGet?: { readonly path?: string; readonly port?: unknown };
  readonly tcpSocket?: { readonly port?: unknown };
  readonly grpc?: { readonly port?: unknown; readonly service?: string };
  readonly exec?: { readonly command?: readonly string[] };
}

/**
 * What a probe checks, without its timings: two probes with the same key test the same thing. Shared
 * by `resolve` (declarations) and the policy pack's `beluga-liveness-distinct` (rendered objects), so
 * both judge the same way.
 */
export function probeHandlerKey(probe: ProbeHandlerFields): string {
  const { httpGet, tcpSocket, grpc, exec } = probe;
  return JSON.stringify({
    httpGet: httpGet && { path: httpGet.path ?? "/", port: httpGet.port },
    tcpSocket: tcpSocket && { port: tcpSocket.port },
    grpc: grpc && { port: grpc.port, service: grpc.service ?? "" },
    exec,
  });
}

/** The handler a resolved probe renders to (the renderer writes port numbers). */
export function renderedHandler(p: ResolvedProbe): ProbeHandlerFields {
  switch (p.type) {
    case "http":
      return { httpGet: { path: p.path, port: p.portNumber } };
    case "tcp":
      return { tcpSocket: { port: p.portNumber } };
    case "grpc":
      return { grpc: { port: p.portNumber, ...(p.service ? { service: p.service } : {}) } };
    case "exec":
      return { exec: { command: p.command } };
  }
}
