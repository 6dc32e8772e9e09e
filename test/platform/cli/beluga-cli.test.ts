import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../../../platform/repo-root";

/** Runs the real `beluga` bin (the file package.json's "bin" points at) with the repository's Node. */
function beluga(...args: string[]): { code: number; stdout: string; stderr: string } {
  const bin = join(REPO_ROOT, require(join(REPO_ROOT, "package.json")).bin.beluga);
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 120_000, env: withoutEmergencyChange() });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe("beluga CLI", () => {
  jest.setTimeout(180_000);

  it("lists every command, each with a description", () => {
    const help = beluga("--help");
    expect(help.code).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+)(?: \[options\])?(?: \[command\])?(?: <[^>]+>)?\s{2,}(\S.*)$/gm)].map((m) => m[1]);
    expect(commands).toEqual(["deploy", "preview", "synth", "gate", "contract", "gitlab", "estate", "fleet", "cluster", "help"]);
  });

  it("fails with exit code 2 and the known names when an option's value is not in the instance", () => {
    const unknownEnv = beluga("contract", "--env", "staging");
    expect(unknownEnv.code).toBe(2);
    expect(unknownEnv.stderr).toContain("error: option '-e, --env <env>' argument 'staging' is invalid. Allowed choices are dev, int, re7, prod.");
    const unknownApp = beluga("gate", "check", "--app", "nope", "--env", "dev");
    expect(unknownApp.code).toBe(2);
    expect(unknownApp.stderr).toContain("Allowed choices are souscription, sinistre, espace-client, gestion-contrats.");
  });

  it("fails with exit code 2 on an unknown command or option", () => {
    expect(beluga("deplyo").code).toBe(2);
    expect(beluga("contract", "--frobnicate").code).toBe(2);
  });

  it("fails with exit code 2 and a hint on a malformed value", () => {
    const bad = beluga("gate", "check", "--app", "sinistre", "--env", "dev", "--now", "yesterday");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gate check: --now "yesterday" is not an ISO date\n  → e.g. --now 2026-04-14T10:00:00+02:00\n');
  });

  it("fails with exit code 1 when a gate refuses, printing the refusal without a stack trace", () => {
    const ledger = mkdtempSync(join(tmpdir(), "ledger-"));
    const refused = beluga("gate", "check", "--app", "gestion-contrats", "--env", "prod", "--now", "2026-11-22T10:00:00Z", "--ledger", ledger);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^gate check: gestion-contrats → prod refused by its gates\n {2}✗ gestion-contrats: /);
    expect(refused.stderr).toContain("11-22 is outside the release windows (04-01 → 04-30, 10-01 → 10-31), so Prod refuses this deploy");
    expect(refused.stderr).not.toMatch(/^\s+at /m);
  });

  it("exits 0 when the command succeeds", () => {
    const ok = beluga("contract", "--app", "sinistre", "--env", "dev");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^sinistre-dev: at minimum scale/);
  });
});

function withoutEmergencyChange(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.BELUGA_EMERGENCY_CHANGE;
  return env;
}
