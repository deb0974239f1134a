/** Browser tests: the built server on a throw-away SQLite file, driven by Debian's Chromium through playwright-core. */
const base = require("./jest.config.cjs");

module.exports = {
  ...base,
  testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"],
  globalSetup: "<rootDir>/tests/e2e/support/global-setup.ts",
  setupFiles: ["<rootDir>/tests/support/setup-env.ts"],
  globalTeardown: "<rootDir>/tests/e2e/support/global-teardown.ts",
  maxWorkers: 1,
  testTimeout: 90000,
};
