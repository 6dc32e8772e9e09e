import { PolicyPack } from "@pulumi/policy";
import { belugaPolicies, policyContextOfStack } from "../../constructs/policy";
import { instance } from "../company-instance";

/**
 * The Beluga guardrails pack of this instance. The environment comes from the stack the CLI runs it
 * for (its name, or `beluga:environment`, passed by the CLI in PULUMI_STACK and PULUMI_CONFIG), which
 * sets the rules (registry, digests, socle states, replica floors, quota) and the enforcement level.
 */
new PolicyPack("beluga-guardrails", {
  policies: belugaPolicies(
    policyContextOfStack(instance, {
      stack: process.env.PULUMI_STACK ?? process.env.PULUMI_NODEJS_STACK,
      configJson: process.env.PULUMI_CONFIG,
    }),
  ),
});
