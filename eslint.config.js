// Lints this repository: @eslint/js + typescript-eslint (type-checked on TS files) everywhere, and
// eslint-plugin-eslint-plugin on the rules and their tests.
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Node's globals (the `globals` package is only a transitive dependency here, so they are listed).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'queueMicrotask', 'structuredClone', 'performance', 'globalThis', 'AbortController', 'TextEncoder', 'TextDecoder']
    .map((name) => [name, 'readonly']),
);

export default defineConfig(
  globalIgnores(
    ['dist/', 'node_modules/', 'examples/', 'tests/fixtures/', 'tests/corpus/files/', 'bench/.cache/', 'coverage/', '.scratch/', '.baseline/', '.review-dist-1/', '.review-dist-2/', '.ci/out/', '.cache/'],
    'connection-hygiene/ignores',
  ),
  {
    name: 'connection-hygiene/base',
    files: ['**/*.{js,mjs,cjs,ts,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: nodeGlobals,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // AST code compares `node.type` with string literals, the idiom of ESLint rules; that is not an enum mix-up.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // JavaScript files are not in tsconfig.json: lint them without type information.
    name: 'connection-hygiene/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    name: 'connection-hygiene/rules',
    files: ['rules/**/*.ts'],
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Disallow|Require|Enforce|Prefer) ' }],
      // our meta.docs.recommended names the config: 'recommended' | 'strict'
      'eslint-plugin/require-meta-docs-recommended': ['error', { allowNonBoolean: true }],
      'eslint-plugin/no-property-in-node': 'error',
      'eslint-plugin/no-matching-violation-suggest-message-ids': 'error',
      'eslint-plugin/prefer-placeholders': 'error',
      'eslint-plugin/report-message-format': ['error', '\\.$'],
    },
  },
  {
    name: 'connection-hygiene/rule-tests',
    files: ['tests/rules/**/*.ts'],
    extends: [eslintPlugin.configs['tests-recommended']],
    rules: {
      'eslint-plugin/require-test-error-positions': 'error',
      'eslint-plugin/unique-test-case-names': 'error',
      'eslint-plugin/consistent-output': 'error',
    },
  },
);
