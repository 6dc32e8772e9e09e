// @ts-check
/**
 * Lint for the whole repo: typescript-eslint `recommended` (syntactic only, no type information, so it
 * stays fast), eslint-config-prettier last so formatting belongs to prettier alone, and three
 * architecture rules that are the point of this file:
 *   a. constructs/ is a library: it never imports the instance (environments, platform, apps);
 *   b. constructs/ does no I/O outside modules under an io/ folder (fs, child_process, GitLab API, process.env);
 *   c. outside environments/ (and tests), code never compares an environment's name with a literal:
 *      the behaviour is a field of EnvironmentSpec.
 * test/architecture/architecture-rules.test.ts proves each of them fires.
 */
import { defineConfig, globalIgnores } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

const TEST_FILES = ["test/**", "**/*.test.ts", "**/*.spec.ts"];

// (a) constructs/ takes the instance as an argument.
const INSTANCE_MESSAGE = "constructs/ is a library: take the instance (catalog, environments, apps) as an argument";
const INSTANCE_IMPORTS = { group: ["**/environments", "**/environments/**", "**/platform/**", "**/apps/**"], message: INSTANCE_MESSAGE };
const INSTANCE_SOURCE = String.raw`/(^|\/)environments(\/|$)|(^|\/)(platform|apps)\//`;

// (b) I/O lives in modules under an io/ folder.
const IO_MESSAGE = "I/O lives in modules under an io/ folder";
const IO_MODULES = ["fs", "node:fs", "fs/promises", "node:fs/promises", "child_process", "node:child_process", "@gitbeaker/rest"].map(
  (name) => ({ name, message: IO_MESSAGE }),
);
const IO_SOURCE = String.raw`/^(node:)?(fs|fs\/promises|child_process)$|^@gitbeaker\/rest$/`;

/**
 * no-restricted-imports sees `import` and `export ... from` only; the code base also loads modules lazily
 * (`require(...) as typeof import(...)`), so (a) and (b) also cover require(), import() and `import x = require()`.
 */
const loadsOf = (source, message) =>
  [
    `CallExpression[callee.type="Identifier"][callee.name="require"][arguments.0.value=${source}]`,
    `ImportExpression[source.value=${source}]`,
    `TSExternalModuleReference[expression.value=${source}]`,
  ].map((selector) => ({ selector, message }));

// (c) An environment's name is an identity, not a behaviour switch.
const ENV_NAME = "/^(dev|int|re7|prod)$/";
const ENV_MESSAGE = "environment behaviour is a field of EnvironmentSpec (environments/), never a comparison with an environment's name";
const ENV_NAME_COMPARISONS = [
  `BinaryExpression[operator=/^[!=]==?$/][right.type="Literal"][right.value=${ENV_NAME}]`,
  `BinaryExpression[operator=/^[!=]==?$/][left.type="Literal"][left.value=${ENV_NAME}]`,
  `SwitchCase[test.type="Literal"][test.value=${ENV_NAME}]`,
].map((selector) => ({ selector, message: ENV_MESSAGE }));

export default defineConfig(
  // Generated code, local state, build outputs.
  globalIgnores([
    "constructs/k8s/imports/",
    "constructs/k8s/crds/",
    "apps/*/.gitlab-ci.yml",
    ".gitlab/",
    "test/**/__snapshots__/",
    "**/*.snap",
    "test/fixtures/**/*.json",
    "**/node_modules/",
    ".beluga/",
    "dist/",
    "coverage/",
    // Compiled output; the only hand-written JavaScript is configuration.
    "**/*.js",
    "!jest.config.js",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // (c) everywhere but environments/ (where the names are defined) and tests (which pick environments by name).
    files: ["**/*.ts"],
    ignores: ["environments/**", ...TEST_FILES],
    rules: {
      "no-restricted-syntax": ["error", ...ENV_NAME_COMPARISONS],
    },
  },
  // A later block replaces a rule's options instead of adding to them: each block below repeats what it keeps.
  {
    // (a) + (c) for every file of constructs/, io/ included.
    files: ["constructs/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [INSTANCE_IMPORTS] }],
      "no-restricted-syntax": ["error", ...ENV_NAME_COMPARISONS, ...loadsOf(INSTANCE_SOURCE, INSTANCE_MESSAGE)],
    },
  },
  {
    // (a) + (b) + (c) outside io/.
    files: ["constructs/**/*.ts"],
    ignores: ["constructs/**/io/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: IO_MODULES, patterns: [INSTANCE_IMPORTS] }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: IO_MESSAGE }],
      "no-restricted-syntax": [
        "error",
        ...ENV_NAME_COMPARISONS,
        ...loadsOf(INSTANCE_SOURCE, INSTANCE_MESSAGE),
        ...loadsOf(IO_SOURCE, IO_MESSAGE),
      ],
    },
  },
  {
    // Policies and status readers inspect Kubernetes objects as the API returns them: loosely typed on purpose.
    // Visible, not failing, until they get proper types.
    files: ["constructs/policy/**/*.ts", "constructs/pulumi/kubernetes-object.ts", "platform/deploy/workload-status.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    // Tests may require() fixtures and modules under mocks, use `any` to build malformed input, and assert
    // non-null where the fixture guarantees it.
    files: TEST_FILES,
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["jest.config.js"],
    languageOptions: { sourceType: "commonjs" },
  },
  // Last: turn off every rule that prettier owns.
  prettier,
);
