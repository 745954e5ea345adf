/** `npm test`: everything under tests/ except the browser suite (`npm run test:browser`). */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": "ts-jest" },
  setupFiles: ["reflect-metadata"],
  testMatch: ["<rootDir>/tests/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/browser/"],
  testTimeout: 30000,
};
