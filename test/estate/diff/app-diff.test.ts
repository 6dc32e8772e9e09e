import { diffApp } from "../../../platform/estate/diff/app-diff";
import { APP_BEFORE, CHANGE_CASES, applyCase } from "../../fixtures/estate/change-cases";

const noChange = applyCase({ name: "none", change: () => undefined, expected: {} });

describe("diffApp", () => {
  it.each(CHANGE_CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    // Given the hand-made render of shop, when one field changes
    const diff = diffApp("shop", "prod", noChange, applyCase(c));
    // Then exactly the expected components are listed, each with the expected classes
    expect(Object.fromEntries((diff?.components ?? []).map((x) => [x.component, x.classes]))).toEqual(c.expected);
  });

  it("counts the HPA minimum as the pods of a restart", () => {
    const diff = diffApp("shop", "prod", noChange, applyCase(CHANGE_CASES[0]))!;
    expect(diff.components[0]).toMatchObject({ component: "api", pods: 3 });
    expect(diff.components[0].changes).toEqual([
      {
        object: "Deployment/shop-api",
        path: "spec.template.spec.containers[0].readinessProbe.timeoutSeconds",
        before: 1,
        after: 3,
        classes: ["rolling-restart"],
      },
    ]);
  });

  it("counts replicas for a workload without an HPA and no pods for a batch", () => {
    const web = diffApp("shop", "prod", noChange, applyCase(CHANGE_CASES.find((c) => c.expected.web)!))!;
    expect(web.components[0]).toMatchObject({ component: "web", pods: 2 });
    const nightly = diffApp("shop", "prod", noChange, applyCase(CHANGE_CASES.find((c) => c.expected.nightly)!))!;
    expect(nightly.components[0]).toMatchObject({ component: "nightly", pods: 0 });
  });

  it("finds nothing between two renders of the same objects, whatever the formatting", () => {
    expect(diffApp("shop", "prod", APP_BEFORE, noChange)).toBeUndefined();
    expect(diffApp("shop", "prod", noChange, noChange)).toBeUndefined();
  });

  it("lists a new app as added and a gone one as removed, every component an addition or a deletion", () => {
    const added = diffApp("shop", "dev", undefined, noChange)!;
    expect(added.status).toBe("added");
    expect(added.components.map((c) => [c.component, c.classes, c.pods])).toEqual([
      ["api", ["addition"], 3],
      ["nightly", ["addition"], 0],
    ]);
    const removed = diffApp("shop", "dev", noChange, undefined)!;
    expect(removed.status).toBe("removed");
    expect(removed.components.every((c) => c.classes.join() === "replace-delete")).toBe(true);
  });
});
