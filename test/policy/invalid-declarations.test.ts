import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AppDeclaration, EnvName } from "../../constructs/model";
import { DeclarationError, resolve } from "../../constructs/resolve";
import { beluga } from "../../platform/instance";

const CORPUS = join(__dirname, "../fixtures/invalid");
const cases = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((file) => {
    const fixture = JSON.parse(readFileSync(join(CORPUS, file), "utf8")) as {
      description: string;
      env: string;
      expectPath: string;
      declaration: unknown;
      crossApp?: boolean;
    };
    return { file, ...fixture, env: EnvName.parse(fixture.env) };
  });

/** What resolve threw, or a failure if it accepted the input or crashed with anything else. */
function rejection(declaration: unknown, env: EnvName, crossApp = false): DeclarationError {
  try {
    // As the façade resolves (the instance's environment names included), also for inputs that are not objects;
    // `crossApp` fixtures go through the façade itself, against this repository's apps.
    if (crossApp) beluga.resolve(declaration as AppDeclaration, env);
    else resolve(declaration, beluga.environment(env), beluga.instance.catalog, { environmentNames: beluga.environments.names });
  } catch (error) {
    if (error instanceof DeclarationError) return error;
    throw new Error(`crashed instead of rejecting: ${(error as Error).stack}`);
  }
  throw new Error("accepted an invalid declaration");
}

describe("the bad-input corpus (test/fixtures/invalid)", () => {
  it("holds at least 60 malformed declarations", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(cases)("$file ($description, $env)", ({ declaration, env, expectPath, crossApp }) => {
    const appName =
      typeof (declaration as { name?: unknown } | null)?.name === "string" ? (declaration as { name: string }).name : "<unnamed app>";

    it("fails when resolved, with a DeclarationError naming the app, the path and a fix", () => {
      const error = rejection(declaration, env, crossApp);
      expect(error.problems.length).toBeGreaterThan(0);
      for (const problem of error.problems) {
        expect(problem.app).toBe(appName);
        expect(problem.message.length).toBeGreaterThan(0);
        expect(problem.fix.length).toBeGreaterThan(0);
      }
      for (const message of error.messages) {
        // `<app>: <path> <message>; <fix>`, or `<app> <message>; <fix>` when the whole input is wrong.
        expect(message.startsWith(expectPath ? `${appName}: ` : `${appName} `)).toBe(true);
        expect(message).toContain("; ");
        expect(message).not.toMatch(/\n\s+at |Error:|ZodError|undefined/);
      }
      expect(error.problems.map((p) => p.path)).toContain(expectPath);
    });

    it("keeps its messages (snapshot)", () => {
      expect(rejection(declaration, env, crossApp).messages).toMatchSnapshot();
    });
  });
});
