import type { EnvironmentDeclaration } from "../constructs/model";

/**
 * Prod: by digest verified in RE7, HPA floor 2, supported socles only, pipeline deployer only.
 */
export const prod: EnvironmentDeclaration = {
  name: "prod",
  displayName: "Prod",
  promotesFrom: "re7",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-prod" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.beluga.internal", flavor: "openshift-route", hostStyle: "bare" },
  replicas: { min: 2, max: 20, hpaMinFloor: 2 },
  resourceScale: 1,
  digestRequired: true,
  allowedSocleStates: ["supported"],
  teamWrite: false,
  quota: { cpu: "48", memory: "96Gi", pods: 120 },
  releaseWindows: true,
  pipeline: {
    deploymentTier: "production",
    deploy: "manual",
    releaseRecord: true,
    honoursFreeze: true,
    mergeRequestPreview: true,
    protection: { deployAccessLevel: "maintainer", requiredApprovals: 2 },
  },
  policyEnforcement: "mandatory",
  alerting: { severity: { critical: "critical", standard: "warning" } },
};
