import { defineApp } from "../../constructs/model";

/** Contract back-office: released to Prod only in the April and October windows. */
export const gestionContrats = defineApp({
  name: "gestion-contrats",
  team: "backoffice",
  criticality: "standard",
  release: {
    policy: "release-train",
    windows: [
      { from: "04-01", to: "04-30" },
      { from: "10-01", to: "10-31" },
    ],
  },
  components: {
    app: {
      image: {
        socle: "python312",
        artifact: "gestion-contrats",
        version: "26.4.0",
        digest: "sha256:68a5ace49c5df2425a059f5fdb6d7338313ac89f75603c9b5a35af81434467f5",
      },
      ports: [{ name: "http", port: 8000 }],
      routes: [{ host: "gestion-contrats" }],
    },
  },
  batches: {
    archive: {
      image: {
        socle: "python312",
        artifact: "gestion-contrats",
        version: "26.4.0",
        digest: "sha256:68a5ace49c5df2425a059f5fdb6d7338313ac89f75603c9b5a35af81434467f5",
      },
      schedule: "0 4 1 * *",
      command: ["python", "-m", "contrats.archive"],
    },
  },
});
