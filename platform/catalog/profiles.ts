import type { CatalogSpec } from "../../constructs/model";

/**
 * Resource profiles. Memory request = limit (memory is not compressible: a pod above its request is
 * the first evicted); CPU limit above request lets pods absorb start-up and bursts.
 */
export const profiles: CatalogSpec["profiles"] = {
  S: { cpu: { request: "100m", limit: "500m" }, memory: { request: "256Mi", limit: "256Mi" } },
  M: { cpu: { request: "250m", limit: "1" }, memory: { request: "512Mi", limit: "512Mi" } },
  L: { cpu: { request: "500m", limit: "2" }, memory: { request: "1Gi", limit: "1Gi" } },
  XL: { cpu: { request: "1", limit: "4" }, memory: { request: "2Gi", limit: "2Gi" } },
};

/**
 * Probe defaults per socle kind. A JVM gets a startup budget of 5 × 24 = 120 s before liveness
 * applies; liveness and readiness use distinct endpoints so a slow dependency removes a pod from
 * the load balancer without restarting it.
 */
export const probeDefaults: CatalogSpec["probeDefaults"] = {
  jvm: {
    initialDelaySeconds: 0,
    periodSeconds: 5,
    timeoutSeconds: 2,
    failureThreshold: 3,
    startupFailureThreshold: 24,
    readinessPath: "/actuator/health/readiness",
    livenessPath: "/actuator/health/liveness",
  },
  node: {
    initialDelaySeconds: 0,
    periodSeconds: 5,
    timeoutSeconds: 1,
    failureThreshold: 3,
    startupFailureThreshold: 12,
    readinessPath: "/health/ready",
    livenessPath: "/health/live",
  },
  python: {
    initialDelaySeconds: 0,
    periodSeconds: 5,
    timeoutSeconds: 2,
    failureThreshold: 3,
    startupFailureThreshold: 12,
    readinessPath: "/health/ready",
    livenessPath: "/health/live",
  },
  static: {
    initialDelaySeconds: 0,
    periodSeconds: 5,
    timeoutSeconds: 1,
    failureThreshold: 3,
    startupFailureThreshold: 6,
    readinessPath: "/ready",
    livenessPath: "/live",
  },
};
