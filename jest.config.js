/** `npm test`: everything under tests/ on SQLite, except the browser suite (`npm run test:browser`) and the files about PostgreSQL alone (`npm run test:postgres`). */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFiles: ["reflect-metadata"],
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/browser/", "\\.postgres\\.test\\.ts$"],
  testTimeout: 30000,
};
