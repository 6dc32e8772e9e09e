import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Beluga } from "../../../constructs/beluga";
import { belugaPolicies, evaluatePolicies } from "../../../constructs/policy";
import { discoverApps } from "../../../platform/apps";
import { newCommand } from "../../../platform/cli/new-app";
import { beluga } from "../../../platform/instance";
import { REPO_ROOT } from "../../../platform/repo-root";

/**
 * `beluga new app` in a scratch root holding an empty apps/ folder (constructs/ linked, so the written
 * app.ts loads as it would in the repository): what it writes, and what it refuses.
 */
describe("beluga new app", () => {
  jest.setTimeout(120_000);
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "beluga-new-app-"));
    mkdirSync(join(root, "apps"));
    symlinkSync(join(REPO_ROOT, "constructs"), join(root, "constructs"));
    copyFileSync(join(REPO_ROOT, ".prettierrc.json"), join(root, ".prettierrc.json"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    const log = jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`));
    process.exitCode = undefined;
    try {
      const command = newCommand(beluga, root).exitOverride();
      command.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: (text) => void (stderr += text) }));
      await command.parseAsync(args, { from: "user" });
      return { code: typeof process.exitCode === "number" ? process.exitCode : 0, stdout, stderr };
    } finally {
      [err, log].forEach((spy) => spy.mockRestore());
      process.exitCode = undefined;
    }
  }

  it("writes a new app that is discovered, resolves and passes every policy in every environment, with its pipeline and catalog entry", async () => {
    const result = await run(
      "app",
      "mon-app",
      "--team",
      "claims",
      "--component",
      "api:api",
      "--component",
      "front:web:nginx-static",
      "--socle",
      "java21-spring",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readdirSync(join(root, "apps/mon-app")).sort()).toEqual([
      ".gitlab-ci.yml",
      "Pulumi.dev.yaml",
      "Pulumi.int.yaml",
      "Pulumi.prod.yaml",
      "Pulumi.re7.yaml",
      "Pulumi.yaml",
      "app.ts",
      "catalog-info.yaml",
      "index.ts",
    ]);
    const [declaration] = discoverApps(join(root, "apps"));
    expect(declaration.name).toBe("mon-app");
    const withApp = new Beluga(beluga.instance, [...beluga.apps, declaration]);
    for (const env of withApp.environments.list) {
      const rendered = withApp.render(declaration, env);
      const findings = await evaluatePolicies(belugaPolicies(withApp.policyContext(env.name)), rendered.objects);
      expect(findings.map((f) => `${env.name}: ${f.policy}: ${f.message}`)).toEqual([]);
    }
    expect(readFileSync(join(root, "apps/mon-app/.gitlab-ci.yml"), "utf8")).toContain("mon-app:deploy:prod");
    expect(readFileSync(join(root, "apps/mon-app/catalog-info.yaml"), "utf8")).toContain("owner: group:claims");
  });

  it("fails with exit code 2 and writes nothing when the name exists, is invalid, or a kind or socle is unknown", async () => {
    const taken = await run("app", "sinistre", "--team", "claims", "--component", "api:api:java21-spring");
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain(
      "new app: app sinistre already exists (apps/sinistre/); choose another name or edit apps/sinistre/app.ts",
    );
    const bad = await run("app", "Bad_Name", "--team", "claims", "--component", "api:lambda", "--socle", "cobol");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("new app: 3 problems; nothing was written:");
    expect(bad.stderr).toContain('--component api:lambda: unknown kind "lambda"; use one of web, api, worker, batch');
    expect(bad.stderr).toContain('--component api:lambda: unknown socle "cobol"');
    expect(existsSync(join(root, "apps/Bad_Name"))).toBe(false);
    expect(readdirSync(join(root, "apps"))).toEqual([]);
  });
});
