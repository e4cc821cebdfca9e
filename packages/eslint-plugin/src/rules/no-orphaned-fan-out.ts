import { noOrphanedFanOut } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noOrphanedFanOut,
  type: 'problem',
  docs: {
    description: 'Disallow `Promise.all` / `Promise.any` fan-outs whose other tasks keep running after one settles it',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
});
