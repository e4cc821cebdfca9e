// How many tasks a fan-out over a collection starts: a known, fixed number, or
// as many as the collection holds. The fan-out rules say "unbounded" only
// when the code leaves the size open.
import type * as TS from 'typescript';

import { perCompiler, ts } from './compiler.js';
import { type MapFanOut, pushesInto } from './fan-out.js';
import { memberName, skipParentheses, unwrapExpression } from './syntax.js';
import type { AnalysisContext } from './types.js';
import { constInitializer, declarationOf } from './value-flow.js';

/**
 * Whether the mapped collection has a known, fixed size, or the work per item
 * is already limited:
 * - an array literal without spreads of unknown size, and (typed) any tuple;
 * - `x.slice(a, b)` with known bounds, `x.slice(i, i + n)` (a batch of a
 *   batching loop) and `x.slice(-n)`, with `n` a literal, a `const`, or a
 *   number kept in a `const` object (`LIMITS.topK`);
 * - `filter` / `slice` / `map` / sorting of a bounded collection;
 * - `Object.keys / values / entries` of an object literal;
 * - `Array.from({ length: n })`, and a pool of `n` workers taking items from a
 *   shared queue;
 * - a chunk of a chunking loop: `for (const batch of chunk(items, n))`;
 * - a `const` bound to any of these (and not pushed into in a loop);
 * - a callback that runs its work through a limiter (`limit(() => …)` from
 *   p-limit, `queue.add(…)`, a taskscope `limiter`'s `run`).
 */
export function hasBoundedConcurrency(fanOut: MapFanOut, context: AnalysisContext): boolean {
  if (isWorkerPool(fanOut) || runsThroughLimiter(fanOut.callback)) return true;
  const items = unwrapExpression(fanOut.items);
  if (fanOut.via === 'from' && ts.isObjectLiteralExpression(items)) return hasBoundedLength(items, context);
  return isBoundedCollection(items, context, 0);
}

/**
 * `Array.from({ length: n }, worker)` (or its `.map(worker)`) where each
 * worker loops, taking items from a shared queue: the pool is the limit, n
 * its size.
 */
function isWorkerPool(fanOut: MapFanOut): boolean {
  const items = unwrapExpression(fanOut.items);
  const counted =
    fanOut.via === 'from'
      ? ts.isObjectLiteralExpression(items)
      : ts.isCallExpression(items) && memberName(skipParentheses(items.expression)) === 'from' && items.arguments[0] !== undefined && ts.isObjectLiteralExpression(skipParentheses(items.arguments[0]));
  const fn = unwrapExpression(fanOut.callback);
  if (!counted || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  const loops = (node: TS.Node): boolean => ts.isIterationStatement(node, false) || (!ts.isFunctionLike(node) && (ts.forEachChild(node, loops) ?? false));
  return ts.forEachChild(fn.body, loops) ?? false;
}

const limiterName = /^(limit|limiter|throttle|queue|semaphore|sem|mutex|pool|bottleneck|pLimit|concurrency)$/i;
const limiterMethods: ReadonlySet<string> = new Set(['add', 'run', 'schedule', 'acquire', 'wrap', 'use']);

/** A callback whose work goes through a limiter: `(x) => limit(() => work(x))`, `queue.add(…)`, `limiter.run(…)`. */
function runsThroughLimiter(callback: TS.Expression): boolean {
  const fn = unwrapExpression(callback);
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  const visit = (node: TS.Node): boolean => {
    if (ts.isCallExpression(node) && node.arguments.some((argument) => ts.isFunctionLike(skipParentheses(argument)))) {
      const callee = skipParentheses(node.expression);
      if (ts.isIdentifier(callee) && limiterName.test(callee.text)) return true;
      if (ts.isPropertyAccessExpression(callee) && limiterMethods.has(callee.name.text)) {
        const receiver = skipParentheses(callee.expression);
        const name = ts.isIdentifier(receiver) ? receiver.text : memberName(receiver);
        if (name !== undefined && /(limit|limiter|queue|semaphore|throttle|pool|bottleneck)$/i.test(name)) return true;
      }
    }
    return !ts.isFunctionLike(node) && (ts.forEachChild(node, visit) ?? false);
  };
  return ts.isBlock(fn.body) ? (ts.forEachChild(fn.body, visit) ?? false) : visit(fn.body);
}

const preservesBound: ReadonlySet<string> = new Set(['filter', 'slice', 'map', 'toSorted', 'toReversed', 'reverse', 'sort']);

function isBoundedCollection(expression: TS.Expression, context: AnalysisContext, depth: number): boolean {
  if (depth > 8) return false;
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.every((e) => !ts.isSpreadElement(e) || isBoundedCollection(e.expression, context, depth + 1));
  }
  if (context.checker && context.checker.isTupleType(context.checker.getTypeAtLocation(node))) return true;
  if (ts.isIdentifier(node)) {
    if (isChunkOfLoop(node, context)) return true;
    const initializer = constInitializer(node, context);
    return initializer !== undefined && !growsUnboundedly(initializer, context) && isBoundedCollection(initializer, context, depth + 1);
  }
  if (!ts.isCallExpression(node)) return false;
  const callee = skipParentheses(node.expression);
  const method = memberName(callee);
  if (method === undefined || !(ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))) return false;
  const receiver = callee.expression;
  if (method === 'slice' && hasKnownBounds(node.arguments, context)) return true;
  if (preservesBound.has(method)) return isBoundedCollection(receiver, context, depth + 1);
  if (ts.isIdentifier(receiver) && receiver.text === 'Object' && ['keys', 'values', 'entries'].includes(method)) {
    const [source] = node.arguments;
    return source !== undefined && ts.isObjectLiteralExpression(skipParentheses(source));
  }
  if (ts.isIdentifier(receiver) && receiver.text === 'Array' && method === 'from') {
    const [source] = node.arguments;
    const literal = source && skipParentheses(source);
    if (!literal) return false;
    return ts.isObjectLiteralExpression(literal) ? hasBoundedLength(literal, context) : isBoundedCollection(literal, context, depth + 1);
  }
  return false;
}

// `for (const batch of chunk(items, 50))`: each batch holds at most a known number of items.
function isChunkOfLoop(id: TS.Identifier, context: AnalysisContext): boolean {
  const declaration = declarationOf(id, context);
  const loop = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  if (!loop || !ts.isForOfStatement(loop)) return false;
  const iterated = unwrapExpression(loop.expression);
  const chunked = ts.isIdentifier(iterated) ? (constInitializer(iterated, context) ?? iterated) : iterated;
  const call = unwrapExpression(chunked);
  if (!ts.isCallExpression(call)) return false;
  const name = ts.isIdentifier(skipParentheses(call.expression)) ? (skipParentheses(call.expression) as TS.Identifier).text : memberName(skipParentheses(call.expression));
  return name !== undefined && /chunk|batch|partition/i.test(name) && call.arguments.slice(1).some((size) => isKnownCount(size, context, 0));
}

// `const xs = []; for (…) xs.push(x)`: as many items as the loop runs, or as a spread pushes.
function growsUnboundedly(initializer: TS.Expression, context: AnalysisContext): boolean {
  const declaration = initializer.parent;
  if (initializer.getSourceFile() !== context.sourceFile || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const pushes = pushesInto(declaration.name, context);
  return pushes.inLoop || pushes.calls.some((call) => call.arguments.some(ts.isSpreadElement));
}

// `slice(0, 10)`, `slice(0, MAX)`, `slice(i, i + BATCH)` or `slice(-3)`: at most a known number of items.
function hasKnownBounds(args: TS.NodeArray<TS.Expression>, context: AnalysisContext): boolean {
  const [start, end] = args;
  if (!start || args.length > 2) return false;
  if (!end) return isNegativeCount(start, context);
  if (isKnownCount(start, context, 0) && isKnownCount(end, context, 0)) return true;
  const offset = unwrapExpression(end);
  return (
    ts.isBinaryExpression(offset) &&
    offset.operatorToken.kind === ts.SyntaxKind.PlusToken &&
    unwrapExpression(offset.left).getText() === unwrapExpression(start).getText() &&
    isKnownCount(offset.right, context, 0)
  );
}

/**
 * A number fixed in the code: a literal, a `const` holding one, a property of
 * a `const` object literal holding one (`RETRIEVAL.topK`), arithmetic on such
 * numbers (`MAX + 1`), `Math.min` with one such argument, and (typed)
 * anything of a number literal type.
 */
export function isKnownCount(node: TS.Expression, context: AnalysisContext, depth: number): boolean {
  const inner = unwrapExpression(node);
  if (ts.isNumericLiteral(inner) || isNegativeCount(inner, context)) return true;
  if (depth > 4) return false;
  if (ts.isIdentifier(inner)) {
    const initializer = constInitializer(inner, context);
    if (initializer) return isKnownCount(initializer, context, depth + 1);
  }
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
    const object = constInitializer(inner.expression, context);
    const literal = object && unwrapExpression(object);
    const property =
      literal && ts.isObjectLiteralExpression(literal)
        ? literal.properties.find((p): p is TS.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === inner.name.text)
        : undefined;
    if (property) return isKnownCount(property.initializer, context, depth + 1);
  }
  if (ts.isBinaryExpression(inner) && arithmetic().has(inner.operatorToken.kind)) {
    return isKnownCount(inner.left, context, depth + 1) && isKnownCount(inner.right, context, depth + 1);
  }
  if (ts.isCallExpression(inner) && skipParentheses(inner.expression).getText() === 'Math.min') {
    return inner.arguments.some((argument) => !ts.isSpreadElement(argument) && isKnownCount(argument, context, depth + 1));
  }
  return context.checker?.getTypeAtLocation(inner).isNumberLiteral() ?? false;
}

const arithmetic = perCompiler(
  (): ReadonlySet<TS.SyntaxKind> =>
    new Set([ts.SyntaxKind.PlusToken, ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken]),
);

// `-3`, `-K`: a negative `slice` start keeps at most that many items.
function isNegativeCount(node: TS.Expression, context: AnalysisContext): boolean {
  const inner = skipParentheses(node);
  if (!ts.isPrefixUnaryExpression(inner) || inner.operator !== ts.SyntaxKind.MinusToken) return false;
  return ts.isNumericLiteral(inner.operand) || isKnownCount(inner.operand, context, 1);
}

function hasBoundedLength(object: TS.ObjectLiteralExpression, context: AnalysisContext): boolean {
  return object.properties.some(
    (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'length' && isKnownCount(p.initializer, context, 0),
  );
}
