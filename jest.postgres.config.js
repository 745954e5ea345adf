const base = require("./jest.config");

/**
 * `npm run test:postgres`: the same suite on PostgreSQL (TEST_DATABASE_URL), each test database a
 * new database of that server. Files about SQLite alone (*.sqlite.test.ts) are left out; files
 * about PostgreSQL alone (*.postgres.test.ts) run only here.
 */
module.exports = {
  ...base,
  testPathIgnorePatterns: [...base.testPathIgnorePatterns.filter((p) => !p.includes("postgres")), "\\.sqlite\\.test\\.ts$"],
  setupFilesAfterEnv: ["<rootDir>/tests/helpers/drop-databases.ts"],
};
