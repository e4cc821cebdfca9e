import { noFloatingPromises } from '@taskscope/core';

import { createRule } from '../util/create-rule.js';

const initializersStartingWork: ReadonlySet<string> = new Set([
  'CallExpression',
  'NewExpression',
  'TaggedTemplateExpression',
  'ChainExpression',
]);

export default createRule({
  detector: noFloatingPromises,
  type: 'problem',
  docs: {
    description: 'Require every promise to have an owner: awaited, returned, handled or spawned into a scope',
    recommended: 'recommended',
    requiresTypeChecking: true,
  },
  create: (_context, check) => ({
    ExpressionStatement: check,
    VariableDeclarator(node) {
      // Only declarations that start work can hold an unowned promise.
      if (node.id.type === 'Identifier' && node.init && initializersStartingWork.has(node.init.type)) check(node);
    },
    ArrowFunctionExpression(node) {
      if (node.body.type === 'UnaryExpression' && node.body.operator === 'void') check(node);
    },
  }),
});
