// Loads TypeScript sources through a content-addressed transpile cache: `node -r <this file> x.ts`.
// Every `beluga` command (and `estate diff`'s render of the base commit) used to start through
// ts-node, which transpiled every module of the CLI at each start (~5 s of CPU on 2 cores), the same
// sources every time; a pipeline job runs three or four commands. Here a module's JavaScript is kept
// by sha256 of the TypeScript version, the options, the file's name and its source, and TypeScript
// itself is loaded only on a miss. The key holds the base name, not the path: the emit depends on the
// base name only (source map `file`/`sources`), so clean job copies of a checkout share the cache.
// Same emit as ts-node --transpile-only with this repository's tsconfig (CommonJS, ES2022, strict,
// esModuleInterop). The cache: $BELUGA_TS_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/beluga/ts-js, per
// machine like the tools (a bad entry is never reused: the key changes with the source).
"use strict";
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { homedir } = require("node:os");
const { basename, join } = require("node:path");

const dir = process.env.BELUGA_TS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "beluga", "ts-js");
const tsVersion = JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
const OPTIONS = { module: "commonjs", target: "es2022", strict: true, esModuleInterop: true, isolatedModules: true, inlineSourceMap: true };
const salt = `${tsVersion}\0${JSON.stringify(OPTIONS)}\0`;
let ts;

function transpile(source, filename) {
  ts ??= require("typescript");
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      esModuleInterop: true,
      isolatedModules: true,
      inlineSourceMap: true,
    },
  });
  if (diagnostics && diagnostics.length > 0)
    throw new Error(`${filename}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`);
  return outputText;
}

process.setSourceMapsEnabled(true);
Module._extensions[".ts"] = (module, filename) => {
  const source = readFileSync(filename, "utf8");
  const key = createHash("sha256").update(salt).update(basename(filename)).update("\0").update(source).digest("hex");
  const file = join(dir, key.slice(0, 2), `${key}.js`);
  let js;
  try {
    js = readFileSync(file, "utf8");
  } catch {
    js = transpile(source, filename);
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    const staging = `${file}.${process.pid}.tmp`;
    writeFileSync(staging, js);
    renameSync(staging, file);
  }
  module._compile(js, filename);
};
