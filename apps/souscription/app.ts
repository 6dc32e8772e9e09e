import { defineApp } from "../../constructs/model";

/** Subscription: a web front, its API and an asynchronous worker that issues contracts. */
export const souscription = defineApp({
  name: "souscription",
  team: "subscription",
  criticality: "critical",
  release: { policy: "continuous" },
  components: {
    web: {
      image: {
        socle: "nginx-static",
        artifact: "souscription-web",
        version: "4.12.0",
        digest: "sha256:dc244448b2d025faf02c779150ea5c5442526a3706e2fcbcdb526c00c172c377",
      },
      routes: [{ host: "souscription" }],
      dependsOn: ["api:http"],
      resources: { profile: "S" },
    },
    api: {
      image: {
        socle: "java21-spring",
        artifact: "souscription-api",
        version: "4.12.0",
        digest: "sha256:8ba25766a7f66fe698800c437f62e6d9c757a663cdfd0ff777d01619beffb8a0",
      },
      ports: [
        { name: "http", port: 8080 },
        { name: "management", port: 9090 },
      ],
      scaling: { min: 2, max: 6 },
      resources: { profile: "L" },
      env: { PRICING_URL: "http://pricing.internal", DB_PASSWORD: { secret: { name: "souscription-db", key: "password" } } },
      dependsOn: ["sinistre/api:http"],
      egress: [{ service: "souscription-db" }, { service: "pricing" }],
    },
    worker: {
      image: {
        socle: "java21-spring",
        artifact: "souscription-worker",
        version: "4.12.0",
        digest: "sha256:814ea9e1de909ba88694abc642007ef3f40c221eb0406d928eb4a7f6305daffa",
      },
      ports: [],
      scaling: { replicas: 2 },
      env: { QUEUE: { config: "queue" } },
      config: { queue: "contracts.to-issue" },
      egress: [{ service: "contracts-mq" }, { service: "souscription-db" }],
    },
  },
});
