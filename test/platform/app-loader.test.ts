import { join } from "node:path";
import { Beluga } from "../../constructs/beluga";
import { DeclarationError } from "../../constructs/resolve";
import { appSource, loadApps } from "../../platform/app-loader";
import { printError } from "../../platform/cli/cli-errors";
import { instance } from "../../platform/company-instance";

const DIR = join(__dirname, "../fixtures/app-modules");

/** The messages loadApps refused with. */
function refusal(names: string[]): string[] {
  try {
    loadApps(DIR, names);
  } catch (error) {
    if (error instanceof DeclarationError) return error.messages;
    throw error;
  }
  throw new Error("loaded");
}

describe("loadApps", () => {
  it("loads a declaration and remembers its file", () => {
    const [app] = loadApps(DIR, ["good-app"]);
    expect(app.name).toBe("good-app");
    expect(appSource(app)).toBe("app-modules/good-app/app.ts");
  });

  it("fails when a module throws at import, naming the file, the line and the fix", () => {
    expect(refusal(["throws"])).toEqual([
      "throws (app-modules/throws/app.ts) failed to load: TEAM is not set (at app-modules/throws/app.ts:3); fix the module: importing it must only declare the app (no I/O, no throw); npx tsc -p tsconfig.json --noEmit shows type errors",
    ]);
  });

  it("fails when a module exports nothing, something else, or no declaration named like the app", () => {
    expect(refusal(["empty", "not-an-object", "two-exports"])).toEqual([
      'empty (app-modules/empty/app.ts) exports nothing; export the declaration: export const empty = defineApp({ name: "empty", ... })',
      'not-an-object (app-modules/not-an-object/app.ts) exports notAnObject = a string, not a declaration object; export the declaration: export const notAnObject = defineApp({ name: "not-an-object", ... })',
      'two-exports (app-modules/two-exports/app.ts) exports first, second, none of them the declaration of two-exports; export the declaration: export const twoExports = defineApp({ name: "two-exports", ... })',
    ]);
  });

  it("fails when the list names a folder that does not exist, listing the apps found", () => {
    expect(refusal(["good-ap"])).toEqual([
      "good-ap (app-modules/good-ap/app.ts) is listed in app-modules/catalog.ts but does not exist; fix the name in app-modules/catalog.ts (apps found: empty, good-app, not-an-object, throws, two-exports)",
    ]);
  });

  it("is printed as a refusal (exit code 1) without a stack trace", () => {
    const lines: string[] = [];
    let error: unknown;
    try {
      loadApps(DIR, ["throws", "empty"]);
    } catch (e) {
      error = e;
    }
    expect(printError("beluga", error, (l) => lines.push(l))).toBe(1);
    expect(lines[0]).toBe("beluga: 2 problem(s) in the declaration; nothing was done");
    expect(lines.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("names the file of a declaration without a name when resolving through the façade", () => {
    const [app] = loadApps(DIR, ["good-app"]);
    const unnamed = { ...app, name: undefined } as never;
    const beluga = new Beluga(instance, [], { sourceOf: (d) => (d === unnamed ? "apps/x/app.ts" : undefined) });
    expect(() => beluga.resolve(unnamed, "dev")).toThrow("<unnamed app in apps/x/app.ts>: name is required (string); add name");
  });
});
