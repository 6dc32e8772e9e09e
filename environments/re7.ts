import { EnvironmentSpec } from "../constructs/model";

/**
 * RE7: pre-production acceptance, sized like Prod; deployed only by the pipeline's deployer account.
 */
export const re7: EnvironmentSpec = EnvironmentSpec.parse({
  name: "re7",
  namespacePattern: "{app}-{env}",
  cluster: { context: "beluga-re7" },
  registry: "registry.beluga.internal/release",
  routes: { domain: "apps.re7.beluga.internal", flavor: "openshift-route" },
  replicas: { min: 2, max: 10, hpaMinFloor: 2 },
  resourceScale: 1,
  digestRequired: true,
  allowedSocleStates: ["supported", "deprecated"],
  teamWrite: false,
  quota: { cpu: "24", memory: "48Gi", pods: 80 },
  policyEnforcement: "mandatory",
});
