import { requireSignalPropagation } from '@taskscope/core';

import { isInsideFunction } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: requireSignalPropagation,
  type: 'problem',
  docs: {
    description: 'Require passing the AbortSignal in scope to calls that accept one',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
  create: (_context, check, analysis) => ({
    CallExpression(node) {
      // Without types only calls by plain name (`fetch`, same-file functions) can be known to take one.
      if (!analysis.context.checker && node.callee.type !== 'Identifier') return;
      // A signal comes from a function's parameters.
      if (isInsideFunction(node)) check(node);
    },
  }),
});
