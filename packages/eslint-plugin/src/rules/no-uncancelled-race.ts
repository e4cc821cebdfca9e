import { noUncancelledRace } from '@taskscope/core';

import { analysisFor } from '../util/analysis.js';
import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageIds = 'uncancelled' | 'uncancelledTimeout' | 'useWithTimeout' | 'useRace';

export default createRule<[], MessageIds>({
  name: 'no-uncancelled-race',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the losers of `Promise.race` to be cancelled',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      uncancelled:
        'The losers of this `Promise.race` keep running after it settles: no signal they were given is aborted and no timer racing them is cleared. Use taskscope `race`, which aborts them.',
      uncancelledTimeout:
        'This hand-made timeout leaks: when it fires the work runs on, and when the work wins the timer runs on. Use taskscope `withTimeout`, which cancels both.',
      useWithTimeout: 'Rewrite to taskscope `withTimeout` (it rejects with its `TimeoutError`, not this error).',
      useRace: 'Rewrite to taskscope `{{name}}`, which aborts the losers.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const analysis = analysisFor(context);
    return {
      CallExpression(node) {
        if (calleePropertyName(node) === 'race') analysis.check(noUncancelledRace, node, {});
      },
    };
  },
});
