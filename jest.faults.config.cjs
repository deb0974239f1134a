/**
 * Fault tests (tests/faults/): the built server against a MariaDB server the suite starts itself
 * (own data directory and port), killed and restarted mid-load; SIGTERM during load; uploads to a
 * full or unwritable UPLOAD_DIR. Needs `npm run build` (start.ts builds when missing or stale).
 *   npm run test:faults
 */
const base = require("./jest.config.cjs");

module.exports = {
  ...base,
  testMatch: ["<rootDir>/tests/faults/**/*.test.ts"],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
  testTimeout: 180000,
};
