/** Unit and integration tests: real database (SQLite temp file, or MySQL/MariaDB when DATABASE_URL says so). */
const swc = [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax: "typescript", tsx: true },
      transform: { react: { runtime: "automatic" } },
      target: "es2022",
    },
    module: { type: "commonjs" },
  },
];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["<rootDir>/tests/{unit,integration}/**/*.test.{ts,tsx}"],
  transform: { "^.+\\.(t|j)sx?$": swc, "^.+\\.mjs$": swc },
  // ESM-only packages are transformed too; everything else in node_modules is left as is.
  transformIgnorePatterns: ["/node_modules/(?!(remix-i18next)/)"],
  moduleNameMapper: { "^~/(.*)$": "<rootDir>/app/$1" },
  setupFiles: ["<rootDir>/tests/support/setup-env.ts"],
  globalSetup: "<rootDir>/tests/support/global-setup.ts",
  globalTeardown: "<rootDir>/tests/support/global-teardown.ts",
  testTimeout: 60000,
};
