import { pick, rendered, validateStack } from "../policy-harness";

const POLICY = "beluga-pdb-below-hpa-minimum";

describe(POLICY, () => {
  it("passes PDBs at HPA minimum - 1", async () => {
    const objects = rendered("prod");
    expect(pick(objects, "PodDisruptionBudget", "full-api").spec.minAvailable).toBe(3);
    expect(await validateStack(POLICY, "prod", objects)).toEqual([]);
  });

  it("fails when minAvailable equals the HPA minimum, so drains block", async () => {
    const objects = rendered("prod");
    pick(objects, "PodDisruptionBudget", "full-api").spec.minAvailable = 4;
    expect((await validateStack(POLICY, "prod", objects)).map((v) => v.message)).toEqual([
      "PodDisruptionBudget full-prod/full-api allows no eviction when Deployment full-prod/full-api runs its minimum of 4 pod(s), so node drains and cluster upgrades would block; keep minAvailable below 4 (Beluga renders min - 1) or raise scaling.min.",
    ]);
  });

  it("fails when a percentage rounds up to the minimum", async () => {
    const objects = rendered("prod");
    pick(objects, "PodDisruptionBudget", "full-api").spec.minAvailable = "90%";
    expect(await validateStack(POLICY, "prod", objects)).toHaveLength(1);
  });

  it("fails when the selector is missing, so the PDB protects nothing", async () => {
    const objects = rendered("prod");
    delete pick(objects, "PodDisruptionBudget", "full-api").spec.selector;
    expect((await validateStack(POLICY, "prod", objects)).map((v) => v.message)).toEqual([
      "PodDisruptionBudget full-prod/full-api selects no pod of any Deployment in this stack, so it protects nothing; make spec.selector.matchLabels match the component's pod labels or remove it.",
    ]);
  });
});
