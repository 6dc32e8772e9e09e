/** Two projects: fast unit tests (no engine, no cluster) and end-to-end tests on the embedded platform. */
const tsJest = ["ts-jest", { isolatedModules: true, diagnostics: false }];
module.exports = {
  projects: [
    {
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["<rootDir>/test/e2e/", "/node_modules/"],
      transform: { "^.+\\.ts$": tsJest },
      testEnvironment: "node",
    },
    {
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform: { "^.+\\.ts$": tsJest },
      testEnvironment: "node",
      testTimeout: 600000,
    },
  ],
};
