import type { StackRule } from "../policy-rule";

/**
 * A stack is named after its environment (dev, int, re7, prod) or sets `beluga:environment`; any other
 * stack is judged by Dev's rules and only advised, which must not go unnoticed.
 */
export const stackEnvironment: StackRule = {
  name: "beluga-stack-environment",
  description:
    "The stack maps to a Beluga environment (its name, or the beluga:environment config), so the right rules and enforcement level apply.",
  check(_objects, ctx) {
    if (!ctx.unknownStack) return [];
    return [
      {
        message: `Stack "${ctx.unknownStack}" maps to no Beluga environment, so policies ran with ${ctx.env.displayName}'s rules and advisory enforcement only; name the stack ${orList(ctx.knownEnvironments ?? [ctx.env.name])}, or run \`pulumi config set beluga:environment <env>\`.`,
      },
    ];
  },
};

/** `dev, int, re7 or prod`. */
function orList(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}` : names.join("");
}
