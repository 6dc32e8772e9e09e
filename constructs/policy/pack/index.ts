import { PolicyPack } from "@pulumi/policy";
import { belugaPolicies, policyContextFromProcess } from "..";

/**
 * The Beluga guardrails pack. The environment comes from the stack the CLI runs it for (its name, or
 * `beluga:environment`), which sets the rules (registry, digests, socle states, replica floors,
 * quota) and the enforcement level: advisory in Dev, mandatory in Int, RE7 and Prod.
 */
new PolicyPack("beluga-guardrails", { policies: belugaPolicies(policyContextFromProcess()) });
