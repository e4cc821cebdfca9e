import { noUnboundedFanOut } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUnboundedFanOut,
  type: 'problem',
  docs: {
    description: 'Disallow fanning out over a collection of unknown size without a concurrency limit',
    recommended: 'strict',
    requiresTypeChecking: true,
  },
});
