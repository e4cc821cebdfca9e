import { noUncheckedSettled } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUncheckedSettled,
  type: 'problem',
  docs: {
    description: 'Require the results of `allSettled` to be checked for rejected entries',
    recommended: 'strict',
    requiresTypeChecking: true,
  },
});
