import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { runBeluga } from "../../../platform/cli/beluga";
import { beluga } from "../../../platform/instance";
import { REPO_ROOT } from "../../../platform/repo-root";

/** Runs the CLI in this process on `args`; returns its exit code and what it printed. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const log = jest.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void (stdout += `${parts.join(" ")}\n`));
  const error = jest.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (stderr += `${parts.join(" ")}\n`));
  try {
    const code = await runBeluga(beluga, args);
    return { code, stdout, stderr };
  } finally {
    [out, err, log, error].forEach((spy) => spy.mockRestore());
    process.exitCode = undefined;
  }
}

describe("beluga CLI", () => {
  jest.setTimeout(120_000);
  const previousChange = process.env.BELUGA_CHANGE_ID;
  beforeAll(() => delete process.env.BELUGA_CHANGE_ID);
  afterAll(() => (previousChange === undefined ? undefined : void (process.env.BELUGA_CHANGE_ID = previousChange)));

  it("runs as the package's bin and lists every command, each with a description", () => {
    const bin = join(REPO_ROOT, require(join(REPO_ROOT, "package.json")).bin.beluga);
    const help = spawnSync(process.execPath, [bin, "--help"], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000 });
    expect(help.status).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+)(?: \[options\])?(?: \[command\])?(?: <[^>]+>)?\s{2,}(\S.*)$/gm)].map(
      (m) => m[1],
    );
    expect(commands).toEqual([
      "deploy",
      "preview",
      "drift",
      "synth",
      "gate",
      "contract",
      "gitlab",
      "estate",
      "fleet",
      "new",
      "catalog",
      "portal",
      "cluster",
      "help",
    ]);
  });

  it("fails with exit code 2 and the known names when an option's value is not in the instance", async () => {
    const unknownEnv = await run("contract", "--env", "staging");
    expect(unknownEnv.code).toBe(2);
    expect(unknownEnv.stderr).toContain(
      "error: option '-e, --env <env>' argument 'staging' is invalid. Allowed choices are dev, int, re7, prod.",
    );
    const unknownApp = await run("gate", "check", "--app", "nope", "--env", "dev");
    expect(unknownApp.code).toBe(2);
    expect(unknownApp.stderr).toContain("Allowed choices are espace-client, gestion-contrats, sinistre, souscription.");
  });

  it("fails with exit code 2 on an unknown command or option", async () => {
    expect((await run("deplyo")).code).toBe(2);
    expect((await run()).code).toBe(2);
    expect((await run("gate")).code).toBe(2);
    expect((await run("gate", "--help")).code).toBe(0);
    expect((await run("contract", "--frobnicate")).code).toBe(2);
    expect((await run("new", "app", "mon-app", "--team", "claims")).code).toBe(2);
  });

  it("fails with exit code 2 and a hint on a malformed value", async () => {
    const bad = await run("gate", "check", "--app", "sinistre", "--env", "dev", "--now", "yesterday");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gate check: --now "yesterday" is not an ISO date\n  → e.g. --now 2026-04-14T10:00:00+02:00\n');
  });

  it("fails with exit code 1 when a gate refuses, printing the refusals without a stack trace", async () => {
    // The gate reads RE7's stack from the state backend: an empty file backend here (nothing ran in RE7).
    const saved = process.env.PULUMI_BACKEND_URL;
    process.env.PULUMI_BACKEND_URL = pathToFileURL(mkdtempSync(join(tmpdir(), "beluga-gate-backend-"))).href;
    const refused = await run("gate", "check", "--app", "gestion-contrats", "--env", "prod", "--now", "2026-11-22T10:00:00Z").finally(
      () => (process.env.PULUMI_BACKEND_URL = saved),
    );
    expect(refused.stderr).toContain("has not been verified in RE7 (RE7 has no recorded deployment of it)");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^gate check: gestion-contrats → prod refused by its gates\n {2}✗ gestion-contrats: /);
    expect(refused.stderr).toContain("11-22 is outside the release windows (04-01 → 04-30, 10-01 → 10-31), so Prod refuses this deploy");
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });

  it("refuses the GitLab projects stack without its config, naming each key and the command to set it, creating nothing", async () => {
    const refused = await run("gitlab", "projects", "up");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "gitlab projects: platform/gitlab-projects/Pulumi.gitlab.yaml lacks gitlabUrl, gitlabToken, namespaceId, rootProject; nothing was done",
    );
    expect(refused.stderr).toContain("✗ gitlabToken: pulumi config set -s gitlab --secret gitlabToken <value>");
    expect(existsSync(join(REPO_ROOT, "platform/gitlab-projects/Pulumi.gitlab.yaml"))).toBe(false);
  });

  it("exits 0 when the command succeeds", async () => {
    const ok = await run("contract", "--app", "sinistre", "--env", "dev");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^sinistre-dev: at minimum scale/);
  });
});

describe("beluga help", () => {
  it("gives every command and every option a description", () => {
    const missing: string[] = [];
    const walk = (command: import("commander").Command, path: string) => {
      if (!command.description()) missing.push(`${path}: command`);
      for (const option of command.options) if (!option.description) missing.push(`${path} ${option.flags}`);
      for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`);
    };
    const { belugaProgram } = require("../../../platform/cli/beluga") as typeof import("../../../platform/cli/beluga");
    walk(belugaProgram(beluga), "beluga");
    expect(missing).toEqual([]);
  });

  it("offers --env choices from the instance, in promotion order, on every command that takes one", () => {
    const { belugaProgram } = require("../../../platform/cli/beluga") as typeof import("../../../platform/cli/beluga");
    const envOptions: string[][] = [];
    const walk = (command: import("commander").Command) => {
      for (const option of command.options) if (option.long === "--env" && option.argChoices) envOptions.push(option.argChoices);
      command.commands.forEach(walk);
    };
    walk(belugaProgram(beluga));
    expect(envOptions.length).toBeGreaterThanOrEqual(5);
    for (const choices of envOptions) expect(beluga.environments.names).toEqual(expect.arrayContaining(choices));
  });
});
