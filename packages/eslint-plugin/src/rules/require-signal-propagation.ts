import { requireSignalPropagation } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: requireSignalPropagation,
  type: 'problem',
  docs: {
    description: 'Require passing the AbortSignal in scope to calls that accept one',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
});
