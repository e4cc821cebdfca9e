import type * as TS from 'typescript';

import { mapCallbackEdits } from '../../lib/combinator-fix.js';
import { signalParameterName } from '../../lib/names.js';
import { signalInScope } from '../../lib/signal-in-scope.js';
import { ts } from '../../lib/compiler.js';
import { taskscopeOptions, threadSignalEdits } from '../../lib/fan-out.js';
import { isThenableType } from '../../lib/promises.js';
import { isOwnedSpawn } from '../../lib/runtime-api.js';
import { functionCanReject } from '../../lib/rejection.js';
import { runtimeName } from '../../lib/runtime-imports.js';
import { containsNode } from '../../lib/spelling.js';
import {
  enclosingFunction,
  isAsyncFunction,
  isFunctionExpressionLike,
  memberName,
  skipParentheses,
} from '../../lib/syntax.js';
import type { AnalysisContext, Detector, Finding, Fix, Review } from '../../lib/types.js';

type Misuse = 'forEach' | 'map' | 'predicate' | 'reduce';

const misuseByMethod: ReadonlyMap<string, Misuse> = new Map([
  ['forEach', 'forEach'],
  ['map', 'map'],
  ['filter', 'predicate'],
  ['some', 'predicate'],
  ['every', 'predicate'],
  ['find', 'predicate'],
  ['findIndex', 'predicate'],
  ['findLast', 'predicate'],
  ['findLastIndex', 'predicate'],
  ['reduce', 'reduce'],
  ['reduceRight', 'reduce'],
]);

const messageIds: Record<Misuse, NoAsyncIterationCallbackMessageId> = {
  forEach: 'asyncForEach',
  map: 'discardedAsyncMap',
  predicate: 'asyncPredicate',
  reduce: 'asyncReducer',
};

export type NoAsyncIterationCallbackMessageId = 'asyncForEach' | 'discardedAsyncMap' | 'asyncPredicate' | 'asyncReducer' | 'awaitMap';

/**
 * An async callback given to an iteration method that ignores the promises it
 * returns: `forEach`, the predicates (`filter`, `some`, `every`, `find*`),
 * `reduce`/`reduceRight`, and `map` whose result is discarded.
 *
 * Async callback: an async function expression; typed, also a concise arrow
 * whose body is a promise, or a reference to a function returning one. Typed,
 * a method whose callback parameter returns a promise (a custom `forEach` that
 * awaits, `reduce` over a promise accumulator) and a `map` that returns a
 * promise are not reported. Syntactic: inline async functions only, and a
 * `reduce` callback that awaits its accumulator (the sequential-chain idiom)
 * is not reported.
 *
 * Fix (`async-foreach`): a `forEach` or discarded `map` statement in an async
 * function becomes `await map(xs, (x, signal, i) => …)`; elsewhere, or in a
 * shape that can't be rewritten faithfully, a review.
 */
export const noAsyncIterationCallback: Detector<Record<string, never>, NoAsyncIterationCallbackMessageId> = {
  rule: 'no-async-iteration-callback',
  kinds: ['CallExpression'],
  messages: {
    asyncForEach:
      "'{{method}}' ignores the promises its async callback returns: the iterations are never awaited, their errors go unhandled, and the code after it runs before they finish.",
    discardedAsyncMap:
      "The promises this '{{method}}' creates are discarded: nothing awaits the iterations or handles their errors.",
    asyncPredicate:
      "'{{method}}' gets a promise from its async callback, and a promise is always truthy: it never sees the value the callback resolves to.",
    asyncReducer:
      "'{{method}}' with an async callback hands each step a promise of the accumulator, not its value, and only the last step's rejection can be handled.",
    awaitMap: "Await every iteration with taskscope's 'map' (all at once, as before; the first failure cancels the rest).",
  },
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node)) return [];
    const callee = skipParentheses(node.expression);
    const method = memberName(callee);
    const misuse = method === undefined ? undefined : misuseByMethod.get(method);
    const argument = node.arguments[0];
    if (!misuse || !argument || ts.isSpreadElement(argument)) return [];
    if (misuse === 'map' && !isDiscarded(node)) return [];
    const callback = skipParentheses(argument);
    if (misuse === 'reduce' && awaitsAccumulator(callback)) return [];
    if (!isAsyncCallback(callback, context) || ignoresReturnedPromises(node, misuse, context.checker) === false) return [];
    // Iterations that cannot reject lose nothing when nobody awaits them; a truthy promise or a promised accumulator is wrong anyway.
    if ((misuse === 'forEach' || misuse === 'map') && isFunctionExpressionLike(callback) && !functionCanReject(callback, context)) return [];

    const access = callee as TS.PropertyAccessExpression | TS.ElementAccessExpression;
    const finding: Finding<NoAsyncIterationCallbackMessageId> = {
      rule: 'no-async-iteration-callback',
      messageId: messageIds[misuse],
      data: { method: method! },
      node: ts.isPropertyAccessExpression(access) ? access.name : access.argumentExpression,
      fixes: [],
    };
    if (misuse === 'forEach' || misuse === 'map') {
      const rewrite = awaitMapRewrite(node, access, callback, misuse, context);
      if ('review' in rewrite) finding.review = rewrite.review;
      else finding.fixes.push(rewrite.fix);
    }
    return [finding];
  },
};

// `xs.map(…);` as a statement: its array of promises goes nowhere.
function isDiscarded(call: TS.CallExpression): boolean {
  let node: TS.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isExpressionStatement(node.parent);
}

function isAsyncCallback(callback: TS.Expression, context: AnalysisContext): boolean {
  const { checker } = context;
  if (isFunctionExpressionLike(callback)) {
    // An async generator returns no promise.
    if (isAsyncFunction(callback)) return !callback.asteriskToken;
    // A concise arrow returning a call (`(x) => save(x)`) is the one non-async shape worth a query;
    // a task spawned into a scope (`(x) => s.spawn(…)`) has an owner.
    const body = ts.isArrowFunction(callback) ? skipParentheses(callback.body as TS.Expression) : undefined;
    if (!checker || !body || !(ts.isCallExpression(body) || ts.isNewExpression(body))) return false;
    if (ts.isCallExpression(body) && isOwnedSpawn(body, context)) return false;
    return isThenableType(checker, checker.getTypeAtLocation(body), body);
  }
  if (!checker || !(ts.isIdentifier(callback) || ts.isPropertyAccessExpression(callback))) return false;
  return checker
    .getTypeAtLocation(callback)
    .getCallSignatures()
    .some((signature) => isThenableType(checker, signature.getReturnType(), callback));
}

/**
 * Typed: false when the method does something with the promises — its callback
 * parameter returns a promise (a promise-aware `forEach`, `reduce` over a
 * promise accumulator), or, for `map`, it returns a promise itself. Undefined
 * without a checker or a known signature.
 */
function ignoresReturnedPromises(call: TS.CallExpression, misuse: Misuse, checker: TS.TypeChecker | undefined): boolean | undefined {
  if (!checker) return undefined;
  if (misuse === 'map') return !isThenableType(checker, checker.getTypeAtLocation(call), call);
  const signature = checker.getResolvedSignature(call);
  const parameter = signature?.declaration ? signature.getParameters()[0] : undefined;
  if (!parameter) return undefined;
  const callbackType = checker.getNonNullableType(checker.getTypeOfSymbol(parameter));
  return !callbackType.getCallSignatures().some((s) => isThenableType(checker, s.getReturnType(), call));
}

// `xs.reduce(async (previous, x) => { await previous; … }, Promise.resolve())`: a deliberate chain.
function awaitsAccumulator(callback: TS.Expression): boolean {
  if (!isFunctionExpressionLike(callback)) return false;
  const accumulator = callback.parameters[0]?.name;
  if (!accumulator || !ts.isIdentifier(accumulator)) return false;
  return containsNode(callback, (node) => {
    if (!ts.isAwaitExpression(node)) return false;
    const awaited = skipParentheses(node.expression);
    return ts.isIdentifier(awaited) && awaited.text === accumulator.text;
  });
}

/**
 * `xs.forEach(async (x, i) => …)` → `await map(xs, async (x, signal, i) => …)`.
 * taskscope's `map` runs every callback at once like `forEach` did (no
 * concurrency limit), but awaits them and cancels the rest on the first failure.
 */
function awaitMapRewrite(
  call: TS.CallExpression,
  access: TS.PropertyAccessExpression | TS.ElementAccessExpression,
  callback: TS.Expression,
  misuse: 'forEach' | 'map',
  context: AnalysisContext,
): { fix: Fix<NoAsyncIterationCallbackMessageId> } | { review: Review } {
  const { sourceFile, checker } = context;
  const subject = misuse === 'forEach' ? 'async forEach callback' : 'discarded async map';
  const review = (why: string) => ({ review: { transform: 'async-foreach' as const, reason: `${subject} ${why}`, node: call } });

  if (!isAsyncFunction(enclosingFunction(call))) return review('outside an async function');
  if (!isDiscarded(call)) return review('inside an expression');
  if (call.arguments.length > 1) return review('with a thisArg');
  if (access.questionDotToken || call.questionDotToken) return review('on an optional chain');
  if (checker && !isArrayReceiver(access.expression, checker)) return review('over something other than an array');

  const options = taskscopeOptions(call, context);
  const edits = [
    {
      start: call.getStart(sourceFile),
      end: callback.getStart(sourceFile),
      text: `await ${runtimeName(sourceFile, 'map')}(${access.expression.getText(sourceFile)}, `,
    },
    ...options.edits,
    ...(options.text === undefined ? [] : [{ start: callback.end, end: callback.end, text: `, ${options.text}` }]),
  ];
  if (isFunctionExpressionLike(callback)) {
    const { parameters } = callback;
    if (parameters.some((p) => p.dotDotDotToken)) return review('with a rest parameter');
    if (parameters.length > 2) return review('that uses the array argument');
    edits.push(...mapCallbackEdits(callback, context, false, signalInScope(call, context)?.text));
  } else if (!checker || checker.getTypeAtLocation(callback).getCallSignatures().some((s) => s.getParameters().length > 1)) {
    return review('passed by reference');
  }
  // Iterations none of which takes a signal would be cancelled by nothing: awaiting them is a human's call.
  const delivers = isFunctionExpressionLike(callback) && threadSignalEdits(callback.body, signalParameterName([callback]), context, signalInScope(call, context)?.text).length > 0;
  if (!delivers) return review('takes no AbortSignal; await the iterations (for…of, or Promise.all over a map) if the caller should wait');
  return { fix: { messageId: 'awaitMap', transform: 'async-foreach', edits, imports: ['map'], delivery: 'all' } };
}

function isArrayReceiver(receiver: TS.Expression, checker: TS.TypeChecker): boolean {
  const type = checker.getNonNullableType(checker.getTypeAtLocation(receiver));
  return (type.flags & ts.TypeFlags.Any) !== 0 || checker.isArrayLikeType(type);
}
