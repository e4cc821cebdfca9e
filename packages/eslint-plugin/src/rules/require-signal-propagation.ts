import { requireSignalPropagation } from '@taskscope/core';

import { analysisFor } from '../util/analysis.js';
import { isInsideFunction } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageId = 'missingSignal' | 'passSignal';

export default createRule<[], MessageId>({
  name: 'require-signal-propagation',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require passing the AbortSignal in scope to calls that accept one',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      missingSignal:
        "'{{callee}}' accepts an AbortSignal but is not given '{{signal}}': when the surrounding work is cancelled, this call keeps running.",
      passSignal: "Pass '{{signal}}'.",
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const analysis = analysisFor(context);
    return {
      CallExpression(node) {
        // Without types only calls by plain name (`fetch`, same-file functions) can be known to take one.
        if (!analysis.context.checker && node.callee.type !== 'Identifier') return;
        // A signal comes from a function's parameters.
        if (isInsideFunction(node)) analysis.check(requireSignalPropagation, node, {});
      },
    };
  },
});
