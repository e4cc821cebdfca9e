import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a change needs no rebuild to be tested.
    alias: {
      'taskscope/context': src('./packages/runtime/src/context.ts'),
      taskscope: src('./packages/runtime/src/index.ts'),
      '@taskscope/core': src('./packages/core/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'fixtures/demo-app/test/**/*.test.ts'],
    // Rules swallow detector errors in production; tests must see them.
    env: { TASKSCOPE_STRICT: '1' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
