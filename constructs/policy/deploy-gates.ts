import type { ChangeManagement, EnvironmentSpec } from "../model";
import type { EnvironmentSet } from "../instance";
import type { ResolvedApp } from "../resolve";
import type { GateDecision } from "./gate-decision";
import type { KubeObject } from "./kubernetes-object";
import { type NamespaceQuota, quotaOfApp } from "./namespace-quota";
import { checkPromotion, type PromotionLedger } from "./promotion-ledger";
import { checkReleaseWindow } from "./release-window";
import { type ContractReport, checkZeroDowntime, formatContract } from "./zero-downtime-contract";

/** What `deployGates` judges: one resolved app, its rendered objects, and the deploy's circumstances. */
export interface DeployGateInput {
  readonly app: ResolvedApp;
  readonly env: EnvironmentSpec;
  /** Every environment of the instance (the promotion chain). */
  readonly environments: EnvironmentSet;
  /** The objects `renderApp(app, env)` produced. */
  readonly objects: readonly KubeObject[];
  /** When the deploy happens (release windows). */
  readonly now: Date;
  /**
   * What the previous environment runs (`releasePlan`, read from its stack). @default - promotion not
   * checked: the decision says so (a bare `pulumi up` and tests; `beluga deploy` always passes one)
   */
  readonly ledger?: PromotionLedger;
  /** Change id given for this deploy: must be well-formed; opens a closed release window. @default - none */
  readonly emergencyChange?: string;
  /** The instance's change variable and id format (`BelugaInstance.changeManagement`). @default DEFAULT_CHANGE_MANAGEMENT */
  readonly changeManagement?: ChangeManagement;
  /** Namespace quota. @default - the quota the platform layer derives for the app in `env` (`quotaOfApp`) */
  readonly quota?: NamespaceQuota;
}

/** Every gate's decision, whether the deploy may proceed, and lines to log. */
export interface DeployGateResult {
  readonly allowed: boolean;
  readonly decisions: readonly GateDecision[];
  readonly contract: ContractReport;
  /** Messages of the gates that refuse the deploy: print them as errors, register nothing. */
  readonly refusals: readonly string[];
  /** Every decision and the contract, one line each: print them as info (they show in preview). */
  readonly log: readonly string[];
}

/**
 * The gates a deploy passes before any resource is registered: promotion by digest (Int after Dev,
 * RE7 after Int, Prod after RE7), release windows (Prod, release-train apps, emergency override), and
 * the zero-downtime contract (refusing where the environment's policies are mandatory). Pure: the
 * caller reads the ledger, the clock and the emergency change id, and logs the result.
 *
 * @example
 * const gates = deployGates({ app, env, objects: renderApp(app, env), now: new Date(), ledger, emergencyChange });
 * for (const line of gates.log) pulumi.log.info(line);
 * if (!gates.allowed) { gates.refusals.forEach((m) => pulumi.log.error(m)); throw new pulumi.RunError(`${app.app}: deploy refused by its gates`); }
 */
export function deployGates(input: DeployGateInput): DeployGateResult {
  const { app, env } = input;
  const workloads = [...app.components, ...app.batches];
  const promotion: GateDecision = input.ledger
    ? checkPromotion(input.ledger, app.app, env, input.environments, Object.fromEntries(workloads.map((w) => [w.name, w.image.digest])))
    : {
        gate: "promotion",
        passed: true,
        allowed: true,
        messages: [
          `${app.app}: promotion by digest not checked: no record of the previous environment was given (beluga deploy and gate check read it from the stacks).`,
        ],
      };
  const window = checkReleaseWindow(app.app, app.release, env, input.now, input.emergencyChange, input.changeManagement);
  const contract = checkZeroDowntime(input.objects, input.quota ?? quotaOfApp(env, app), env.placement);
  const mandatory = env.policyEnforcement === "mandatory";
  const contractDecision: GateDecision = {
    gate: "zero-downtime",
    passed: contract.proved,
    allowed: contract.proved || !mandatory,
    messages: contract.proved
      ? formatContract(contract)
      : [
          ...contract.components
            .filter((c) => c.verdict === "refuted")
            .map(
              (c) =>
                `${app.app}: ${c.name} cannot roll out without downtime in ${env.displayName}: ${c.refutations.join("; ")}; fix the declaration (probes, shutdown, scaling, resources).`,
            ),
          // Once for the app: every component shares the namespace quota.
          ...(contract.quotaRefutation
            ? [
                `${app.app}: cannot roll out without downtime in ${env.displayName}: ${contract.quotaRefutation}; lower scaling.max or the resource profiles, or ask the platform team to raise quota.maxPerApp in environments/${env.name}.ts.`,
              ]
            : []),
        ],
  };
  const decisions = [promotion, window, contractDecision];
  const refusals = decisions.filter((d) => !d.allowed).flatMap((d) => d.refusals ?? d.messages);
  const log = [
    ...decisions.map((d) => `[${d.gate}] ${d.passed ? "passed" : d.allowed ? "failed (advisory)" : "REFUSED"}: ${d.messages.join(" ")}`),
    ...(contract.proved ? [] : formatContract(contract)),
  ];
  return { allowed: refusals.length === 0, decisions, contract, refusals, log };
}
