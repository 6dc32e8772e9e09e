#!/usr/bin/env node
// `beluga` (npm scripts, package.json "bin", `npx beluga …`): runs the TypeScript CLI transpile-only
// (the type check is `npm run build`, part of `npm test`) through the content-addressed transpile cache
// of ts-cached-loader.js, so a command starts in ~2 s instead of ~7 s once its sources were seen.
"use strict";
require("./ts-cached-loader.js");
require("../main.ts");
