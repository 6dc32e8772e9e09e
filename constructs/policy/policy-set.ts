import type { Policies } from "@pulumi/policy";
import type { PolicyContext } from "./policy-context";
import { type ObjectRule, resourcePolicy, type StackRule, stackPolicy } from "./policy-rule";
import { containerResources } from "./policies/container-resources";
import { defaultDenyNetworkPolicy } from "./policies/default-deny-network-policy";
import { hpaMinimum } from "./policies/hpa-minimum";
import { hpaOwnsReplicas } from "./policies/hpa-owns-replicas";
import { imageLineage } from "./policies/image-lineage";
import { imageNoLatest } from "./policies/image-no-latest";
import { imageRegistryDigest } from "./policies/image-registry-digest";
import { livenessDistinct } from "./policies/liveness-distinct";
import { noLiteralSecrets } from "./policies/no-literal-secrets";
import { pdbBelowHpaMinimum } from "./policies/pdb-below-hpa-minimum";
import { quotaFitsMinimum } from "./policies/quota-fits-minimum";
import { readinessProbe } from "./policies/readiness-probe";
import { restrictedPodSecurity } from "./policies/restricted-pod-security";
import { rollingUpdate } from "./policies/rolling-update";
import { routeTls } from "./policies/route-tls";
import { stackEnvironment } from "./policies/stack-environment";
import { zeroDowntime } from "./policies/zero-downtime";

/** Rules judging one object at a time, in the order the CLI lists them. */
export const OBJECT_RULES: readonly ObjectRule[] = [
  imageRegistryDigest,
  imageNoLatest,
  imageLineage,
  containerResources,
  restrictedPodSecurity,
  readinessProbe,
  livenessDistinct,
  rollingUpdate,
  hpaMinimum,
  routeTls,
  noLiteralSecrets,
];

/** Rules judging the objects of a stack together. */
export const STACK_RULES: readonly StackRule[] = [
  hpaOwnsReplicas,
  pdbBelowHpaMinimum,
  defaultDenyNetworkPolicy,
  zeroDowntime,
  quotaFitsMinimum,
  stackEnvironment,
];

/**
 * The Beluga policy pack's policies for one stack's context, at the environment's enforcement level
 * (advisory in Dev, mandatory in Int, RE7 and Prod; a rule no deploy can survive is mandatory everywhere).
 */
export function belugaPolicies(ctx: PolicyContext): Policies {
  return [...OBJECT_RULES.map((r) => resourcePolicy(r, ctx)), ...STACK_RULES.map((r) => stackPolicy(r, ctx))];
}
