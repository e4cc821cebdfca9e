// The project lints its own sources with its strictest preset, typed. The plugin
// is loaded from its build, so run `pnpm build` first (CI does):
//
//   node packages/eslint-plugin/node_modules/eslint/bin/eslint.js "packages/*/src/**/*.ts"
import { createRequire } from 'node:module';

import taskscope from './packages/eslint-plugin/dist/index.js';

// ESLint and typescript-eslint are dev dependencies of the plugin package, not of the root.
const require = createRequire(new URL('./packages/eslint-plugin/package.json', import.meta.url));
const tsParser = require('@typescript-eslint/parser');

const sources = ['packages/*/src/**/*.ts'];

export default [
  {
    files: sources,
    languageOptions: {
      parser: tsParser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { ...taskscope.configs.strict, files: sources },
  {
    // Core's boundary: lib is rule-agnostic, and a rule uses lib, never another rule (CONTRIBUTING.md).
    files: ['packages/core/src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)rules/', message: 'core/src/lib is rule-agnostic: it never imports a rule.' }] }],
    },
  },
  {
    files: ['packages/core/src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./(?!\\.\\./lib/)', message: 'A rule imports core/src/lib (../../lib/…), never another rule.' }] },
      ],
    },
  },
  {
    // The runtime is the owner: its internal promises carry `.catch(noop)` only so that a
    // failure its scope already records is not also reported as unhandled.
    files: ['packages/runtime/src/**/*.ts'],
    rules: { 'taskscope/no-floating-promises': ['error', { checkHandled: false }] },
  },
];
