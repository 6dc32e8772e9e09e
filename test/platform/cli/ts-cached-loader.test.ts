/**
 * The transpile cache every `beluga` command starts through: clean copies of a checkout (one per CI
 * job) reuse one entry per source, an edited source never runs its stale JavaScript, and a program
 * loaded through it behaves as under ts-node (types stripped, CommonJS, source-mapped stack lines).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const LOADER = join(__dirname, "../../../platform/cli/bin/ts-cached-loader.js");

let scratch: string;
let cache: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "beluga-ts-cache-"));
  cache = join(scratch, "cache");
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const entries = () => readdirSync(cache, { recursive: true }).filter((f) => String(f).endsWith(".js")).length;
function copyWith(name: string, main: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "greet.ts"), "export const greet = (who: string): string => `hello ${who}`;\n");
  writeFileSync(join(dir, "main.ts"), main);
  return join(dir, "main.ts");
}
const run = (entry: string) =>
  execFileSync(process.execPath, ["-r", LOADER, entry], {
    env: { ...process.env, BELUGA_TS_CACHE: cache },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

it("shares one entry per source between two clean copies, and transpiles an edited source anew", () => {
  const main = 'import { greet } from "./greet";\nconsole.log(greet("Int" as string));\n';
  expect(run(copyWith("job-a", main))).toBe("hello Int\n");
  expect(entries()).toBe(2);
  expect(run(copyWith("job-b", main))).toBe("hello Int\n");
  expect(entries()).toBe(2);
  expect(run(copyWith("job-c", main.replace('"Int"', '"RE7"')))).toBe("hello RE7\n");
  expect(entries()).toBe(3);
});

it("reports an error at the line of the TypeScript source", () => {
  const entry = copyWith("job-a", "\n\ntype T = { a: number };\nconst t: T = { a: 1 };\nif (t.a) throw new Error(`boom`);\n");
  let stderr = "";
  try {
    run(entry);
  } catch (error) {
    stderr = String((error as { stderr: string }).stderr);
  }
  expect(stderr).toContain("boom");
  expect(stderr).toMatch(/main\.ts:5:\d+/);
});
