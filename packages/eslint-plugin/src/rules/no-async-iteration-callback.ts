import { noAsyncIterationCallback } from '@taskscope/core';

import { analysisFor } from '../util/analysis.js';
import { createRule } from '../util/create-rule.js';

// Placeholder until this rule's engineer lands it.
export default createRule({
  name: 'no-async-iteration-callback',
  meta: {
    type: 'problem',
    docs: { description: 'TODO', recommended: 'recommended', requiresTypeChecking: false },
    messages: { placeholder: 'placeholder' },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const analysis = analysisFor(context);
    return { CallExpression: (node) => analysis.check(noAsyncIterationCallback, node, {}) };
  },
});
