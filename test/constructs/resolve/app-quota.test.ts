import { type AppDeclaration, defineApp } from "../../../constructs/model";
import {
  appQuota,
  appQuotaNeed,
  DeclarationError,
  largestPod,
  quotaBound,
  quotaHard,
  quotaOfResolvedApp,
  resolve,
} from "../../../constructs/resolve";
import { environments } from "../../../environments";
import { catalog } from "../../../platform/catalog";
import { digestOf, fullApp } from "../../fixtures/declarations";

const prod = environments.get("prod");
const dev = environments.get("dev");
const Gi = 2 ** 30;

/** `count` components of 4 CPU / 4Gi pods (declared, so no environment scaling), 2 to 3 pods each. */
function heavyApp(count: number): AppDeclaration {
  const components = Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `part${i}`,
      {
        image: { socle: "java21-spring", artifact: `heavy-part${i}`, version: "1.0.0", digest: digestOf(`heavy-part${i}`) },
        scaling: { min: 2, max: 3 },
        resources: { cpu: { request: "1", limit: "4" }, memory: { request: "4Gi", limit: "4Gi" } },
      },
    ]),
  );
  return defineApp({ name: "heavy", team: "core", criticality: "standard", release: { policy: "continuous" }, components });
}

describe("appQuotaNeed", () => {
  const full = resolve(fullApp(), prod, catalog);

  it("counts every component at its maximum plus its rollout surge, and one pod per batch", () => {
    // front: 4 + 1 pods of S (100m/500m, 256Mi); api: 12 + 1 pods of 500m/2, 1536Mi; nightly: 1 pod of S.
    expect(appQuotaNeed(full)).toEqual({
      requestsCpu: 5 * 100 + 13 * 500 + 100,
      limitsCpu: 5 * 500 + 13 * 2000 + 500,
      requestsMemory: (5 * 256 + 13 * 1536 + 256) * 2 ** 20,
      limitsMemory: (5 * 256 + 13 * 1536 + 256) * 2 ** 20,
      pods: 19,
    });
  });

  it("leaves suspended batches out: they never run", () => {
    const suspended = { ...full, batches: full.batches.map((b) => ({ ...b, suspend: true })) };
    expect(appQuotaNeed(suspended).pods).toBe(18);
    expect(appQuotaNeed(suspended).limitsCpu).toBe(appQuotaNeed(full).limitsCpu - 500);
  });
});

describe("appQuota", () => {
  it("adds the larger of 10% and one of the app's largest pods, CPU rounded up to 500m and memory to 1Gi", () => {
    // limits.cpu 29 + max(2.9, 2) → 32; memory 21Gi + max(2.1Gi, 1.5Gi) → 24Gi; pods 19 + max(2, 1) → 21; requests.cpu 7.1 + 0.71 → 8.
    expect(quotaHard(quotaOfResolvedApp(resolve(fullApp(), prod, catalog), prod))).toEqual({
      "requests.cpu": "8",
      "requests.memory": "24Gi",
      "limits.cpu": "32",
      "limits.memory": "24Gi",
      pods: "21",
    });
  });

  it("never gives an app more than the environment's bound", () => {
    const bound = quotaBound(prod);
    const nearBound = { ...bound, limitsCpu: bound.limitsCpu - 1000, pods: bound.pods - 1 };
    const pod = { requestsCpu: 1000, requestsMemory: Gi, limitsCpu: 4000, limitsMemory: Gi, pods: 1 };
    expect(appQuota(nearBound, pod, prod)).toEqual(bound);
    expect(bound).toEqual({ requestsCpu: 160_000, requestsMemory: 80 * Gi, limitsCpu: 160_000, limitsMemory: 80 * Gi, pods: 150 });
  });

  it("takes the largest pod dimension by dimension", () => {
    const full = resolve(fullApp(), prod, catalog);
    expect(largestPod(full)).toEqual({
      requestsCpu: 500,
      requestsMemory: 1536 * 2 ** 20,
      limitsCpu: 2000,
      limitsMemory: 1536 * 2 ** 20,
      pods: 1,
    });
  });
});

describe("quota bound at resolve time", () => {
  it("fails when an app needs more than the environment allows one app, once for the app, with the amount over and who raises it", () => {
    // 5 components × (3 + 1) pods × 4 CPU / 4Gi = 80 CPU, 80Gi, 20 pods; Dev allows 64 CPU, 32Gi, 110 pods.
    let error: unknown;
    try {
      resolve(heavyApp(5), dev, catalog);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeclarationError);
    expect((error as DeclarationError).messages).toEqual([
      "heavy: components need more than Dev allows one app at maximum scale (every component at scaling.max plus its rollout surge, one pod per batch): " +
        "limits.cpu 80 is 16 above the 64 allowed, limits.memory 80Gi is 48Gi above the 32Gi allowed; " +
        "cut that much from scaling.max or resources (profile, cpu, memory), or ask the platform team to raise quota.maxPerApp in environments/dev.ts",
    ]);
  });

  it("fails on pods alone when many small pods exceed the pod bound", () => {
    const many = heavyApp(28);
    for (const c of Object.values(many.components)) c.resources = { profile: "S" };
    // 28 × 4 pods = 112 pods (S in Dev: 250m CPU limit each, 28 CPU); Dev allows 110 pods.
    expect(() => resolve(many, dev, catalog)).toThrow(
      /^heavy: components need more than Dev allows one app .*: pods 112 is 2 above the 110 allowed; cut that much/,
    );
  });

  it("accepts an app exactly at the bound", () => {
    // 4 components × 4 pods × 4 CPU / 2Gi = 64 CPU and 32Gi: Dev's bound, not above it.
    const app = heavyApp(4);
    for (const c of Object.values(app.components))
      c.resources = { cpu: { request: "1", limit: "4" }, memory: { request: "2Gi", limit: "2Gi" } };
    expect(appQuotaNeed(resolve(app, dev, catalog))).toMatchObject({ limitsCpu: 64_000, limitsMemory: 32 * Gi });
  });
});
