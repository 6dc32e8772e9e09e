import type { ComponentPlacement, EnvironmentSpec } from "../model";
import type { ResolvedPlacement } from "./resolved-app";

/**
 * A component's spread in an environment: the environment's trait, relaxed from required to
 * preferred by the component's `placement: { spread: "relaxed", reason }`. The reason is kept wherever
 * it is declared (the renderer shows it to reviewers even where the environment spreads nothing).
 */
export function resolvePlacement(env: EnvironmentSpec, declared: ComponentPlacement | undefined): ResolvedPlacement {
  const spread = env.placement.spread;
  return {
    spread: declared && spread === "required" ? "preferred" : spread,
    zones: spread !== "none" && env.placement.zones === true,
    ...(declared ? { relaxedReason: declared.reason } : {}),
  };
}
