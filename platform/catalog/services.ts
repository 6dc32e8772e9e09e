import type { SharedServiceSpec } from "../../constructs/model";

/**
 * Shared services apps may call (`egress: [{ service: "<name>" }]`), owned by the platform team:
 * addresses and ports here are what the apps' NetworkPolicies open. Dev has its own database
 * instances; the other environments share the production-grade network blocks.
 */
export const services: Record<string, SharedServiceSpec> = {
  "souscription-db": {
    kind: "database",
    description: "PostgreSQL of souscription (managed database service)",
    host: "souscription-db.data.beluga.internal",
    cidrs: ["10.40.12.0/28"],
    ports: [{ port: 5432 }],
    environments: { dev: { cidrs: ["10.41.12.0/28"] } },
  },
  "sinistre-db": {
    kind: "database",
    description: "PostgreSQL of sinistre (managed database service)",
    host: "sinistre-db.data.beluga.internal",
    cidrs: ["10.40.13.0/28"],
    ports: [{ port: 5432 }],
    environments: { dev: { cidrs: ["10.41.13.0/28"] } },
  },
  "contracts-mq": {
    kind: "message-broker",
    description: "AMQP broker carrying contract issuance messages",
    host: "mq.data.beluga.internal",
    cidrs: ["10.40.20.0/28"],
    ports: [{ port: 5671 }],
  },
  pricing: {
    kind: "api",
    description: "Pricing engine of the actuarial department (outside the platform)",
    host: "pricing.internal",
    cidrs: ["10.60.4.0/24"],
    ports: [{ port: 80 }],
  },
};
