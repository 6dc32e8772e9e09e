import { showCpu, showMemory } from "../kube-quantity";
import type { StackRule } from "../policy-rule";
import { contractsOfStack } from "./zero-downtime";

/**
 * The app's pods at their minimum (every component at its HPA minimum, no rollout running) fit the
 * namespace quota. Mandatory in every environment, Dev included: pods beyond the quota are never
 * created, so the deploy can only wait for its progress deadline and fail ten minutes later, while
 * the zero-downtime contract (maximum scale plus surge) stays advisory in Dev.
 */
export const quotaFitsMinimum: StackRule = {
  name: "beluga-quota-fits-minimum",
  description:
    "An app's pods at their minimum scale fit its namespace quota (mandatory in every environment: pods beyond the quota are never created and the deploy would fail at its deadline).",
  alwaysMandatory: true,
  check(objects, ctx) {
    return contractsOfStack(objects, ctx)
      .filter(({ report }) => report.minimumShortfalls.length > 0)
      .map(({ namespace, members, report }) => {
        const n = report.needAtMinimum;
        return {
          object: members.find((o) => o.kind === "ResourceQuota") ?? members.find((o) => o.kind === "Deployment"),
          message: `Namespace ${namespace} cannot hold its app even at minimum scale (${n.pods} pods requesting ${showCpu(n.requestsCpu)} CPU and ${showMemory(n.requestsMemory)}): ${report.minimumShortfalls.join(", ")}. Those pods would never start and the deploy would fail at its progress deadline; lower the replicas or the resource profiles in the app declaration, or ask the platform team for a larger quota in ${ctx.env.displayName}.`,
        };
      });
  },
};
