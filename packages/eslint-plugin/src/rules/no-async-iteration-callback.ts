import { noAsyncIterationCallback } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noAsyncIterationCallback,
  type: 'problem',
  docs: {
    description: 'Disallow async callbacks in array methods that ignore the promises they return',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
});
