import { defineApp } from "../../constructs/model";

/** Customer portal: public, high traffic, autoscaling from 2 to 10 pods in Prod. */
export const espaceClient = defineApp({
  name: "espace-client",
  team: "digital",
  criticality: "critical",
  release: { policy: "continuous" },
  components: {
    portal: {
      image: {
        socle: "node22",
        artifact: "espace-client-portal",
        version: "7.4.0",
        digest: "sha256:4875b7f8d8080cca48276bf0f8e2cfc66308bce2ed839a5bc80478426b0ba946",
      },
      ports: [
        { name: "http", port: 3000 },
        { name: "metrics", port: 9464 },
      ],
      scaling: { min: 2, max: 4, cpuTarget: 60 },
      routes: [{ host: "espace-client" }],
      env: { SESSION_SECRET: { pulumiSecret: "sessionSecret" } },
      dependsOn: ["souscription/api:http", "sinistre/api:http"],
    },
  },
  environments: { prod: { components: { portal: { scaling: { min: 2, max: 10, cpuTarget: 60 }, resources: { profile: "L" } } } } },
});
