import { CPU_QUANTITY, MEMORY_QUANTITY, cpuMillis, formatCpu, formatMemory, memoryBytes } from "../../../constructs/model";

describe("quantities", () => {
  it("accepts the CPU forms teams write and converts them to millicores", () => {
    expect(["250m", "1", "1.5", "0.25"].every((q) => CPU_QUANTITY.test(q))).toBe(true);
    expect([cpuMillis("250m"), cpuMillis("1"), cpuMillis("1.5"), cpuMillis("0.25")]).toEqual([250, 1000, 1500, 250]);
  });

  it("fails when a CPU quantity has a unit it does not take", () => {
    expect(["250 m", "1k", "-1", "0m", "m", "1.2345"].some((q) => CPU_QUANTITY.test(q))).toBe(false);
  });

  it("accepts binary memory units and rejects decimal ones", () => {
    expect(["256Mi", "2Gi", "512Ki"].every((q) => MEMORY_QUANTITY.test(q))).toBe(true);
    expect(["1GB", "512M", "1G", "1.5Gi", "0Mi"].some((q) => MEMORY_QUANTITY.test(q))).toBe(false);
    expect(memoryBytes("2Gi")).toBe(2 * 1024 ** 3);
  });

  it("formats back to canonical quantities", () => {
    expect([formatCpu(2000), formatCpu(125)]).toEqual(["2", "125m"]);
    expect([formatMemory(2 * 1024 ** 3), formatMemory(1536 * 1024 ** 2), formatMemory(1000)]).toEqual(["2Gi", "1536Mi", "1Mi"]);
  });
});
