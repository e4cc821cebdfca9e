import { noUncancelledRace } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUncancelledRace,
  type: 'problem',
  docs: {
    description: 'Require the losers of `Promise.race` to be cancelled',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
});
