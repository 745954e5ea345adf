/** `npm run test:browser`: the IDE page, and CORS from a page on another origin, in headless Chromium (needs /usr/bin/chromium). */
const base = require("./jest.config");
module.exports = { ...base, testMatch: ["<rootDir>/tests/browser/**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/"], testTimeout: 60000 };
