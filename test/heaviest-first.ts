import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The test files that take minutes, longest first (as measured in CI on two
 * cores). Vitest orders files by the durations it cached on the last run, which
 * a fresh clone does not have: it would start the codemod sweep last and leave
 * one worker idle while it runs. Starting these first lets the short files fill
 * the gaps, so both workers finish together.
 */
const HEAVIEST = [
  'test/e2e/mcp.test.ts',
  'test/e2e/anthropic.test.ts',
  'packages/codemod/test/real-corpus/migrate.test.ts',
  'packages/eslint-plugin/test/real-corpus/typed.test.ts',
  'test/install/matrix.test.ts',
  'packages/eslint-plugin/test/real-corpus/untyped.test.ts',
  'packages/eslint-plugin/test/robustness.test.ts',
];

export default class HeaviestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = HEAVIEST.findIndex((file) => spec.moduleId.endsWith(file));
      return index === -1 ? HEAVIEST.length : index;
    };
    // Array#sort is stable: the rest keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
