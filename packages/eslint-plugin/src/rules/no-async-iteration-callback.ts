import { ITERATION_METHODS, noAsyncIterationCallback } from '@taskscope/core';

import { analysisFor } from '../util/analysis.js';
import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageId = 'asyncForEach' | 'discardedAsyncMap' | 'asyncPredicate' | 'asyncReducer' | 'awaitMap';

export default createRule<[], MessageId>({
  name: 'no-async-iteration-callback',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow async callbacks in array methods that ignore the promises they return',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      asyncForEach:
        "'{{method}}' ignores the promises its async callback returns: the iterations are never awaited, their errors go unhandled, and the code after it runs before they finish.",
      discardedAsyncMap:
        "The promises this '{{method}}' creates are discarded: nothing awaits the iterations or handles their errors.",
      asyncPredicate:
        "'{{method}}' gets a promise from its async callback, and a promise is always truthy: it never sees the value the callback resolves to.",
      asyncReducer:
        "'{{method}}' with an async callback hands each step a promise of the accumulator, not its value, and only the last step's rejection can be handled.",
      awaitMap: "Await every iteration with taskscope's 'map' (all at once, as before; the first failure cancels the rest).",
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const analysis = analysisFor(context);
    return {
      CallExpression(node) {
        const method = calleePropertyName(node);
        if (node.arguments.length > 0 && method !== undefined && ITERATION_METHODS.has(method)) {
          analysis.check(noAsyncIterationCallback, node, {});
        }
      },
    };
  },
});
