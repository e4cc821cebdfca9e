// Stand-in detectors that produce known findings, so the engine and the CLI are
// tested apart from the real rules. Each reacts to calls of one name.
import type { Detector, Finding } from '@taskscope/core';
import { ts } from 'ts-morph';

import type { Transform } from '../src/index.js';

function callsNamed(name: string, check: (call: ts.CallExpression, sourceFile: ts.SourceFile) => Finding): Detector {
  return {
    rule: 'no-orphaned-fan-out',
    kinds: ['CallExpression'],
    messages: {},
    defaultOptions: {},
    check(node, { sourceFile }) {
      if (!ts.isCallExpression(node) || node.expression.getText(sourceFile) !== name) return [];
      return [check(node, sourceFile)];
    },
  };
}

/** `Promise.all(…)` → `all(…)`; messageId tells whether a checker was there. */
export const probeAll: Detector = {
  rule: 'no-orphaned-fan-out',
  kinds: ['CallExpression'],
  messages: {},
  defaultOptions: {},
  check(node, { sourceFile, checker }) {
    if (!ts.isCallExpression(node) || node.expression.getText(sourceFile) !== 'Promise.all') return [];
    const callee = node.expression;
    const text = 'all';
    return [
      {
        rule: 'no-orphaned-fan-out',
        messageId: checker ? 'typed' : 'untyped',
        node,
        fixes: [{ messageId: 'useAll', transform: 'promise-all', edits: [{ start: callee.getStart(sourceFile), end: callee.end, text }], imports: ['all'] }],
      },
    ];
  },
};

/** `Promise.allSettled(…)` → `allSettled(…)` plus a review: the all-settled shape. */
export const probeSettled = callsNamed('Promise.allSettled', (call, sourceFile) => ({
  rule: 'no-unchecked-settled',
  messageId: 'unchecked',
  node: call,
  fixes: [
    {
      messageId: 'useAllSettled',
      transform: 'all-settled',
      edits: [{ start: call.expression.getStart(sourceFile), end: call.expression.end, text: 'allSettled' }],
      imports: ['allSettled'],
    },
  ],
  review: { transform: 'all-settled', reason: 'rejections are never read', node: call },
}));

/** `later()` → a review only, with an editor-only fix the codemod must not apply. */
export const probeLater = callsNamed('later', (call, sourceFile) => ({
  rule: 'no-floating-promises',
  messageId: 'floating',
  node: call,
  fixes: [{ messageId: 'addVoid', edits: [{ start: call.getStart(sourceFile), end: call.getStart(sourceFile), text: 'void ' }], imports: [] }],
  review: { transform: 'floating', reason: 'floating outside an async function', node: call },
}));

/** `orphan()` → a finding with no fix at all. */
export const probeOrphan = callsNamed('orphan', (call) => ({ rule: 'no-floating-promises', messageId: 'floating', node: call, fixes: [] }));

/** `broken()` → an edit that leaves an unbalanced parenthesis. */
export const probeBroken = callsNamed('broken', (call, sourceFile) => ({
  rule: 'no-orphaned-fan-out',
  messageId: 'broken',
  node: call,
  fixes: [{ messageId: 'x', transform: 'promise-all', edits: [{ start: call.getStart(sourceFile), end: call.getStart(sourceFile), text: '(' }], imports: [] }],
}));

/** `wrap(x)` → `done(x)`, replacing the whole call, so nested calls overlap. */
export const probeWrap = callsNamed('wrap', (call, sourceFile) => ({
  rule: 'no-orphaned-fan-out',
  messageId: 'wrap',
  node: call,
  fixes: [
    {
      messageId: 'x',
      transform: 'promise-all',
      edits: [{ start: call.getStart(sourceFile), end: call.end, text: `done(${call.arguments.map((a) => a.getText(sourceFile)).join(', ')})` }],
      imports: [],
    },
  ],
}));

/** `indent(…)` → two more spaces at the start of its line, as a rewrite that re-indents a block does. */
export const probeIndent = callsNamed('indent', (call, sourceFile) => {
  const lineStart = sourceFile.text.lastIndexOf('\n', call.getStart(sourceFile)) + 1;
  return {
    rule: 'no-orphaned-fan-out',
    messageId: 'indent',
    node: call,
    fixes: [{ messageId: 'x', transform: 'promise-all', edits: [{ start: lineStart, end: lineStart, text: '  ' }], imports: [] }],
  };
});

export function transform(id: Transform['id'], rules: Transform['rules'], detectors: Detector[]): Transform {
  return {
    id,
    description: id,
    rules,
    detectors: detectors.map((detector) => ({ detector: detector as Detector<unknown>, options: () => ({}) })),
    example: { before: '', after: '' },
  };
}

export const probeTransforms: Transform[] = [
  transform('promise-all', ['no-orphaned-fan-out'], [probeAll, probeBroken, probeWrap, probeIndent]),
  transform('all-settled', ['no-unchecked-settled'], [probeSettled]),
  transform('floating', ['no-floating-promises'], [probeLater, probeOrphan]),
];
