// ESLint (flat config): `npm run lint`. typescript-eslint's type-checked recommended rules on every TypeScript
// file (src/, test/, bench/), ESLint's recommended rules on the plain JavaScript ones; a rule turned off here
// says why.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "test-output/", "bench/results/", "data/", "tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Input checks look for control characters on purpose (N-Triples escapes, IRIs, record texts).
      "no-control-regex": "off",
      // `const { namedNode, literal } = DataFactory` is the RDF/JS idiom; those factories do not use `this`.
      "@typescript-eslint/unbound-method": "off",
      // An async function without `await` is deliberate: its errors become rejections, never synchronous throws.
      "@typescript-eslint/require-await": "off",
      // `_` names a value left out on purpose (destructuring to drop a key, an unused parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Passing on what a catch received is fine; inventing a non-Error is not.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      "@typescript-eslint/only-throw-error": ["error", { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests probe untyped answers (JSON bodies, parsed documents): `any` there is the point, not a slip.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  { files: ["**/*.{js,mjs,cjs}"], ...tseslint.configs.disableTypeChecked },
);
