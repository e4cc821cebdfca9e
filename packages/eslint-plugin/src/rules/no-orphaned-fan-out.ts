import { noOrphanedFanOut } from '@taskscope/core';

import { analysisFor } from '../util/analysis.js';
import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageId = 'orphanedFanOut' | 'useTaskscope';
type Options = [{ allow?: string[] }];

export default createRule<Options, MessageId>({
  name: 'no-orphaned-fan-out',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow `Promise.all` / `Promise.any` fan-outs whose other tasks keep running after one settles it',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      orphanedFanOut:
        '`Promise.{{combinator}}` starts several tasks that nothing owns: when {{outcome}}, the others keep running.',
      useTaskscope: 'Run them as tasks of taskscope `{{name}}()`, which aborts and awaits the others.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: 'Callee patterns whose calls are not counted as work (`*`: within a name segment, `**`: across segments).',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultOptions: [{ allow: [] }],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [options]) {
    const analysis = analysisFor(context);
    const detectorOptions = { allow: options.allow ?? [] };
    return {
      CallExpression(node) {
        // `Promise.all(…)`, `Promise['any'](…)`: the detector checks the object is `Promise`.
        const name = calleePropertyName(node);
        if (name === 'all' || name === 'any') analysis.check(noOrphanedFanOut, node, detectorOptions);
      },
    };
  },
});
