/**
 * Two projects: `unit` (pure functions, constructs, Pulumi programs under recording mocks; no engine,
 * no cluster) and `e2e` (the real Pulumi CLI against the embedded control plane; sets its own timeouts).
 */
const transform = { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] };
// Local state (etcd's *.snap files, checkouts, caches) is not part of the code jest should crawl.
const modulePathIgnorePatterns = ["<rootDir>/.beluga/"];
module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "/node_modules/"],
      transform,
      modulePathIgnorePatterns,
      testEnvironment: "node",
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform,
      modulePathIgnorePatterns,
      testEnvironment: "node",
    },
  ],
};
