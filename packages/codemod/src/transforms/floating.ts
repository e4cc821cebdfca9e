import { noFloatingPromises } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const floating: Transform = {
  id: 'floating',
  description: 'A floating call in an async function is spawned into a scope the function awaits; elsewhere a marker.',
  rules: ['no-floating-promises'],
  detectors: [use(noFloatingPromises)],
  reanalyseFor: ['signal'],
  example: {
    before: 'async function save(doc) { audit(doc); await store(doc); }',
    after: 'async function save(doc) { return scope(async (s) => { s.spawn(() => audit(doc)); await store(doc); }); }',
  },
};
