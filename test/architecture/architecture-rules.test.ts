import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Linter } from "eslint";

/**
 * The architecture rules of eslint.config.mjs, run through ESLint's Node API on small snippets placed (by
 * `filePath`, the files need not exist) where each rule applies or does not:
 *   a. constructs/ never imports the instance (environments, platform, apps);
 *   b. constructs/ does I/O (fs, child_process, GitLab API, process.env) only under an io/ folder;
 *   c. outside environments/ and tests, no comparison of an environment's name with a literal.
 * An allowed snippet must lint clean under the whole configuration, so it proves no rule fires.
 *
 * ESLint loads eslint.config.mjs with import(), which jest's module sandbox refuses without
 * --experimental-vm-modules: the ESLint instance lives in one plain node process that lints the snippets
 * this file sends it, one JSON line each way.
 */
const ROOT = join(__dirname, "..", "..");
const WORKER = `
const { ESLint } = require("eslint");
const { createInterface } = require("node:readline");
const eslint = new ESLint({ cwd: process.argv[1], overrideConfigFile: process.argv[2] });
createInterface({ input: process.stdin }).on("line", async (line) => {
  const { id, code, filePath } = JSON.parse(line);
  try {
    const [result] = await eslint.lintText(code, { filePath });
    process.stdout.write(JSON.stringify({ id, messages: result.messages }) + "\\n");
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: String(error && error.stack || error) }) + "\\n");
  }
});
`;

let worker: ChildProcessWithoutNullStreams;
const pending = new Map<number, { resolve: (m: Linter.LintMessage[]) => void; reject: (e: Error) => void }>();
let nextId = 0;
let stderr = "";

beforeAll(() => {
  worker = spawn(process.execPath, ["-e", WORKER, ROOT, join(ROOT, "eslint.config.mjs")], { cwd: ROOT });
  worker.stderr.on("data", (chunk) => (stderr += chunk));
  createInterface({ input: worker.stdout }).on("line", (line) => {
    const { id, messages, error } = JSON.parse(line) as { id: number; messages?: Linter.LintMessage[]; error?: string };
    const waiting = pending.get(id);
    pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(error));
    else waiting?.resolve(messages ?? []);
  });
  worker.on("exit", (code) => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the ESLint process exited (${code}): ${stderr}`));
    pending.clear();
  });
});

afterAll(async () => {
  if (worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.stdin.end();
  await exited;
});

function lint(code: string, file: string): Promise<Linter.LintMessage[]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.stdin.write(JSON.stringify({ id, code, filePath: join(ROOT, file) }) + "\n");
  });
}

const INSTANCE = "constructs/ is a library: take the instance (catalog, environments, apps) as an argument";
const IO = "I/O lives in modules under an io/ folder";
const ENV_NAME = "environment behaviour is a field of EnvironmentSpec (environments/), never a comparison with an environment's name";

/** The errors a snippet raises, as `rule: message`. */
async function errors(code: string, file: string): Promise<string[]> {
  return (await lint(code, file)).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (source: string) => `import { thing } from "${source}";\nexport const value = thing;\n`;
const comparing = (condition: string) =>
  `export function pick(env: { name: string }): number {\n  if (${condition}) return 1;\n  return 0;\n}\n`;

jest.setTimeout(60_000);

describe("a. constructs/ takes the instance as an argument", () => {
  it.each([
    ["../../environments", "constructs/policy/x.ts"],
    ["../../environments/prod", "constructs/policy/x.ts"],
    ["../../platform/catalog", "constructs/pulumi/x.ts"],
    ["../../apps/souscription/app", "constructs/k8s/x.ts"],
    ["../../../environments", "constructs/gitlab/io/x.ts"],
  ])("fails when a file under constructs/ imports %s (%s)", async (source, file) => {
    expect(await errors(importing(source), file)).toEqual([
      `no-restricted-imports: '${source}' import is restricted from being used by a pattern. ${INSTANCE}`,
    ]);
  });

  it("fails when a file under constructs/ re-exports the environments", async () => {
    expect(await errors(`export { environments } from "../../environments";\n`, "constructs/model/x.ts")).toEqual([
      `no-restricted-imports: '../../environments' import is restricted from being used by a pattern. ${INSTANCE}`,
    ]);
  });

  it("fails when a file under constructs/ loads the environments lazily with require()", async () => {
    const code = `export const load = () => require("../../environments") as typeof import("../../environments");\n`;
    expect(await errors(code, "constructs/policy/x.ts")).toEqual([
      "@typescript-eslint/no-require-imports: A `require()` style import is forbidden.",
      `no-restricted-syntax: ${INSTANCE}`,
    ]);
  });

  it("allows constructs/ to import constructs/ and packages, whatever their names", async () => {
    expect(await lint(importing("../model/environment-spec"), "constructs/policy/x.ts")).toEqual([]);
    expect(await lint(importing("cdk8s-plus-27"), "constructs/k8s/x.ts")).toEqual([]);
  });

  it("allows platform/ and apps/ to import the environments", async () => {
    expect(await lint(importing("../../environments"), "platform/cli/x.ts")).toEqual([]);
    expect(await lint(importing("../../environments"), "apps/souscription/x.ts")).toEqual([]);
  });
});

describe("b. I/O lives under an io/ folder of constructs/", () => {
  const readingEnv = `export const token = (): string | undefined => process.env.X;\n`;

  it("fails when constructs/policy/x.ts reads process.env", async () => {
    expect(await errors(readingEnv, "constructs/policy/x.ts")).toEqual([
      `no-restricted-properties: 'process.env' is restricted from being used. ${IO}`,
    ]);
  });

  it("fails when constructs/policy/x.ts destructures process.env", async () => {
    expect(await errors(`const { env } = process;\nexport const x = env.X;\n`, "constructs/policy/x.ts")).toEqual([
      `no-restricted-properties: 'process.env' is restricted from being used. ${IO}`,
    ]);
  });

  it("allows process.env in constructs/policy/io/x.ts and outside constructs/", async () => {
    expect(await lint(readingEnv, "constructs/policy/io/x.ts")).toEqual([]);
    expect(await lint(readingEnv, "constructs/gitlab/io/project/x.ts")).toEqual([]);
    expect(await lint(readingEnv, "platform/cli/x.ts")).toEqual([]);
  });

  it.each(["node:fs", "fs", "node:fs/promises", "node:child_process", "child_process", "@gitbeaker/rest"])(
    "fails when constructs/policy/x.ts imports %s",
    async (source) => {
      expect(await errors(importing(source), "constructs/policy/x.ts")).toEqual([
        `no-restricted-imports: '${source}' import is restricted from being used. ${IO}`,
      ]);
    },
  );

  it.each(["node:fs", "child_process", "@gitbeaker/rest"])("allows constructs/policy/io/x.ts to import %s", async (source) => {
    expect(await lint(importing(source), "constructs/policy/io/x.ts")).toEqual([]);
  });

  it("fails when constructs/gitlab/x.ts loads @gitbeaker/rest lazily with require()", async () => {
    const code = `export const load = () => require("@gitbeaker/rest") as typeof import("@gitbeaker/rest");\n`;
    expect(await errors(code, "constructs/gitlab/x.ts")).toEqual([
      "@typescript-eslint/no-require-imports: A `require()` style import is forbidden.",
      `no-restricted-syntax: ${IO}`,
    ]);
  });

  it("fails when constructs/gitlab/x.ts imports node:fs with import()", async () => {
    expect(await errors(`export const load = () => import("node:fs");\n`, "constructs/gitlab/x.ts")).toEqual([
      `no-restricted-syntax: ${IO}`,
    ]);
  });
});

describe("c. no comparison of an environment's name with a literal outside environments/", () => {
  it.each([`env.name === "prod"`, `env.name !== "prod"`, `env.name == "dev"`, `env.name != "int"`, `"re7" === env.name`])(
    "fails when platform/cli/x.ts tests %s",
    async (condition) => {
      expect(await errors(comparing(condition), "platform/cli/x.ts")).toEqual([`no-restricted-syntax: ${ENV_NAME}`]);
    },
  );

  it("fails when a switch on an environment's name has a case for one", async () => {
    const code = `export function pick(env: { name: string }): number {\n  switch (env.name) {\n    case "prod":\n      return 1;\n    default:\n      return 0;\n  }\n}\n`;
    expect(await errors(code, "platform/cli/x.ts")).toEqual([`no-restricted-syntax: ${ENV_NAME}`]);
  });

  it("fails in constructs/ as well, io/ included, next to the import rules", async () => {
    expect(await errors(comparing(`env.name === "prod"`), "constructs/policy/x.ts")).toEqual([`no-restricted-syntax: ${ENV_NAME}`]);
    expect(await errors(comparing(`env.name === "prod"`), "constructs/policy/io/x.ts")).toEqual([`no-restricted-syntax: ${ENV_NAME}`]);
  });

  it("allows the comparison in environments/x.ts and in tests", async () => {
    expect(await lint(comparing(`env.name === "prod"`), "environments/x.ts")).toEqual([]);
    expect(await lint(comparing(`env.name === "prod"`), "test/cli/x.test.ts")).toEqual([]);
  });

  it("leaves other literals alone", async () => {
    expect(await lint(comparing(`env.name === "production"`), "platform/cli/x.ts")).toEqual([]);
    expect(await lint(comparing(`env.name.length === 4`), "platform/cli/x.ts")).toEqual([]);
  });
});
