import { declaredPart } from "../../constructs/policy/policy-rule";

const deployment = (metadata: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "shop-re7", ...metadata },
    spec: { replicas: 1, template: {} },
    ...extra,
  }) as any;

describe("declaredPart", () => {
  it("drops spec.replicas from a server-side dry run of a create (uid and creationTimestamp, no status yet)", () => {
    // What `pulumi preview` of a new Deployment hands stack policies: the API default of 1 replica.
    const dryRun = deployment({ uid: "0f6c", creationTimestamp: "2026-11-22T13:20:30Z" });
    expect((declaredPart(dryRun) as any).spec).toEqual({ template: {} });
  });

  it("drops spec.replicas from live state (status set by the controller)", () => {
    expect((declaredPart(deployment({}, { status: { replicas: 3 } })) as any).spec).toEqual({ template: {} });
  });

  it("keeps spec.replicas of a declared object, which the policies then judge", () => {
    expect((declaredPart(deployment({})) as any).spec.replicas).toBe(1);
  });

  it("leaves other kinds untouched", () => {
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "api", uid: "1" }, spec: { ports: [] } } as any;
    expect(declaredPart(service)).toBe(service);
  });
});
