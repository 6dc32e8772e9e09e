import { souscription } from "../../../apps/souscription/app";
import { toYaml } from "../../../constructs/k8s";
import type { AppDeclaration } from "../../../constructs/model";
import { environments } from "../../../environments";
import { diffApp } from "../../../platform/estate/diff/app-diff";
import { renderFleetNote } from "../../../platform/estate/diff/fleet-note";
import { summarizeFleet } from "../../../platform/estate/diff/fleet-summary";
import { renderFleetText } from "../../../platform/estate/diff/fleet-text";
import { beluga } from "../../../platform/instance";

/** souscription's Prod render as `estate render` writes it, after `change` edits a copy of its declaration. */
function renderWith(change: (app: AppDeclaration) => void = () => undefined): string {
  const app = structuredClone(souscription) as AppDeclaration;
  change(app);
  return toYaml(beluga.render(app, "prod").objects);
}

const origin = { base: "origin/main (1a2b3c4)", head: "working tree", estate: "repo" };

describe("estate diff of NetworkPolicy changes", () => {
  // Given souscription's api calling gestion-contrats instead of sinistre and no longer the pricing engine
  const base = renderWith();
  const head = renderWith((app) => {
    app.components.api.dependsOn = ["gestion-contrats/app:http"];
    app.components.api.egress = [{ service: "souscription-db" }];
  });
  const diff = diffApp("souscription", "prod", base, head)!;

  it("reads the rendered policies before and after as the calls opened and closed", () => {
    expect(diff.network).toEqual({
      opened: ["souscription api → gestion-contrats/app :http"],
      closed: ["souscription api → 10.60.4.0/24 :80", "souscription api → sinistre/api :http"],
    });
    expect(diff.components.map((c) => [c.component, c.classes])).toEqual([["api", ["network"]]]);
  });

  it("has no network change when no NetworkPolicy changes", () => {
    const scaled = diffApp(
      "souscription",
      "prod",
      base,
      renderWith((app) => (app.components.api.scaling = { min: 2, max: 8 })),
    )!;
    expect(scaled.network).toBeUndefined();
  });

  it("shows the flows in a Network section of the fleet note and in the terminal report", () => {
    const summary = summarizeFleet([diff], 1, environments);
    const note = renderFleetNote(summary, origin);
    expect(note).toContain(
      [
        "#### Network",
        "",
        "- Prod souscription: opened `souscription api → gestion-contrats/app :http`",
        "- Prod souscription: closed `souscription api → 10.60.4.0/24 :80`",
        "- Prod souscription: closed `souscription api → sinistre/api :http`",
        "",
      ].join("\n"),
    );
    expect(note).toContain("· network: opened `souscription api → gestion-contrats/app :http`, closed");
    expect(renderFleetText(summary, origin)).toContain(
      "network:\n  Prod souscription: opened souscription api → gestion-contrats/app :http\n  Prod souscription: closed souscription api → 10.60.4.0/24 :80\n",
    );
  });
});
