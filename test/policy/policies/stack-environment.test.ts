import { policyContextFromProcess } from "../../../constructs/policy";
import { validateStack } from "../policy-harness";

const POLICY = "beluga-stack-environment";

describe(POLICY, () => {
  it("passes a stack named after its environment, or mapped by beluga:environment", async () => {
    const byName = policyContextFromProcess({ PULUMI_STACK: "re7" });
    expect(byName.env.name).toBe("re7");
    expect(byName.enforcementLevel).toBe("mandatory");
    const byConfig = policyContextFromProcess({ PULUMI_STACK: "dev-feature-x", PULUMI_CONFIG: JSON.stringify({ "beluga:environment": "prod" }) });
    expect(byConfig.env.name).toBe("prod");
    expect(await validateStack(POLICY, byConfig, [])).toEqual([]);
  });

  it("fails (advisory) when the stack maps to no environment", async () => {
    const ctx = policyContextFromProcess({ PULUMI_NODEJS_STACK: "staging" });
    expect(ctx.enforcementLevel).toBe("advisory");
    expect(await validateStack(POLICY, ctx, [])).toEqual([{ message: 'Stack "staging" maps to no Beluga environment, so policies ran with Dev\'s rules and advisory enforcement only; name the stack dev, int, re7 or prod, or run `pulumi config set beluga:environment <env>`.', urn: undefined }]);
  });

  it("reads no environment when the stack name and config are missing", () => {
    expect(policyContextFromProcess({ PULUMI_CONFIG: "not json" }).unknownStack).toBe("<no stack name>");
  });
});
