import type { EnvironmentDeclaration } from "../constructs/model";
import { platformIdentities } from "./platform-identities";

/**
 * Int: integration; teams still deploy themselves, but by digest (the image built in Dev).
 */
export const int: EnvironmentDeclaration = {
  name: "int",
  displayName: "Int",
  promotesFrom: "dev",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-int" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.int.beluga.internal", flavor: "ingress", ingressClassName: "openshift-default", hostStyle: "suffixed" },
  replicas: { min: 1, max: 4, hpaMinFloor: 1 },
  resourceScale: 0.5,
  digestRequired: true,
  allowedSocleStates: ["supported", "deprecated"],
  teamWrite: true,
  // Holds the largest system of the estate (26 workloads, up to 62 CPU limits and 107 pods here).
  quota: { maxPerApp: { cpu: "72", memory: "36Gi", pods: 120 } },
  releaseWindows: false,
  placement: { spread: "none" },
  platformIdentities,
  pipeline: {
    deploymentTier: "testing",
    deploy: "automatic",
    releaseRecord: false,
    honoursFreeze: false,
    mergeRequestPreview: true,
  },
  policyEnforcement: "mandatory",
};
