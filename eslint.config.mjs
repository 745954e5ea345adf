// ESLint flat config (an .mjs file because the package is CommonJS). Layout is Prettier's job:
// eslint-config-prettier, last, switches off every stylistic rule that would fight it.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Values typed `any` allowed: for code whose data is untyped JSON or SQL rows by nature. */
const anyAllowed = Object.fromEntries(
  ["no-explicit-any", "no-unsafe-argument", "no-unsafe-assignment", "no-unsafe-call", "no-unsafe-member-access", "no-unsafe-return"].map((rule) => [
    `@typescript-eslint/${rule}`,
    "off",
  ]),
);

export default defineConfig(
  { ignores: ["dist/", "coverage/", "data/", "node_modules/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Async without await is how this code implements promise-returning interfaces (Apollo plugin
      // hooks, the database seam's close/rows): a throw becomes a rejection, as callers expect.
      "@typescript-eslint/require-await": "off",
      // Beyond the presets, bugs the presets let through: a promise returned from a try block skips
      // its catch and finally; a switch over a union that misses a member; == where === was meant.
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ["error", "smart"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read GraphQL answers as parsed JSON (`data.people.nodes[0].name`): typing every answer
    // would add nothing a failing expectation does not already say.
    files: ["tests/**/*.ts"],
    rules: anyAllowed,
  },
  {
    // The data floor reads hand-written SQL rows straight off the driver, untyped on purpose: it is
    // the benchmark's no-mapping baseline, and types would only restate its SELECT lists.
    files: ["bench/data-floor.ts"],
    rules: anyAllowed,
  },
  {
    // PostGraphile's answers are compared with ours field by field as untyped JSON, as the tests read
    // GraphQL answers: its schema is another server's, and types would only restate the queries.
    files: ["bench/postgraphile-queries.ts"],
    rules: anyAllowed,
  },
  {
    // CommonJS configuration files run by Node (jest's configs).
    files: ["**/*.js"],
    ignores: ["src/http/ide-page.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    // Served to the browser as a plain script; React, ReactDOM and GraphiQL come from the page.
    files: ["src/http/ide-page.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  { files: ["eslint.config.mjs"], languageOptions: { globals: globals.node } },
  prettier,
);
