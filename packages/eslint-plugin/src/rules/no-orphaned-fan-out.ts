import { noOrphanedFanOut } from '@taskscope/core';

import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noOrphanedFanOut,
  type: 'problem',
  docs: {
    description: 'Disallow `Promise.all` / `Promise.any` fan-outs whose other tasks keep running after one settles it',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
  create: (_context, check) => ({
    CallExpression(node) {
      // `Promise.all(…)`, `Promise['any'](…)`: the detector checks the object is `Promise`.
      const name = calleePropertyName(node);
      if (name === 'all' || name === 'any') check(node);
    },
  }),
});
