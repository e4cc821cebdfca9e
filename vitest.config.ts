import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

import HeaviestFirst from './test/heaviest-first.js';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The tests that lint or migrate whole corpora: minutes, not seconds. `npm run test:quick` leaves them out. */
const sweeps = [
  'packages/eslint-plugin/test/robustness.test.ts',
  'packages/codemod/test/corpus.test.ts',
  'packages/*/test/real-corpus/**/*.test.ts',
];

const project = (name: string, include: string[], exclude: string[] = [], setupFiles: string[] = []) => ({
  extends: true as const,
  test: { name, include, exclude, setupFiles },
});

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a change needs no rebuild to be tested.
    alias: {
      'taskscope/context': src('./packages/runtime/src/context.ts'),
      'taskscope/inspect': src('./packages/runtime/src/inspect.ts'),
      taskscope: src('./packages/runtime/src/index.ts'),
      '@taskscope/core': src('./packages/core/src/index.ts'),
      'eslint-plugin-taskscope': src('./packages/eslint-plugin/src/index.ts'),
    },
  },
  test: {
    // Rules swallow detector errors in production; tests must see them.
    env: { TASKSCOPE_STRICT: '1' },
    // Vitest's default leaves a core free (one worker on CI's two); the sweeps are CPU-bound, so use both.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: HeaviestFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      project('runtime', ['packages/runtime/test/**/*.test.ts']),
      project('core', ['packages/core/test/**/*.test.ts'], [], ['packages/core/test/setup.ts']),
      project('eslint-plugin', ['packages/eslint-plugin/test/**/*.test.ts'], [...sweeps, 'packages/eslint-plugin/test/fixture/**']),
      project('codemod', ['packages/codemod/test/**/*.test.ts'], sweeps),
      project('demo-app', ['fixtures/demo-app/test/**/*.test.ts']),
      project('sweeps', sweeps),
      project('install', ['test/install/**/*.test.ts']),
      project('e2e', ['test/e2e/**/*.test.ts']),
    ],
  },
});
