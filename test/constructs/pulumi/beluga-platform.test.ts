import { BelugaPlatform } from "../../../constructs/pulumi";
import { environments } from "../../../environments";
import { recordingMocks, valueOf } from "./mocks";

describe("BelugaPlatform", () => {
  const registrations = recordingMocks("prod", "beluga-platform");
  const platform = new BelugaPlatform("platform-prod", {
    env: environments.get("prod"),
    tenants: [
      { name: "b-app", team: "bees", criticality: "standard" },
      { name: "a-app", team: "ants", criticality: "critical" },
    ],
  });

  it("creates one tenant per app, in name order, parenting its namespace and baseline", async () => {
    expect(await valueOf(platform.namespaces)).toEqual(["a-app-prod", "b-app-prod"]);
    await new Promise((r) => setTimeout(r, 50));
    expect(registrations.filter((r) => r.type === "beluga:platform:Tenant").map((r) => r.name)).toEqual(["a-app-prod", "b-app-prod"]);
    const inA = registrations
      .filter((r) => r.inputs?.metadata?.namespace === "a-app-prod")
      .map((r) => `${r.inputs.kind}/${r.inputs.metadata.name}`);
    expect(inA).toEqual(
      expect.arrayContaining([
        "ResourceQuota/app-quota",
        "LimitRange/app-limits",
        "NetworkPolicy/default-deny",
        "ServiceAccount/deployer",
        "RoleBinding/team-read",
      ]),
    );
    expect(inA).not.toContain("RoleBinding/team-write");
  });

  it("registers the environment's admission policies and their bindings once, as typed cluster-scoped resources", async () => {
    await new Promise((r) => setTimeout(r, 50));
    const admission = registrations.filter((r) => r.type.startsWith("kubernetes:admissionregistration.k8s.io/v1:"));
    expect(admission.map((r) => `${r.type} ${r.name}`)).toEqual([
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy beluga-platform-owned-prod",
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding beluga-platform-owned-prod",
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy beluga-app-network-policies-prod",
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding beluga-app-network-policies-prod",
    ]);
    expect(admission.every((r) => r.inputs.metadata.namespace === undefined)).toBe(true);
  });
});
