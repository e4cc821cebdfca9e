import { ITERATION_METHODS, noAsyncIterationCallback } from '@taskscope/core';

import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noAsyncIterationCallback,
  type: 'problem',
  docs: {
    description: 'Disallow async callbacks in array methods that ignore the promises they return',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
  create: (_context, check) => ({
    CallExpression(node) {
      const method = calleePropertyName(node);
      if (node.arguments.length > 0 && method !== undefined && ITERATION_METHODS.has(method)) check(node);
    },
  }),
});
