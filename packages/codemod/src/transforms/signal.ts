import { requireSignalPropagation } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const signal: Transform = {
  id: 'signal',
  description: 'Passes the AbortSignal in scope to calls that accept one but do not get it.',
  rules: ['require-signal-propagation'],
  detectors: [use(requireSignalPropagation)],
  example: {
    before: 'async function load(url, signal) { return fetch(url); }',
    after: 'async function load(url, signal) { return fetch(url, { signal }); }',
  },
};
