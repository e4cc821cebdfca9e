import { noFloatingPromises } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const floating: Transform = {
  id: 'floating',
  description: 'A floating call whose work takes a signal, in an async function, is spawned into a scope the function awaits; elsewhere a marker that says why.',
  rules: ['no-floating-promises'],
  detectors: [use(noFloatingPromises)],
  reanalyseFor: ['signal'],
  example: {
    before: 'async function save(doc) { audit(doc); await store(doc); }',
    after: 'async function save(doc) { return scope(async (s) => { s.spawn((signal) => audit(doc, signal)); await store(doc); }); }',
  },
};
