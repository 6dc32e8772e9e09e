import type { EnvironmentDeclaration } from "../constructs/model";
import { platformIdentities } from "./platform-identities";

/**
 * Prod: by digest verified in RE7, HPA floor 2, pods spread over nodes and zones, supported socles only, pipeline deployer only.
 */
export const prod: EnvironmentDeclaration = {
  name: "prod",
  displayName: "Prod",
  promotesFrom: "re7",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-prod" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.beluga.internal", flavor: "openshift-route", hostStyle: "bare" },
  replicas: { min: 2, max: 20, hpaMinFloor: 2, aboveMax: "refuse" },
  resourceScale: 1,
  digestRequired: true,
  allowedSocleStates: ["supported"],
  teamWrite: false,
  // Holds the largest system of the estate (26 workloads, up to 146 CPU limits and 134 pods here).
  quota: { maxPerApp: { cpu: "160", memory: "80Gi", pods: 150 } },
  releaseWindows: true,
  // Required: a node (or zone) lost never takes more than one pod of a component at its minimum
  // while the minimum is at most the node count; preferred would let the scheduler stack pods.
  placement: { spread: "required", zones: true, nodes: 6 },
  platformIdentities,
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
