import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { portalSite } from "../../../platform/portal";
import { portalEstate } from "../../fixtures/portal-estate";
import { type BrowserPage, HeadlessChromium } from "./headless-chromium";

/**
 * The portal in a real browser (headless Chromium over the DevTools protocol), served on 127.0.0.1:
 * pages load without console errors, the filter works, app links lead to app pages — and a page with a
 * script error does fail the same check. `BELUGA_PORTAL_SCREENSHOT=<file>` also saves the matrix as a PNG.
 */
const chromium = HeadlessChromium.binary();
const describeWithChromium = chromium ? describe : describe.skip;
if (!chromium) console.warn("portal browser test skipped: no Chromium (apt-get install chromium, or set BELUGA_CHROMIUM)");

describeWithChromium("the estate portal in headless Chromium", () => {
  jest.setTimeout(180_000);
  const { model } = portalEstate(180);
  const site = portalSite(model);
  let root: string;
  let server: Server;
  let base: string;
  let browser: HeadlessChromium;
  let page: BrowserPage;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "beluga-portal-"));
    for (const [path, html] of site) {
      for (const copy of ["site", "broken"]) {
        mkdirSync(dirname(join(root, copy, path)), { recursive: true });
        writeFileSync(join(root, copy, path), html);
      }
    }
    // The test of the test: the same matrix with a script error.
    const broken = join(root, "broken", "index.html");
    writeFileSync(broken, readFileSync(broken, "utf8").replace("</body>", "<script>portalBroken();</script></body>"));
    server = createServer((request, response) => {
      const path = normalize(decodeURIComponent(new URL(request.url!, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
      try {
        const body = readFileSync(join(root, path.endsWith("/") ? `${path}index.html` : path));
        response.writeHead(200, { "content-type": path.endsWith(".png") ? "image/png" : "text/html; charset=utf-8" }).end(body);
      } catch {
        response.writeHead(404).end("not found");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await HeadlessChromium.launch(chromium!);
    page = await browser.open(`${base}/site/index.html`);
  });

  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it("loads every page without a console error or a missing resource", async () => {
    const pages = [
      "index.html",
      "promotions.html",
      "calendar.html",
      "lineage.html",
      "pods.html",
      "apps/sinistre.html",
      `apps/${model.apps[179].name}.html`,
    ];
    for (const path of pages) {
      page.errors.length = 0;
      await page.goto(`${base}/site/${path}`);
      expect([path, await page.evaluate<string>("document.readyState"), page.errors]).toEqual([path, "complete", []]);
    }
  });

  it("filters the matrix by team and by app name", async () => {
    await page.goto(`${base}/site/index.html`);
    const visible = () =>
      page.evaluate<string[]>(`[...document.querySelectorAll("tr[data-app]")].filter((r) => !r.hidden).map((r) => r.dataset.app)`);
    expect(await visible()).toHaveLength(180);
    const team = model.apps[10].team;
    await page.evaluate(
      `(() => { const t = document.getElementById("team"); t.value = ${JSON.stringify(team)}; t.dispatchEvent(new Event("change")); })()`,
    );
    expect(await visible()).toEqual(model.apps.filter((a) => a.team === team).map((a) => a.name));
    expect(await page.evaluate<string>(`document.getElementById("shown").textContent`)).toBe(
      String(model.apps.filter((a) => a.team === team).length),
    );
    const app = model.apps[42].name;
    await page.evaluate(
      `(() => { document.getElementById("team").value = ""; const q = document.getElementById("filter"); q.value = ${JSON.stringify(app)}; q.dispatchEvent(new Event("input")); })()`,
    );
    expect(await visible()).toEqual(model.apps.filter((a) => a.name.includes(app) || a.team.includes(app)).map((a) => a.name));
    await page.goto(`${base}/site/index.html?team=${encodeURIComponent(team)}`);
    expect(await visible()).toEqual(model.apps.filter((a) => a.team === team).map((a) => a.name));
    expect(page.errors).toEqual([]);
  });

  it("leads from an app of the matrix to its page and back", async () => {
    await page.goto(`${base}/site/index.html`);
    const app = model.apps[7].name;
    let loaded = page.nextLoad();
    await page.evaluate(`document.querySelector('tr[data-app="${app}"] a').click()`);
    await loaded;
    expect(await page.evaluate<string>("location.pathname")).toBe(`/site/apps/${app}.html`);
    expect(await page.evaluate<string>(`document.querySelector("h1").textContent`)).toBe(app);
    loaded = page.nextLoad();
    await page.evaluate(`[...document.querySelectorAll("a")].find((a) => a.textContent.includes("all apps")).click()`);
    await loaded;
    expect(await page.evaluate<string>("location.pathname")).toBe("/site/index.html");
    expect(page.errors).toEqual([]);
  });

  it("fails the check on a page with a script error (the test of the test)", async () => {
    page.errors.length = 0;
    await page.goto(`${base}/broken/index.html`);
    expect(page.errors.join("\n")).toMatch(/portalBroken is not defined/);
  });

  it("takes the matrix screenshot for the README when asked", async () => {
    await page.goto(`${base}/site/index.html`);
    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    if (process.env.BELUGA_PORTAL_SCREENSHOT) writeFileSync(process.env.BELUGA_PORTAL_SCREENSHOT, png);
  });
});
