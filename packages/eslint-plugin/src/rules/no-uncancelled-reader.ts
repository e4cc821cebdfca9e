import { noUncancelledReader } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUncancelledReader,
  type: 'problem',
  docs: {
    description: 'Require cancelling the stream reader an async generator yields from',
    recommended: 'recommended',
    requiresTypeChecking: false,
  },
});
