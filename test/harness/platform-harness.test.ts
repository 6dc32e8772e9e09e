/** The read-back comparison the e2e suites rely on, checked without a cluster. */
import { differences } from "../e2e/platform-harness";

describe("differences", () => {
  it("accepts what the API server adds, equal quantities and omitted zero values", () => {
    expect(
      differences({ a: { cpu: "1000m", mem: "512Mi", n: 0, off: false, list: [] } }, { a: { cpu: "1", mem: "512Mi", extra: 1 } }),
    ).toEqual([]);
  });

  it("fails when a rendered field is missing or different live", () => {
    expect(differences({ spec: { replicas: 2, image: "a" } }, { spec: { image: "b" } })).toEqual([
      ".spec.replicas: rendered 2, live undefined",
      '.spec.image: rendered "a", live "b"',
    ]);
    expect(differences({ ports: [1, 2] }, { ports: [1] })).toEqual([".ports: 2 items rendered, 1 live"]);
  });
});
