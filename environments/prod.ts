import { EnvironmentSpec } from "../constructs/model";

/**
 * Prod: by digest verified in RE7, HPA floor 2, supported socles only, pipeline deployer only.
 */
export const prod: EnvironmentSpec = EnvironmentSpec.parse({
  name: "prod",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-prod" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.beluga.internal", flavor: "openshift-route" },
  replicas: { min: 2, max: 20, hpaMinFloor: 2 },
  resourceScale: 1,
  digestRequired: true,
  allowedSocleStates: ["supported"],
  teamWrite: false,
  quota: { cpu: "48", memory: "96Gi", pods: 120 },
  policyEnforcement: "mandatory",
});
