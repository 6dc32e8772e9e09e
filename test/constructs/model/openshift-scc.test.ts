import {
  inIdRange,
  parseIdRange,
  SCC_BLOCK_SIZE,
  SCC_MCS_ANNOTATION,
  SCC_SUPPLEMENTAL_GROUPS_ANNOTATION,
  SCC_UID_BASE,
  SCC_UID_RANGE_ANNOTATION,
  sccAnnotationsFor,
} from "../../../constructs/model";
import { environments } from "../../../environments";
import { apps } from "../../../apps/catalog";

describe("sccAnnotationsFor", () => {
  it("gives a namespace a 10000-wide block of OpenShift's range, the same on every call", () => {
    const annotations = sccAnnotationsFor("sinistre-prod");
    expect(annotations).toEqual(sccAnnotationsFor("sinistre-prod"));
    const range = parseIdRange(annotations[SCC_UID_RANGE_ANNOTATION])!;
    expect(range.size).toBe(SCC_BLOCK_SIZE);
    expect((range.first - SCC_UID_BASE) % SCC_BLOCK_SIZE).toBe(0);
    expect(range.first).toBeGreaterThanOrEqual(SCC_UID_BASE);
    expect(range.first + range.size).toBeLessThanOrEqual(2_000_000_000);
    expect(annotations[SCC_SUPPLEMENTAL_GROUPS_ANNOTATION]).toBe(annotations[SCC_UID_RANGE_ANNOTATION]);
    expect(annotations[SCC_MCS_ANNOTATION]).toMatch(/^s0:c(\d+),c(\d+)$/);
    const [, high, low] = /^s0:c(\d+),c(\d+)$/.exec(annotations[SCC_MCS_ANNOTATION])!.map(Number);
    expect(high).toBeGreaterThan(low);
  });

  it("gives this instance's app namespaces distinct blocks in every environment", () => {
    for (const env of environments.list) {
      const namespaces = apps.map((a) => `${a.name}-${env.name}`);
      const blocks = namespaces.map((n) => sccAnnotationsFor(n)[SCC_UID_RANGE_ANNOTATION]);
      expect(new Set(blocks).size).toBe(namespaces.length);
    }
  });
});

describe("parseIdRange", () => {
  it("reads both forms OpenShift writes, and the first block of a list", () => {
    expect(parseIdRange("1000650000/10000")).toEqual({ first: 1000650000, size: 10000 });
    expect(parseIdRange("1000650000-1000659999")).toEqual({ first: 1000650000, size: 10000 });
    expect(parseIdRange("1000650000/10000,1000700000/10000")).toEqual({ first: 1000650000, size: 10000 });
  });

  it("fails when the annotation is missing or malformed: no range", () => {
    expect(parseIdRange(undefined)).toBeUndefined();
    expect(parseIdRange("")).toBeUndefined();
    expect(parseIdRange("lots")).toBeUndefined();
    expect(parseIdRange("20-10")).toBeUndefined();
  });

  it("bounds a range at its last id", () => {
    const range = { first: 100, size: 10 };
    expect([99, 100, 109, 110].map((id) => inIdRange(id, range))).toEqual([false, true, true, false]);
  });
});
