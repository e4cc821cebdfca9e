// The main entry's budget: what an application ships when it imports 'taskscope'.
import { expect, it } from 'vitest';
import { BUDGET, mainEntrySize } from '../scripts/bundle-size.js';

it(`keeps the main entry within ${BUDGET} bytes minified and gzipped`, async () => {
  const { gzipped } = await mainEntrySize();
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});
