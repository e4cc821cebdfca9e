import { noFloatingPromises } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noFloatingPromises,
  type: 'problem',
  docs: {
    description: 'Require every promise to have an owner: awaited, returned, handled or spawned into a scope',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
});
