import { noUncheckedSettled, RUNTIME_MODULE } from '@taskscope/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

export default createRule({
  detector: noUncheckedSettled,
  type: 'problem',
  docs: {
    description: 'Require the results of `allSettled` to be checked for rejected entries',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
  create(context, check) {
    const names = allSettledNames(context.sourceCode.ast);
    return {
      CallExpression(node) {
        const { callee } = node;
        if (callee.type === 'Identifier' ? names.has(callee.name) : calleePropertyName(node) === 'allSettled') check(node);
      },
    };
  },
});

/** `allSettled` and the local names of taskscope's `allSettled` (`import { allSettled as settle }`). */
function allSettledNames(program: TSESTree.Program): ReadonlySet<string> {
  const names = new Set(['allSettled']);
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.source.value !== RUNTIME_MODULE) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === 'ImportSpecifier' && specifier.imported.type === 'Identifier' && specifier.imported.name === 'allSettled') {
        names.add(specifier.local.name);
      }
    }
  }
  return names;
}
