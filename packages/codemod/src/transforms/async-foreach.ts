import { noAsyncIterationCallback } from '@taskscope/core';

import { type Transform, use } from './transform.js';

export const asyncForeach: Transform = {
  id: 'async-foreach',
  description: '`xs.forEach(async …)` whose work takes a signal, inside an async function, becomes `await map(xs, …)`; elsewhere a marker.',
  rules: ['no-async-iteration-callback'],
  detectors: [use(noAsyncIterationCallback)],
  example: {
    before: 'users.forEach(async (user) => { await notify(user); })',
    after: 'await map(users, async (user, signal) => { await notify(user, signal); })',
  },
};
