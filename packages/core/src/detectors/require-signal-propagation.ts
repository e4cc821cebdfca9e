import type * as TS from 'typescript';
import { ts } from '../compiler.js';

import { signalInScope, type SignalInScope } from '../signal-scope.js';
import { passesSignal, passSignalEdit, signalSlot, type SignalSlot } from '../signals.js';
import { calleeName, memberName, skipParentheses } from '../syntax.js';
import type { AnalysisContext, Detector, Finding, Fix } from '../types.js';

/**
 * A call that accepts an AbortSignal (see `signalSlot`) made where one is in
 * scope (see `signalInScope`) without passing it: cancelling the surrounding
 * work leaves this call running.
 *
 * Not reported: calls that already pass a signal (through the slot, or any
 * argument that is the signal or a `.signal`), calls on the signal itself
 * (`signal.addEventListener(…)`), and calls whose slot can't be located.
 * Syntactic fallback: `fetch` and same-file functions as callees (signals.ts),
 * with signals from parameters named `signal`, `{ signal }` destructuring,
 * `opts.signal` reads and taskscope task fns.
 */
export const requireSignalPropagation: Detector = {
  rule: 'require-signal-propagation',
  kinds: ['CallExpression'],
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node)) return [];
    const signal = signalInScope(node, context);
    const { sourceFile } = context;
    if (!signal || isOnSignal(node, signal, sourceFile) || passesAnySignal(node, signal, sourceFile)) return [];
    const slot = signalSlot(node, context);
    if (!slot || passesSignal(node, slot, context)) return [];
    return [finding(node, signal, slot, context)];
  },
};

function finding(call: TS.CallExpression, signal: SignalInScope, slot: SignalSlot, context: AnalysisContext): Finding {
  const data = { callee: calleeName(call) ?? 'this call', signal: signal.text };
  const result: Finding = { rule: 'require-signal-propagation', messageId: 'missingSignal', data, node: call.expression, fixes: [] };
  const { checker } = context;
  if (checker && signal.type && slot.type && !checker.isTypeAssignableTo(signal.type, slot.type)) {
    result.review = { transform: 'signal', reason: `the type of ${signal.text} does not fit the signal ${data.callee} takes`, node: call };
    return result;
  }
  const pass = passSignalEdit(call, slot, signal.text, context.sourceFile);
  if (!pass) return result;
  const fix: Fix = {
    messageId: 'passSignal',
    data: { signal: signal.text },
    transform: 'signal',
    edits: signal.declare ? [signal.declare, pass] : [pass],
    imports: [],
  };
  result.fixes.push(fix);
  return result;
}

// `signal.addEventListener(…)`, `opts.signal.throwIfAborted()`: the signal is the receiver.
function isOnSignal(call: TS.CallExpression, signal: SignalInScope, sourceFile: TS.SourceFile): boolean {
  const callee = skipParentheses(call.expression);
  return memberName(callee) !== undefined && isWrittenAs((callee as TS.PropertyAccessExpression).expression, signal, sourceFile);
}

// `helper(signal)`, `wrap(ctrl.signal, …)`: some signal is passed, maybe not in the slot we'd pick.
function passesAnySignal(call: TS.CallExpression, signal: SignalInScope, sourceFile: TS.SourceFile): boolean {
  return call.arguments.some((argument) => {
    const node = skipParentheses(argument);
    if ((ts.isIdentifier(node) && node.text === 'signal') || (ts.isPropertyAccessExpression(node) && node.name.text === 'signal')) {
      return true;
    }
    return isWrittenAs(node, signal, sourceFile);
  });
}

/**
 * Whether `expression` is written as the signal's text (`signal`, `opts.signal`,
 * `this.signal`). Only a name, `this` or a `.signal` access can be, so the text
 * of anything else (a callback, an object literal) is never read.
 */
function isWrittenAs(expression: TS.Expression, signal: SignalInScope, sourceFile: TS.SourceFile): boolean {
  const node = skipParentheses(expression);
  const shaped =
    ts.isIdentifier(node) ||
    node.kind === ts.SyntaxKind.ThisKeyword ||
    (ts.isPropertyAccessExpression(node) && node.name.text === 'signal');
  return shaped && node.getText(sourceFile) === signal.text;
}
