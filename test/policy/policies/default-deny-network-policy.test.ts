import { pick, rendered, renderedPlatform, validateStack } from "../policy-harness";

const POLICY = "beluga-default-deny-network-policy";

describe(POLICY, () => {
  it("passes the platform layer, which gives each namespace its default-deny", async () => {
    expect(await validateStack(POLICY, "prod", renderedPlatform("prod"))).toEqual([]);
  });

  it("passes an app stack whose NetworkPolicies name their callers", async () => {
    expect(await validateStack(POLICY, "prod", rendered("prod"))).toEqual([]);
  });

  it("fails when a namespace is created without its default-deny", async () => {
    const objects = renderedPlatform("prod").filter((o) => o.metadata.name !== "default-deny");
    expect(await validateStack(POLICY, "prod", objects)).toEqual([
      {
        message:
          'Namespace full-prod has no default-deny NetworkPolicy, so every pod in it accepts traffic from anywhere; add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] in the same stack (the platform layer renders "default-deny").',
        urn: "urn:pulumi:test::app::kubernetes:core/v1:Namespace::full-prod",
      },
    ]);
  });

  it("fails when the default-deny misses Egress (a missing policy type)", async () => {
    const objects = renderedPlatform("prod");
    pick(objects, "NetworkPolicy", "default-deny").spec.policyTypes = ["Ingress"];
    expect(await validateStack(POLICY, "prod", objects)).toHaveLength(1);
  });

  it("fails when an app's NetworkPolicy admits ingress from every source", async () => {
    const objects = rendered("prod");
    pick(objects, "NetworkPolicy", "full-api").spec.ingress.push({ ports: [{ port: 8080, protocol: "TCP" }] });
    expect((await validateStack(POLICY, "prod", objects)).map((v) => v.message)).toEqual([
      "NetworkPolicy full-prod/full-api has an ingress rule without sources, which admits traffic from every pod of every namespace and undoes the default deny; name the calling components (dependsOn) instead.",
    ]);
  });
});
