/** The outcome of one deploy gate, logged whatever it decides. */
export interface GateDecision {
  readonly gate: "promotion" | "release-window" | "zero-downtime";
  /** Whether the gate's condition holds. */
  readonly passed: boolean;
  /** Whether the deploy may proceed (a failed advisory gate still allows it). */
  readonly allowed: boolean;
  /** Full sentences: why it passed, or what failed and how to fix it. */
  readonly messages: readonly string[];
  /** The messages that refuse, when only some do (a promotion where one workload of three fails). @default messages */
  readonly refusals?: readonly string[];
}
