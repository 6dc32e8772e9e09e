/** How every `beluga` command reports a machine that lacks a tool: a set-up step, never "a bug". */
import { spawnSync } from "node:child_process";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { printError } from "../../../platform/cli/cli-errors";

function printed(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  return { code: printError("gate check", error, (l) => lines.push(l)), lines };
}

it("names the missing pulumi binary the Automation API could not start, with the set-up step, without a trace", async () => {
  const path = process.env.PATH;
  process.env.PATH = "/nonexistent";
  let error: unknown;
  try {
    await LocalWorkspace.create({ workDir: __dirname, envVars: { PULUMI_SKIP_UPDATE_CHECK: "true" } });
  } catch (e) {
    error = e;
  } finally {
    process.env.PATH = path;
  }
  const { code, lines } = printed(error);
  expect(code).toBe(1);
  expect(lines[0]).toBe("gate check: the `pulumi` command was not found on PATH; nothing was done");
  expect(lines[1]).toContain("npm run setup");
  expect(lines.join("\n")).not.toMatch(/unexpected error|\n\s+at /);
});

it("names a program a command spawned itself", () => {
  const { error } = spawnSync("kubectl-not-installed-here", ["version"]);
  expect(printed(error).lines[0]).toBe("gate check: the `kubectl-not-installed-here` command was not found on PATH; nothing was done");
});

it("still reports a programming error as a bug with its trace", () => {
  const { lines } = printed(new TypeError("x is undefined"));
  expect(lines[0]).toBe("gate check: unexpected error (a bug: please report it with this trace)");
  expect(lines[1]).toMatch(/TypeError: x is undefined\n\s+at /);
});
