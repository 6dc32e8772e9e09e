import { defineApp } from "../../constructs/model";

/** Claims: the claims API and a nightly batch that settles the day's claims. */
export const sinistre = defineApp({
  name: "sinistre",
  team: "claims",
  criticality: "critical",
  release: { policy: "continuous" },
  components: {
    api: {
      image: {
        socle: "java21-spring",
        artifact: "sinistre-api",
        version: "2.3.1",
        digest: "sha256:52d0fbf739111f6834cf16d42a64876d6b8c7cfeafea221046817ddfe9efec5c",
      },
      ports: [
        { name: "http", port: 8080 },
        { name: "management", port: 9090 },
      ],
      scaling: { min: 2, max: 8 },
      routes: [{ host: "sinistre-api", path: "/api" }],
      env: { DB_PASSWORD: { secret: { name: "sinistre-db", key: "password" } } },
      egress: [{ service: "sinistre-db" }],
      configFiles: { logging: { mountPath: "/config", files: { "logback.xml": '<configuration><root level="INFO"/></configuration>' } } },
    },
  },
  batches: {
    settlement: {
      image: {
        socle: "java21-spring",
        artifact: "sinistre-batch",
        version: "2.3.1",
        digest: "sha256:3df2b2302ead34e853cb920def026c34740c13b5b7a4831ab35364d088f7f2ae",
      },
      schedule: "30 2 * * *",
      activeDeadlineSeconds: 7200,
      egress: [{ service: "sinistre-db" }],
    },
  },
  environments: { dev: { batches: { settlement: { suspend: true } } } },
});
