import { portalSite } from "../../../platform/portal";
import { portalEstate } from "../../fixtures/portal-estate";

describe("portalSite on the synthetic estate (180 apps, no cluster)", () => {
  jest.setTimeout(120_000);
  const { estate, model } = portalEstate(180);
  let site: Map<string, string>;
  let seconds: number;
  beforeAll(() => {
    const started = process.hrtime.bigint();
    site = portalSite(model);
    seconds = Number(process.hrtime.bigint() - started) / 1e9;
  });

  it("renders the matrix with one row per app, the other pages and a page per app, in a few seconds", () => {
    const index = site.get("index.html")!;
    expect(index.match(/<tr data-app=/g)).toHaveLength(180);
    expect([...site.keys()].filter((p) => p.startsWith("apps/"))).toHaveLength(180);
    expect([...site.keys()].slice(0, 5)).toEqual(["index.html", "promotions.html", "calendar.html", "lineage.html", "pods.html"]);
    expect(seconds).toBeLessThan(10);
  });

  it("links every app of the matrix to a page that exists", () => {
    const links = [...site.get("index.html")!.matchAll(/href="(apps\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(180);
    for (const link of links) expect(site.has(link)).toBe(true);
  });

  it("shows 'not deployed' where no stack exists, and the version, digest, pods and who elsewhere", () => {
    const row = (app: string) =>
      site
        .get("index.html")!
        .split("\n")
        .find((l) => l.startsWith(`<tr data-app="${app}"`))!;
    const nowhere = estate.apps[0].name; // i = 0: deployed nowhere
    expect(row(nowhere).match(/not deployed/g)).toHaveLength(4);
    const devOnly = estate.apps[1].name; // i = 1: Dev only
    expect(row(devOnly)).toContain("<b>1.0.0</b> <code>aaaaaaaa0000</code><br>");
    expect(row(devOnly)).toContain("by dev1@beluga.internal");
    expect(row(devOnly).match(/not deployed/g)).toHaveLength(3);
  });

  it("lists a promotion where the environment before Prod runs a newer version than Prod", () => {
    const app = estate.apps[24]; // i = 24: deployed everywhere, i % 3 = 0: Prod behind
    const promotion = model.promotions.find((p) => p.app === app.name)!;
    expect(promotion).toMatchObject({ from: "re7", to: "prod" });
    expect(site.get("promotions.html")).toContain(`<a href="apps/${app.name}.html">${app.name}</a>`);
    expect(model.promotions.every((p) => p.to === "prod" || estate.environment(p.to).promotesFrom === p.from)).toBe(true);
  });

  it("shows each release train's windows, freezes and today's state in the calendar", () => {
    const train = model.apps.find((a) => a.release.policy === "release-train")!;
    const row = site
      .get("calendar.html")!
      .split("\n")
      .find((l) => l.startsWith(`<tr data-app="${train.name}"`))!;
    expect(row).toContain("04-01 → 04-30, 10-01 → 10-31");
    expect(row).toContain("05-01 → 09-30, 11-01 → 03-31");
    expect(row).toContain('<span class="open">open until 04-30</span>');
  });

  it("gives each app page its components, routes per environment and pipeline jobs", () => {
    const page = site.get("apps/sinistre.html")!;
    expect(page).toContain("<td>settlement</td><td>batch</td><td>java21-spring</td>");
    expect(page).toContain('<a href="https://sinistre-api.apps.beluga.internal/api">');
    expect(page).toContain("<code>sinistre:deploy:prod</code>");
  });
});
