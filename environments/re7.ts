import type { EnvironmentDeclaration } from "../constructs/model";
import { platformIdentities } from "./platform-identities";

/**
 * RE7: pre-production acceptance, sized like Prod; deployed only by the pipeline's deployer account.
 */
export const re7: EnvironmentDeclaration = {
  name: "re7",
  displayName: "RE7",
  promotesFrom: "int",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-re7" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.re7.beluga.internal", flavor: "openshift-route", hostStyle: "suffixed" },
  replicas: { min: 2, max: 10, hpaMinFloor: 2 },
  resourceScale: 1,
  digestRequired: true,
  allowedSocleStates: ["supported", "deprecated"],
  teamWrite: false,
  // Holds the largest system of the estate (26 workloads, up to 123 CPU limits and 107 pods here).
  quota: { maxPerApp: { cpu: "136", memory: "68Gi", pods: 120 } },
  releaseWindows: false,
  // As in Prod, so a spread that cannot hold shows here first (RE7 rehearses Prod's scheduling).
  placement: { spread: "required", zones: true, nodes: 6 },
  platformIdentities,
  pipeline: {
    deploymentTier: "staging",
    deploy: "manual",
    releaseRecord: true,
    honoursFreeze: false,
    mergeRequestPreview: true,
  },
  policyEnforcement: "mandatory",
};
