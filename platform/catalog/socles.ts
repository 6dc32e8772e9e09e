import type { CatalogSpec } from "../../constructs/model";

/**
 * Socle images: a RedHat base + middleware + the company layer (CA certificates, non-root user
 * 1001, JSON log format, the `beluga-health` probe command). App images are built FROM a socle.
 *
 * Lifecycle: `supported` deploys everywhere, `deprecated` still deploys but is reported with its
 * successor, `retired` is refused by every environment.
 */
export const socles: CatalogSpec["socles"] = {
  "java21-spring": {
    base: "ubi9-openjdk-21-runtime",
    kind: "jvm",
    version: "3.2.0",
    digest: "sha256:4e375f4610feb9016d430ac98ea046e44a7fcfb764cc461345c8d186c94333ae",
    lifecycle: "supported",
    middleware: ["spring-boot-3.4", "opentelemetry-javaagent-2.10"],
    user: 1001,
    logFormat: "ecs-json",
    metricsPort: { name: "management", port: 9090, path: "/actuator/prometheus" },
  },
  "java17-spring": {
    base: "ubi9-openjdk-17-runtime",
    kind: "jvm",
    version: "2.8.1",
    digest: "sha256:e01a0b5b1e4baaf1ff8c166acf5dfec17c779441079974da73ca04387bdc832e",
    lifecycle: "deprecated",
    successor: "java21-spring",
    middleware: ["spring-boot-3.2", "opentelemetry-javaagent-2.4"],
    user: 1001,
    logFormat: "ecs-json",
    metricsPort: { name: "management", port: 9090, path: "/actuator/prometheus" },
  },
  "java11-tomcat": {
    base: "ubi8-openjdk-11-runtime",
    kind: "jvm",
    version: "1.9.4",
    digest: "sha256:09c90e7325a393a862ba705faf76a68922f1d9696df70cb51da02ed8f718b9bc",
    lifecycle: "retired",
    successor: "java21-spring",
    middleware: ["tomcat-9"],
    user: 1001,
    logFormat: "json",
  },
  node22: {
    base: "ubi9-nodejs-22-minimal",
    kind: "node",
    version: "1.4.0",
    digest: "sha256:b1688bed89a2e1de00451267fafef64cbe8290e5121de1a687984ec44c9cbf63",
    lifecycle: "supported",
    middleware: ["pino-9", "opentelemetry-node-0.57"],
    user: 1001,
    logFormat: "json",
    metricsPort: { name: "metrics", port: 9464, path: "/metrics" },
  },
  "nginx-static": {
    base: "ubi9-minimal",
    kind: "static",
    version: "1.26.3",
    digest: "sha256:f6def34bc0714fb956a63070b7f12c4f29deb095b5741034be560170fa2bd38b",
    lifecycle: "supported",
    middleware: ["nginx-1.26"],
    user: 1001,
    logFormat: "json",
  },
  python312: {
    base: "ubi9-python-312",
    kind: "python",
    version: "1.1.0",
    digest: "sha256:48c5dbb3afde93f356828050b69d9590ac0ff2599305dbd1162e71e138f1d4cb",
    lifecycle: "supported",
    middleware: ["gunicorn-23", "opentelemetry-python-1.29"],
    user: 1001,
    logFormat: "json",
  },
};
