/**
 * Two projects: `unit` (pure functions, constructs, Pulumi programs under recording mocks; no engine,
 * no cluster) and `e2e` (the real Pulumi CLI against the embedded control plane; sets its own timeouts).
 */
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "/node_modules/"],
      transform,
      testEnvironment: "node",
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform,
      testEnvironment: "node",
    },
  ],
};
