import { noUnboundedFanOut } from '@taskscope/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUnboundedFanOut,
  type: 'problem',
  docs: {
    description: 'Disallow fanning out over a collection of unknown size without a concurrency limit',
    recommended: 'strict',
    requiresTypeChecking: true,
  },
  create: (_context, check) => ({
    CallExpression(node) {
      // The first argument must be able to hold a `.map(…)` / `Array.from(…)`: the call itself (maybe cast
      // or optional), a `?? []` around it, or a name that may be bound to one.
      const first = node.arguments[0] && withoutTypeWrappers(node.arguments[0]);
      if (first?.type === 'Identifier' || first?.type === 'LogicalExpression' || first?.type === 'ChainExpression') {
        check(node);
        return;
      }
      if (first?.type !== 'CallExpression') return;
      const name = calleePropertyName(first);
      if (name === 'map' || name === 'from') check(node);
    },
  }),
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
