import { parseAllDocuments } from "yaml";
import { Beluga } from "../../../constructs/beluga";
import { CATALOG_INFO_MARKER, CatalogModelRules, type CatalogEntity, catalogEntities, catalogInfoFiles } from "../../../platform/backstage";
import { beluga } from "../../../platform/instance";

describe("catalogEntities", () => {
  const rules = new CatalogModelRules();

  it("makes a System per app and a Component per component and batch, owned by the team, with dependsOn as component refs", () => {
    const entities = catalogEntities(beluga, beluga.app("souscription"));
    expect(entities.map((e) => `${e.kind}:${e.metadata.name}`)).toEqual([
      "System:souscription",
      "Component:souscription-web",
      "Component:souscription-api",
      "Component:souscription-worker",
    ]);
    expect(entities[0].spec).toEqual({ owner: "group:subscription" });
    expect(entities[1].spec).toEqual({
      type: "website",
      lifecycle: "production",
      owner: "group:subscription",
      system: "souscription",
      dependsOn: ["component:souscription-api"],
    });
    expect(entities[2].spec.dependsOn).toEqual(["component:sinistre-api"]);
    expect(entities[3].spec.type).toBe("worker");
    expect(catalogEntities(beluga, beluga.app("sinistre"))[2].spec.type).toBe("batch");
  });

  it("links each route per environment from the resolved routes, and the pipeline and dashboards", () => {
    const [system, api] = catalogEntities(beluga, beluga.app("sinistre"));
    expect(api.metadata.links?.filter((l) => l.type === "route").map((l) => l.url)).toEqual([
      "https://sinistre-api.apps.dev.beluga.internal/api",
      "https://sinistre-api.apps.int.beluga.internal/api",
      "https://sinistre-api.apps.re7.beluga.internal/api",
      "https://sinistre-api.apps.beluga.internal/api",
    ]);
    expect(system.metadata.links?.map((l) => l.type)).toEqual(["pipeline", "source", "dashboard", "dashboard", "dashboard", "dashboard"]);
  });

  it("says experimental when the production-tier environment refuses the declaration (a socle Prod refuses)", () => {
    const legacy = { ...beluga.app("sinistre"), name: "legacy" };
    legacy.components = { api: { ...legacy.components.api, image: { ...legacy.components.api.image, socle: "java17-spring" } } };
    const withLegacy = new Beluga(beluga.instance, [...beluga.apps, legacy]);
    expect(catalogEntities(withLegacy, legacy)[1].spec.lifecycle).toBe("experimental");
  });

  it("writes files that start with the marker and whose every entity passes the catalog model rules", async () => {
    for (const [path, content] of catalogInfoFiles(beluga)) {
      expect(content.split("\n")[0]).toBe(CATALOG_INFO_MARKER);
      for (const doc of parseAllDocuments(content)) expect([path, await rules.validate(doc.toJS() as CatalogEntity)]).toEqual([path, []]);
    }
  });

  it("fails validation on a bad name, a missing owner, a bad reference and a relative link", async () => {
    const bad: CatalogEntity = {
      apiVersion: "backstage.io/v1alpha1",
      kind: "Component",
      metadata: { name: "-bad-", links: [{ url: "/relative" }] },
      spec: { type: "service", lifecycle: "production", owner: "", dependsOn: ["component:a b"] },
    };
    expect(await rules.validate(bad)).toEqual([
      'Component:-bad-: metadata.name "-bad-" must be 1-63 of [a-zA-Z0-9] separated by -, _ or .',
      'Component:-bad-: link "/relative" is not an absolute URL',
      "Component:-bad-: spec.owner must be a non-empty string",
      'Component:-bad-: spec.owner "" is not an entity reference',
      'Component:-bad-: spec.dependsOn "component:a b" is not an entity reference',
    ]);
  });
});
