import type * as TS from 'typescript';

import { combinatorFix } from '../../lib/combinator-fix.js';
import { ts } from '../../lib/compiler.js';
import {
  calleePath,
  suspendsOutsideFunctions,
  taskscopeOptions,
  threadSignalEdits,
  workCall,
} from '../../lib/fan-out.js';
import { argumentsOnTheirOwnLines, indentAt, indentUnitOf } from '../../lib/layout.js';
import { freeName, signalParameterName } from '../../lib/names.js';
import { runtimeName } from '../../lib/runtime-imports.js';
import { signalInScope } from '../../lib/signal-in-scope.js';
import { isFunctionExpressionLike, isJavaScriptFile, mentions, unwrapExpression } from '../../lib/syntax.js';
import type { AnalysisContext, Fix, Review } from '../../lib/types.js';
import { boundFunction, returnedExpression } from '../../lib/value-flow.js';

/**
 * The race transform: `Promise.race([work, timer])`, where the timer only
 * rejects after a delay, becomes `withTimeout(delay, (signal) => work)` with
 * the timer's own error kept; other races become taskscope `race([...thunks])`
 * (see `combinatorFix`). A structured race waits for its aborted losers, so
 * each rewrite is made only when every task's work takes the signal:
 * otherwise the work would run to its end anyway and the race wait for it (a
 * timeout that never times out), and the site gets a marker that says so.
 */

/** A race of one unit of work against a hand-made rejecting timer. */
export interface TimeoutRace {
  work: TS.Expression;
  /** The delay's source text, valid where the race is. */
  delay: string;
  /** The error the timer rejects with, as source text valid where the race is; undefined when it can't be moved there. */
  error: string | undefined;
}

/**
 * The race's fixes, and a review where no rewrite cancels its losers: the
 * work of a timeout race takes no signal, its timer's error can't be kept,
 * or (another race) some task's work takes none.
 */
export function raceMigration(
  call: TS.CallExpression,
  timeout: TimeoutRace | undefined,
  context: AnalysisContext,
): { fixes: Fix<'useWithTimeout' | 'useRace'>[]; review: Review | undefined } {
  if (timeout) {
    const fix = withTimeoutFix(call, timeout, context);
    if (fix) return { fixes: [fix], review: undefined };
    const reason =
      timeout.error === undefined
        ? "timeout race: its timer's error can't be kept by withTimeout; keep it by hand"
        : 'timeout race: the work takes no AbortSignal, so no timeout can stop it; give it one, then use withTimeout';
    return { fixes: [], review: { transform: 'race', reason, node: call } };
  }
  const fix = combinatorFix(call, context, { messageId: 'useRace', transform: 'race' });
  if (fix?.delivery === 'all') return { fixes: [fix], review: undefined };
  return { fixes: [], review: { transform: 'race', reason: 'Promise.race: a racer takes no AbortSignal, and race() would wait for it; give each one a signal first', node: call } };
}

/**
 * `Promise.race([work, timer])` in either order, where `timer` is
 * - `new Promise((_, reject) => setTimeout(() => reject(err), ms))`, or with
 *   `setTimeout(reject, ms, err)`, a function expression or a block body; or
 * - a call to a helper defined in this file (`function timeout(ms)` or
 *   `const timeout = (ms) => …`) whose body is only `return` such a promise,
 *   with a delay that is one of its parameters or a number literal.
 */
export function timeoutRace(call: TS.CallExpression, context: AnalysisContext): TimeoutRace | undefined {
  const [iterable] = call.arguments;
  if (!iterable || call.arguments.length !== 1 || call.typeArguments) return undefined;
  const array = unwrapExpression(iterable);
  if (!ts.isArrayLiteralExpression(array) || array.elements.length !== 2) return undefined;
  const [first, second] = array.elements;
  const plain = (element: TS.Expression | undefined): element is TS.Expression =>
    element !== undefined && !ts.isSpreadElement(element) && !ts.isOmittedExpression(element);
  if (!plain(first) || !plain(second)) return undefined;
  for (const [work, timer] of [
    [first, second],
    [second, first],
  ] as const) {
    const found = rejectingTimer(timer, context);
    if (found && rejectingTimer(work, context) === undefined) return { work, ...found };
  }
  return undefined;
}

/**
 * `withTimeout(delay, (signal) => work)`: the work moves into a task thunk
 * (its calls get the signal where they accept one, as `combinatorFix` does)
 * and the timer element disappears. The timer's error is kept: withTimeout's
 * TimeoutError becomes it in a `.catch`, so callers see the same class,
 * message and fields. Undefined when the work takes no signal (the timeout
 * could not stop it), when it can't move into a function (it holds `await`
 * or `yield`), or when the error can't be evaluated where the race is.
 */
function withTimeoutFix(call: TS.CallExpression, race: TimeoutRace, context: AnalysisContext): Fix<'useWithTimeout'> | undefined {
  const { sourceFile } = context;
  const { work, delay, error } = race;
  if (error === undefined || suspendsOutsideFunctions(work) || workCall(work) === undefined) return undefined;
  const signal = signalParameterName([work]);
  const inScope = signalInScope(call, context);
  const outer = inScope?.text;
  const threaded = threadSignalEdits(work, signal, context, outer);
  if (threaded.length === 0) return undefined;
  const start = work.getStart(sourceFile);
  // An arrow body can't start with `{`.
  const wrap = sourceFile.text[start] === '{';
  const name = runtimeName(sourceFile, 'withTimeout');
  const timeoutError = runtimeName(sourceFile, 'TimeoutError');
  const caught = freeName(['error'], [call]);
  const options = taskscopeOptions(call, context);
  const annotation = isJavaScriptFile(sourceFile) ? '' : ': unknown';
  // Only this call's own timeout becomes the timer's error: an outer deadline (its signal aborted) passes through.
  const own = outer === undefined ? `${caught} instanceof ${timeoutError}` : `${caught} instanceof ${timeoutError} && !${outer}${inScope?.absent ? '?.' : '.'}aborted`;
  const { text } = sourceFile;
  const indent = indentAt(text, call.getStart(sourceFile));
  const unit = indentUnitOf(text);
  const keepError = `.catch((${caught}${annotation}) => {\n${indent}${unit}throw ${own} ? ${error} : ${caught};\n${indent}})`;
  const head = `${name}(${delay}, (${signal}) => ${wrap ? '(' : ''}`;
  const tail = `${wrap ? ')' : ''}${options.text === undefined ? '' : `, ${options.text}`})${keepError}`;
  const edits = argumentsOnTheirOwnLines(call, [...options.edits, { start: call.getStart(sourceFile), end: start, text: head }, ...threaded, { start: work.end, end: call.end, text: tail }], sourceFile);
  return { messageId: 'useWithTimeout', transform: 'race', edits, imports: ['withTimeout', 'TimeoutError'], delivery: 'all' };
}

/**
 * A hand-made rejecting timer's delay and error, as source text valid at the
 * race, or undefined when `expression` is not one. The error is undefined when
 * it can't be evaluated there (it uses the helper's or the executor's names).
 */
function rejectingTimer(expression: TS.Expression, context: AnalysisContext): { delay: string; error: string | undefined } | undefined {
  const node = unwrapExpression(expression);
  if (ts.isNewExpression(node)) {
    const timer = rejectingTimerParts(node);
    return timer && { delay: timer.delay.getText(context.sourceFile), error: timer.error };
  }
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.arguments.some(ts.isSpreadElement)) return undefined;
  const helper = boundFunction(node.expression, context);
  const returned = helper && returnedExpression(helper);
  if (!helper || !returned || !ts.isNewExpression(unwrapExpression(returned))) return undefined;
  const timer = rejectingTimerParts(unwrapExpression(returned) as TS.NewExpression);
  if (!timer) return undefined;
  const parameters = new Set(helper.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const error = timer.error !== undefined && !mentions(timer.errorNode!, parameters) ? timer.error : undefined;
  const { delay } = timer;
  if (ts.isNumericLiteral(delay)) return { delay: delay.text, error };
  if (!ts.isIdentifier(delay)) return undefined;
  // The delay is a parameter: take the argument given for it, or a number default.
  const index = helper.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === delay.text);
  const parameter = helper.parameters[index];
  if (!parameter || parameter.dotDotDotToken) return undefined;
  const argument = node.arguments[index];
  if (argument) return { delay: argument.getText(context.sourceFile), error };
  return parameter.initializer && ts.isNumericLiteral(parameter.initializer) ? { delay: parameter.initializer.text, error } : undefined;
}

/**
 * `new Promise((_, reject) => setTimeout(…reject(error)…, delay))` → its delay
 * (which must not use the executor's parameters) and its error: `reject(e)`'s
 * `e`, `setTimeout(reject, ms, e)`'s `e`, or `undefined` for a bare `reject`.
 */
function rejectingTimerParts(node: TS.NewExpression): { delay: TS.Expression; error: string | undefined; errorNode?: TS.Node } | undefined {
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return undefined;
  const executor = node.arguments?.[0] && unwrapExpression(node.arguments[0]);
  if (!executor || !isFunctionExpressionLike(executor)) return undefined;
  const reject = executor.parameters[1]?.name;
  if (!reject || !ts.isIdentifier(reject)) return undefined;
  // `setTimeout(…)`, or `handle = setTimeout(…)` that keeps the handle for a clearTimeout.
  const statement = returnedExpression(executor);
  const timer = statement && ts.isBinaryExpression(statement) && statement.operatorToken.kind === ts.SyntaxKind.EqualsToken ? statement.right : statement;
  if (!timer || !ts.isCallExpression(timer) || !isGlobalCallee(timer.expression, 'setTimeout')) return undefined;
  const [callback, delay, extra] = timer.arguments;
  if (!callback || !delay || ts.isSpreadElement(delay)) return undefined;
  const rejected = rejectedWith(callback, reject.text);
  if (rejected === undefined) return undefined;
  const executorNames = new Set(executor.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  if (mentions(delay, executorNames)) return undefined;
  const errorNode = rejected === 'bare' ? extra : rejected;
  if (!errorNode) return { delay, error: 'undefined' };
  const movable = !ts.isSpreadElement(errorNode) && !mentions(errorNode, executorNames);
  return { delay, error: movable ? errorNode.getText() : undefined, errorNode };
}

/** `name`, `globalThis.name` or `window.name`: the timer functions as the rules recognise them. */
export function isGlobalCallee(callee: TS.Expression, name: 'setTimeout' | 'clearTimeout'): boolean {
  const path = calleePath(callee);
  return path === name || path === `globalThis.${name}` || path === `window.${name}`;
}

/** `reject` → 'bare'; `() => reject(err)`, `function () { reject(err); }` → err (null for `reject()`); anything else: undefined. */
function rejectedWith(callback: TS.Expression, reject: string): TS.Expression | 'bare' | null | undefined {
  const fn = unwrapExpression(callback);
  if (ts.isIdentifier(fn)) return fn.text === reject ? 'bare' : undefined;
  if (!isFunctionExpressionLike(fn) || fn.parameters.length > 0) return undefined;
  const body = returnedExpression(fn);
  if (!body || !ts.isCallExpression(body) || !ts.isIdentifier(body.expression) || body.expression.text !== reject) return undefined;
  return body.arguments[0] ?? null;
}
