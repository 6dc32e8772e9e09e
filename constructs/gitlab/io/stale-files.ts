import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A generated file that differs from what the generator produces now. */
export interface StaleFile {
  readonly path: string;
  readonly reason: "missing" | "changed";
}

/** The generated files under `root` that regenerating would create or change. */
export function staleFiles(root: string, files: ReadonlyMap<string, string>): StaleFile[] {
  const out: StaleFile[] = [];
  for (const [path, content] of files) {
    const target = join(root, path);
    if (!existsSync(target)) out.push({ path, reason: "missing" });
    else if (readFileSync(target, "utf8") !== content) out.push({ path, reason: "changed" });
  }
  return out;
}
