import type { EnvironmentDeclaration } from "../constructs/model";
import { platformIdentities } from "./platform-identities";

/**
 * Dev: teams deploy themselves, by tag (digests optional), small footprint, policies advisory.
 */
export const dev: EnvironmentDeclaration = {
  name: "dev",
  displayName: "Dev",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-dev" },
  registry: "registry.beluga.internal/dev",
  routes: { domain: "apps.dev.beluga.internal", flavor: "openshift-route", hostStyle: "suffixed" },
  replicas: { min: 1, max: 3, hpaMinFloor: 1 },
  resourceScale: 0.5,
  digestRequired: false,
  allowedSocleStates: ["supported", "deprecated"],
  teamWrite: true,
  // Holds the largest system of the estate (26 workloads, up to 57 CPU limits and 99 pods here).
  quota: { maxPerApp: { cpu: "64", memory: "32Gi", pods: 110 } },
  releaseWindows: false,
  // One pod is accepted here: spreading would buy nothing.
  placement: { spread: "none" },
  platformIdentities,
  pipeline: {
    deploymentTier: "development",
    deploy: "automatic",
    releaseRecord: false,
    honoursFreeze: false,
    mergeRequestPreview: true,
  },
  policyEnforcement: "advisory",
};
