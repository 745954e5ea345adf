// ESLint flat config (an .mjs file because the package is CommonJS). Layout is Prettier's job:
// eslint-config-prettier, last, switches off every stylistic rule that would fight it.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read GraphQL answers as parsed JSON (`data.people.nodes[0].name`): typing every answer
    // would add nothing a failing expectation does not already say.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // The data floor reads hand-written SQL rows straight off the driver, untyped on purpose: it is
    // the benchmark's no-mapping baseline, and types would only restate its SELECT lists.
    files: ["bench/data-floor.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
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
