import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppDiscoveryError, discoverApps } from "../../../platform/apps";
import { REPO_ROOT } from "../../../platform/repo-root";

describe("discoverApps", () => {
  let dir: string;
  beforeEach(() => (dir = join(mkdtempSync(join(tmpdir(), "beluga-discover-")), "apps")));
  afterEach(() => rmSync(join(dir, ".."), { recursive: true, force: true }));

  /** Writes apps/<folder>/app.ts with the given body (CommonJS, so the test loads it without TypeScript). */
  const app = (folder: string, body: string) => {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, "app.ts"), body);
  };
  const declaring = (name: string, exportName = "app") => `exports.${exportName} = { name: "${name}", components: {} };`;
  const load = (file: string) => require(file);

  it("finds this repository's apps from apps/*/app.ts, in name order", () => {
    expect(discoverApps(join(REPO_ROOT, "apps")).map((a) => a.name)).toEqual([
      "espace-client",
      "gestion-contrats",
      "sinistre",
      "souscription",
    ]);
  });

  it("loads every folder with an app.ts, sorted, and ignores folders without one", () => {
    app("zeta", declaring("zeta"));
    app("alpha", declaring("alpha"));
    mkdirSync(join(dir, "docs"));
    expect(discoverApps(dir, load).map((a) => a.name)).toEqual(["alpha", "zeta"]);
  });

  it("fails when app.ts throws, exports nothing or declares another name, naming each file and its fix", () => {
    app("broken", `throw new Error("boom at line 3\\nstack");`);
    app("empty", "exports.x = 1;");
    app("renamed", declaring("other"));
    app("ok", declaring("ok"));
    let error: unknown;
    try {
      discoverApps(dir, load);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppDiscoveryError);
    expect((error as AppDiscoveryError).messages).toEqual([
      "apps/broken/app.ts fails to load: boom at line 3; fix the file (npm run build shows the exact line)",
      'apps/empty/app.ts exports no app declaration; export one: export const empty = defineApp({ name: "empty", ... })',
      'apps/renamed/app.ts declares name "other"; an app\'s name is its folder\'s: set name: "renamed" or rename the folder',
    ]);
  });

  it("fails when app.ts exports two declarations", () => {
    app("two", `${declaring("two", "a")}\n${declaring("two", "b")}`);
    expect(() => discoverApps(dir, load)).toThrow(
      "apps/two/app.ts exports 2 app declarations (a, b); one app per folder: move the others to their own apps/<name>/app.ts",
    );
  });
});
