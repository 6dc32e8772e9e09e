// Entry of the beluga-guardrails pack (package.json "main"). @pulumi/pulumi's run-policy-pack registers
// ts-node *with type checking* before requiring the pack; type-checking the pack's import graph (the
// whole constructs library) took ~11 s of a 15 s no-change `pulumi up` on 2 cores, at every preview
// and up. The graph is type-checked once by `tsc --noEmit` in `npm test`; here the TypeScript is
// loaded transpile-only through the same content-addressed cache as the `beluga` CLI, whose `.ts`
// handler replaces ts-node's for the requires below. Same code, same emit (CommonJS, ES2022).
"use strict";
require("../cli/bin/ts-cached-loader.js");
require("./guardrails.ts");
