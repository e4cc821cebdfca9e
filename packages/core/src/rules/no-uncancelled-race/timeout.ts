import type * as TS from 'typescript';

import { combinatorFix } from '../../lib/combinator-fix.js';
import { ts } from '../../lib/compiler.js';
import {
  calleePath,
  suspendsOutsideFunctions,
  taskscopeOptions,
  threadSignalEdits,
  thunkParameters,
  workCall,
} from '../../lib/fan-out.js';
import { signalParameterName } from '../../lib/names.js';
import { runtimeName } from '../../lib/runtime-imports.js';
import { isFunctionExpressionLike, mentions, outermostAwaited, unwrapExpression } from '../../lib/syntax.js';
import type { AnalysisContext, Fix, Review, TextEdit } from '../../lib/types.js';
import { boundFunction, returnedExpression } from '../../lib/value-flow.js';

/**
 * The race transform: `Promise.race([work, timer])`, where the timer only
 * rejects after a delay, becomes `withTimeout(delay, (signal) => work)`; other
 * races become taskscope `race([...thunks])` (see `combinatorFix`).
 */

/** A race of one unit of work against a hand-made rejecting timer. */
export interface TimeoutRace {
  work: TS.Expression;
  /** The delay's source text, valid where the race is. */
  delay: string;
}

export const INSPECTED_TIMEOUT_REASON = 'the timeout error is inspected; withTimeout() rejects with taskscope TimeoutError instead';

/**
 * The race's fixes in order of preference (`timeout` is `timeoutRace(call)`),
 * and a review when the rewrite to `withTimeout` would change an error that
 * the code inspects: then that fix stays an editor-only suggestion (no
 * transform) and the codemod applies the plain `race` rewrite, which keeps the
 * user's error, plus the marker.
 */
export function raceMigration(
  call: TS.CallExpression,
  timeout: TimeoutRace | undefined,
  context: AnalysisContext,
): { fixes: Fix<'useWithTimeout' | 'useRace'>[]; review: Review | undefined } {
  const inspected = timeout !== undefined && timeoutErrorInspected(call);
  const fixes = [
    timeout && withTimeoutFix(call, timeout, context, !inspected),
    combinatorFix(call, context, { messageId: 'useRace', transform: 'race' }),
  ].filter((fix): fix is Fix<'useWithTimeout' | 'useRace'> => fix !== undefined);
  const review: Review | undefined = inspected ? { transform: 'race', reason: INSPECTED_TIMEOUT_REASON, node: call } : undefined;
  return { fixes, review };
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
    const delay = timerDelay(timer, context);
    if (delay !== undefined && timerDelay(work, context) === undefined) return { work, delay };
  }
  return undefined;
}

/**
 * `withTimeout(delay, (signal) => work)`: the work moves into a task thunk
 * (its calls get the signal where they accept one, as `combinatorFix` does)
 * and the timer element disappears. Undefined when the work can't move into a
 * function (it holds `await` or `yield`). Without `codemod` the fix has no
 * transform: an editor-only suggestion.
 */
function withTimeoutFix(call: TS.CallExpression, race: TimeoutRace, context: AnalysisContext, codemod: boolean): Fix<'useWithTimeout'> | undefined {
  const { sourceFile } = context;
  const { work, delay } = race;
  if (suspendsOutsideFunctions(work)) return undefined;
  const works = workCall(work) !== undefined;
  const signal = signalParameterName([work]);
  const start = work.getStart(sourceFile);
  // An arrow body can't start with `{`.
  const wrap = sourceFile.text[start] === '{';
  const name = runtimeName(sourceFile, 'withTimeout');
  const threaded = works ? threadSignalEdits(work, signal, context) : [];
  const options = taskscopeOptions(call, context);
  const edits: TextEdit[] = [
    ...options.edits,
    { start: call.getStart(sourceFile), end: start, text: `${name}(${delay}, ${thunkParameters(signal, works, threaded, context)} => ${wrap ? '(' : ''}` },
    ...threaded,
    { start: work.end, end: call.end, text: `${wrap ? ')' : ''}${options.text === undefined ? '' : `, ${options.text}`})` },
  ];
  return { messageId: 'useWithTimeout', ...(codemod ? { transform: 'race' as const } : {}), edits, imports: ['withTimeout'] };
}

/**
 * Whether the error the race rejects with is looked at: in a `catch` clause
 * around it, or a `.catch` / `.then(_, onRejected)` handler chained on it, the
 * error is tested with `instanceof`, compared, has its `message`, `name`,
 * `code` or `cause` read, or is passed to a function other than `console.*`.
 * A handler passed by name counts too (it can't be seen). Checks made by
 * callers the error propagates to are not seen.
 */
export function timeoutErrorInspected(call: TS.CallExpression): boolean {
  let node: TS.Expression = call;
  for (;;) {
    const access = outermostAwaited(node).parent;
    const chained = access.parent;
    if (!ts.isPropertyAccessExpression(access) || !ts.isCallExpression(chained) || chained.expression !== access) break;
    const method = access.name.text;
    const handler = method === 'catch' ? chained.arguments[0] : method === 'then' ? chained.arguments[1] : undefined;
    if (handler && handlerInspects(handler)) return true;
    node = chained;
  }
  for (let current: TS.Node = node; !ts.isFunctionLike(current) && !ts.isSourceFile(current); current = current.parent) {
    const parent = current.parent;
    if (ts.isTryStatement(parent) && parent.tryBlock === current && parent.catchClause?.variableDeclaration) {
      const { name } = parent.catchClause.variableDeclaration;
      if (!ts.isIdentifier(name) || errorInspected(name.text, parent.catchClause.block)) return true;
    }
  }
  return false;
}

function handlerInspects(handler: TS.Expression): boolean {
  const fn = unwrapExpression(handler);
  if (!isFunctionExpressionLike(fn)) return true;
  const error = fn.parameters[0]?.name;
  if (!error) return false;
  return !ts.isIdentifier(error) || errorInspected(error.text, fn.body);
}

const inspectedMembers: ReadonlySet<string> = new Set(['message', 'name', 'code', 'cause']);

function errorInspected(name: string, body: TS.Node): boolean {
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === name) {
      const value = outermostAwaited(node);
      const parent = value.parent;
      if (ts.isBinaryExpression(parent)) {
        const operator = parent.operatorToken.kind;
        found =
          (operator === ts.SyntaxKind.InstanceOfKeyword && parent.left === value) ||
          operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
          operator === ts.SyntaxKind.EqualsEqualsToken ||
          operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
          operator === ts.SyntaxKind.ExclamationEqualsToken;
      } else if (ts.isPropertyAccessExpression(parent) && parent.expression === value) {
        found = inspectedMembers.has(parent.name.text);
      } else if (ts.isCallExpression(parent) && parent.expression !== value) {
        found = calleePath(parent.expression)?.startsWith('console.') !== true;
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/**
 * The delay of a hand-made rejecting timer, as source text valid at the race,
 * or undefined when `expression` is not one.
 */
function timerDelay(expression: TS.Expression, context: AnalysisContext): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isNewExpression(node)) {
    const delay = rejectingTimerDelay(node);
    return delay && delay.getText(context.sourceFile);
  }
  if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.arguments.some(ts.isSpreadElement)) return undefined;
  const helper = boundFunction(node.expression, context);
  const returned = helper && returnedExpression(helper);
  if (!helper || !returned || !ts.isNewExpression(unwrapExpression(returned))) return undefined;
  const delay = rejectingTimerDelay(unwrapExpression(returned) as TS.NewExpression);
  if (!delay) return undefined;
  if (ts.isNumericLiteral(delay)) return delay.text;
  if (!ts.isIdentifier(delay)) return undefined;
  // The delay is a parameter: take the argument given for it, or a number default.
  const index = helper.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === delay.text);
  const parameter = helper.parameters[index];
  if (!parameter || parameter.dotDotDotToken) return undefined;
  const argument = node.arguments[index];
  if (argument) return argument.getText(context.sourceFile);
  return parameter.initializer && ts.isNumericLiteral(parameter.initializer) ? parameter.initializer.text : undefined;
}

/** `new Promise((_, reject) => setTimeout(…reject…, delay))` → delay; it must not use the executor's parameters. */
function rejectingTimerDelay(node: TS.NewExpression): TS.Expression | undefined {
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return undefined;
  const executor = node.arguments?.[0] && unwrapExpression(node.arguments[0]);
  if (!executor || !isFunctionExpressionLike(executor)) return undefined;
  const reject = executor.parameters[1]?.name;
  if (!reject || !ts.isIdentifier(reject)) return undefined;
  // `setTimeout(…)`, or `handle = setTimeout(…)` that keeps the handle for a clearTimeout.
  const statement = returnedExpression(executor);
  const timer = statement && ts.isBinaryExpression(statement) && statement.operatorToken.kind === ts.SyntaxKind.EqualsToken ? statement.right : statement;
  if (!timer || !ts.isCallExpression(timer) || !isGlobalCallee(timer.expression, 'setTimeout')) return undefined;
  const [callback, delay] = timer.arguments;
  if (!callback || !delay || ts.isSpreadElement(delay) || !callsReject(callback, reject.text)) return undefined;
  const executorNames = new Set(executor.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  return mentions(delay, executorNames) ? undefined : delay;
}

/** `name`, `globalThis.name` or `window.name`: the timer functions as the rules recognise them. */
export function isGlobalCallee(callee: TS.Expression, name: 'setTimeout' | 'clearTimeout'): boolean {
  const path = calleePath(callee);
  return path === name || path === `globalThis.${name}` || path === `window.${name}`;
}

/** `reject`, `() => reject(err)`, `function () { reject(err); }`. */
function callsReject(callback: TS.Expression, reject: string): boolean {
  const fn = unwrapExpression(callback);
  if (ts.isIdentifier(fn)) return fn.text === reject;
  if (!isFunctionExpressionLike(fn) || fn.parameters.length > 0) return false;
  const body = returnedExpression(fn);
  return body !== undefined && ts.isCallExpression(body) && ts.isIdentifier(body.expression) && body.expression.text === reject;
}

