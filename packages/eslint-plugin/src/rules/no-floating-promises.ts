import { noFloatingPromises } from '@taskscope/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { analysisFor } from '../util/analysis.js';
import { createRule } from '../util/create-rule.js';

type MessageIds =
  | 'floating'
  | 'floatingHandled'
  | 'floatingVoid'
  | 'floatingArray'
  | 'floatingUselessHandler'
  | 'unusedPromise'
  | 'awaitedTooLate'
  | 'awaitPromise'
  | 'awaitAll'
  | 'spawnIntoScope';

type Options = [{ ignoreVoid?: boolean; checkHandled?: boolean }];

const initializersStartingWork: ReadonlySet<string> = new Set([
  'CallExpression',
  'NewExpression',
  'TaggedTemplateExpression',
  'ChainExpression',
]);

export default createRule<Options, MessageIds>({
  name: 'no-floating-promises',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every promise to have an owner: awaited, returned, handled or spawned into a scope',
      recommended: 'recommended',
      requiresTypeChecking: true,
    },
    messages: {
      floating:
        'This promise floats: nothing awaits it, returns it or handles its rejection, so a failure goes unhandled and nothing waits for the work.',
      floatingHandled:
        'This promise handles its rejection, but nothing owns it: nothing awaits it or waits for the work, which outlives its caller (checkHandled).',
      floatingVoid:
        '`void` discards this promise: its rejection goes unhandled and nothing waits for the work. Await it or spawn it into a scope.',
      floatingArray:
        'This array of promises floats: nothing waits for them and their rejections go unhandled. Await them together or spawn each one.',
      floatingUselessHandler:
        'The rejection handler is not a function, so it is ignored and this promise floats with its rejection unhandled.',
      unusedPromise:
        "Promise '{{name}}' is started but never awaited, returned or passed on: nothing waits for it and its rejection goes unhandled.",
      awaitedTooLate:
        "Promise '{{name}}' is awaited only after another await: if that one throws, or '{{name}}' rejects first, its rejection goes unhandled.",
      awaitPromise: 'Await it.',
      awaitAll: 'Await them all with Promise.all.',
      spawnIntoScope: 'Spawn it into a taskscope scope, so the function completes only when the work does.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreVoid: { type: 'boolean', description: 'Accept `void promise` as a deliberate discard.' },
          checkHandled: {
            type: 'boolean',
            description: 'Also report promises handled with `.catch(handler)` or `.then(ok, handler)`: nothing waits for them.',
          },
        },
      },
    ],
    hasSuggestions: true,
    defaultOptions: [noFloatingPromises.defaultOptions],
  },
  defaultOptions: [noFloatingPromises.defaultOptions],
  create(context, [options]) {
    const analysis = analysisFor(context);
    const detectorOptions = { ...noFloatingPromises.defaultOptions, ...options };
    const check = (node: TSESTree.Node): void => analysis.check(noFloatingPromises, node, detectorOptions);
    return {
      ExpressionStatement: check,
      VariableDeclarator(node) {
        // Only declarations that start work can hold an unowned promise.
        if (node.id.type === 'Identifier' && node.init && initializersStartingWork.has(node.init.type)) check(node);
      },
      ArrowFunctionExpression(node) {
        if (node.body.type === 'UnaryExpression' && node.body.operator === 'void') check(node);
      },
    };
  },
});
