import { parseAllDocuments } from "yaml";
import { FAKE_NODES, fakeNodes } from "../../../platform/local/cluster/kwok";

describe("fake nodes", () => {
  const nodes = parseAllDocuments(fakeNodes()).map((d) => d.toJS());

  it("runs at least three nodes, each labelled with its hostname and a zone of its own, so a required spread is observable", () => {
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    expect(nodes.map((n) => n.metadata.name)).toEqual(FAKE_NODES);
    for (const n of nodes) expect(n.metadata.labels["kubernetes.io/hostname"]).toBe(n.metadata.name);
    const zones = nodes.map((n) => n.metadata.labels["topology.kubernetes.io/zone"]);
    expect(zones.every((z) => typeof z === "string" && z.length > 0)).toBe(true);
    expect(new Set(zones).size).toBe(nodes.length);
  });
});
