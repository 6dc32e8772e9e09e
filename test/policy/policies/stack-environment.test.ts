import { policyContextOfStack } from "../../../constructs/policy";
import { instance } from "../../../platform/instance";
import { validateStack } from "../policy-harness";

const POLICY = "beluga-stack-environment";

describe(POLICY, () => {
  it("passes a stack named after its environment, or mapped by beluga:environment", async () => {
    const byName = policyContextOfStack(instance, { stack: "re7" });
    expect(byName.env.name).toBe("re7");
    expect(byName.enforcementLevel).toBe("mandatory");
    const byConfig = policyContextOfStack(instance, {
      stack: "dev-feature-x",
      configJson: JSON.stringify({ "beluga:environment": "prod" }),
    });
    expect(byConfig.env.name).toBe("prod");
    expect(await validateStack(POLICY, byConfig, [])).toEqual([]);
  });

  it("fails (advisory) when the stack maps to no environment", async () => {
    const ctx = policyContextOfStack(instance, { stack: "staging" });
    expect(ctx.enforcementLevel).toBe("advisory");
    expect(await validateStack(POLICY, ctx, [])).toEqual([
      {
        message:
          'Stack "staging" maps to no Beluga environment, so policies ran with Dev\'s rules and advisory enforcement only; name the stack dev, int, re7 or prod, or run `pulumi config set beluga:environment <env>`.',
        urn: undefined,
      },
    ]);
  });

  it("reads no environment when the stack name and config are missing", () => {
    expect(policyContextOfStack(instance, { configJson: "not json" }).unknownStack).toBe("<no stack name>");
  });
});
