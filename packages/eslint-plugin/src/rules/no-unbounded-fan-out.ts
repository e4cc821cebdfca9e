import { noUnboundedFanOut } from '@taskscope/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { analysisFor } from '../util/analysis.js';
import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageId = 'unboundedFanOut' | 'limitConcurrency';
type Options = [{ defaultConcurrency?: number }];

const DEFAULT_CONCURRENCY = 8;

export default createRule<Options, MessageId>({
  name: 'no-unbounded-fan-out',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow fanning out over a collection of unknown size without a concurrency limit',
      recommended: 'strict',
      requiresTypeChecking: true,
    },
    messages: {
      unboundedFanOut:
        '`{{callee}}` over the `.map` of a collection of unknown size starts every task at once; give it a concurrency limit.',
      limitConcurrency: 'Run at most {{concurrency}} at a time with taskscope `{{name}}()`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          defaultConcurrency: {
            type: 'integer',
            minimum: 1,
            description: 'The concurrency limit the suggestion proposes.',
          },
        },
        additionalProperties: false,
      },
    ],
    hasSuggestions: true,
    defaultOptions: [{ defaultConcurrency: DEFAULT_CONCURRENCY }],
  },
  defaultOptions: [{ defaultConcurrency: DEFAULT_CONCURRENCY }],
  create(context, [options]) {
    const analysis = analysisFor(context);
    const detectorOptions = { defaultConcurrency: options.defaultConcurrency ?? DEFAULT_CONCURRENCY };
    return {
      CallExpression(node) {
        // The first argument must be able to hold a `.map(…)` / `Array.from(…)`: the call itself (maybe cast
        // or optional), a `?? []` around it, or a name that may be bound to one.
        const first = node.arguments[0] && withoutTypeWrappers(node.arguments[0]);
        if (first?.type === 'Identifier' || first?.type === 'LogicalExpression' || first?.type === 'ChainExpression') {
          analysis.check(noUnboundedFanOut, node, detectorOptions);
          return;
        }
        if (first?.type !== 'CallExpression') return;
        const name = calleePropertyName(first);
        if (name === 'map' || name === 'from') analysis.check(noUnboundedFanOut, node, detectorOptions);
      },
    };
  },
});

// `xs.map(f) as T[]`, `xs.map(f)!`, `<T[]>xs.map(f)`, `… satisfies T[]`: the detector looks through them too.
function withoutTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSTypeAssertion' ||
    current.type === 'TSNonNullExpression'
  ) {
    current = current.expression;
  }
  return current;
}
