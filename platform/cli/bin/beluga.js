#!/usr/bin/env node
// `beluga` on PATH (package.json "bin"; `npx beluga …`): runs the TypeScript CLI through ts-node,
// transpile-only (the type check is `npm run build`, part of `npm test`).
"use strict";
require("ts-node").register({ transpileOnly: true, project: require("node:path").join(__dirname, "../../../tsconfig.json") });
require("../main.ts");
