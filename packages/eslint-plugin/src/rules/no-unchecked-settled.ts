import { noUncheckedSettled, RUNTIME_MODULE } from '@taskscope/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { analysisFor } from '../util/analysis.js';
import { calleePropertyName } from '../util/calls.js';
import { createRule } from '../util/create-rule.js';

type MessageIds = 'discarded' | 'unchecked' | 'useAllSettled';

export default createRule<[], MessageIds>({
  name: 'no-unchecked-settled',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the results of `allSettled` to be checked for rejected entries',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      discarded:
        'The result of `{{callee}}` is discarded, so every rejection it collected is silently lost. Check the entries for `status === "rejected"`, or use `all` if one failure should fail the whole.',
      unchecked:
        'The results of `{{callee}}` are never checked for rejected entries, so failures are silently dropped. Compare `status` with "rejected" or read `reason`.',
      useAllSettled:
        'Rewrite to taskscope `{{name}}` with cancellable tasks (the results still need a rejection check).',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    const analysis = analysisFor(context);
    const names = allSettledNames(context.sourceCode.ast);
    return {
      CallExpression(node) {
        const { callee } = node;
        if (callee.type === 'Identifier' ? names.has(callee.name) : calleePropertyName(node) === 'allSettled') {
          analysis.check(noUncheckedSettled, node, {});
        }
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
