import type * as TS from 'typescript';

import { combinatorFix } from '../../lib/combinator-fix.js';
import { perCompiler, ts } from '../../lib/compiler.js';
import { callbackStartsWork, fanOutSource, pushesInto, type MapFanOut } from '../../lib/fan-out.js';
import { taskscopeCallee } from '../../lib/runtime-api.js';
import { memberName, promiseCombinatorOf, skipParentheses, unwrapExpression } from '../../lib/syntax.js';
import type { AnalysisContext, Detector, Finding, Fix, TextEdit, TransformId } from '../../lib/types.js';
import { constInitializer } from '../../lib/value-flow.js';

export interface NoUnboundedFanOutOptions {
  /** The limit the suggestion proposes. */
  defaultConcurrency: number;
}

const promiseCombinators: ReadonlySet<string> = new Set(['all', 'allSettled', 'any']);
const taskscopeCombinators: ReadonlySet<string> = new Set(['all', 'allSettled']);

export type NoUnboundedFanOutMessageId = 'unboundedFanOut' | 'limitConcurrency';

/**
 * `Promise.all / allSettled / any` or taskscope `all / allSettled` over the
 * `.map` (or `Array.from`) of a collection of unknown size, with no
 * concurrency limit: every item's work starts at once. See `isBounded` for
 * which collections have a known size.
 */
export const noUnboundedFanOut: Detector<NoUnboundedFanOutOptions, NoUnboundedFanOutMessageId> = {
  rule: 'no-unbounded-fan-out',
  kinds: ['CallExpression'],
  messages: {
    unboundedFanOut:
      '`{{callee}}` over the `.map` of a collection of unknown size starts every task at once; give it a concurrency limit.',
    limitConcurrency: 'Run at most {{concurrency}} at a time with taskscope `{{name}}()`.',
  },
  optionsSchema: {
    type: 'object',
    properties: {
      defaultConcurrency: {
        type: 'integer',
        minimum: 1,
        description: 'The concurrency limit the suggestion proposes.',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { defaultConcurrency: 8 },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    const [iterable, limits] = node.arguments;
    const combinator = promiseCombinatorOf(node);
    const name = combinator ? undefined : taskscopeCallee(node, context.sourceFile);
    if (!iterable || !(combinator ? promiseCombinators.has(combinator) : name !== undefined && taskscopeCombinators.has(name))) return [];
    const source = fanOutSource(iterable, context);
    if (source?.shape !== 'map') return [];
    const fanOut = source.map;
    const concurrency = Math.max(1, Math.floor(options.defaultConcurrency));

    let fix: Fix<NoUnboundedFanOutMessageId> | undefined;
    let callee: string;
    let transform: TransformId = 'promise-all';
    if (combinator) {
      if (limits || !callbackStartsWork(fanOut.callback, context)) return [];
      if (isBounded(fanOut, context)) return [];
      callee = `Promise.${combinator}`;
      if (combinator === 'allSettled') transform = 'all-settled';
      fix = combinatorFix(node, context, { messageId: 'limitConcurrency', transform, concurrency });
    } else {
      if (node.arguments.length > 2) return [];
      if ((limits && !lacksConcurrency(limits)) || isBounded(fanOut, context)) return [];
      callee = name!;
      fix = concurrencyOptionFix(node, name!, concurrency, context);
    }

    const finding: Finding<NoUnboundedFanOutMessageId> = {
      rule: 'no-unbounded-fan-out',
      messageId: 'unboundedFanOut',
      data: { callee },
      node: node.expression,
      fixes: fix ? [{ ...fix, data: { ...fix.data, concurrency: String(concurrency) } }] : [],
    };
    if (!fix) {
      finding.review = { transform, reason: 'unbounded fan-out; add a concurrency limit', node };
    }
    return [finding];
  },
};

/**
 * True for a literal options object without `concurrency` (and without a
 * spread that might hold it). Any other options expression is trusted.
 */
function lacksConcurrency(options: TS.Expression): boolean {
  const literal = skipParentheses(options);
  return (
    ts.isObjectLiteralExpression(literal) &&
    literal.properties.every(
      (p) => !ts.isSpreadAssignment(p) && !(p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === 'concurrency'),
    )
  );
}

/**
 * Taskscope `all(tasks)` → `all(tasks, { concurrency: N })`, or the property
 * added to its options literal. Editor-only (no transform): the codemod
 * migrates `Promise` combinators and leaves taskscope calls as written.
 */
function concurrencyOptionFix(call: TS.CallExpression, name: string, concurrency: number, context: AnalysisContext): Fix<NoUnboundedFanOutMessageId> {
  const [tasks, options] = call.arguments;
  const property = `concurrency: ${concurrency}`;
  const literal = options && skipParentheses(options);
  let edit: TextEdit;
  if (literal && ts.isObjectLiteralExpression(literal)) {
    const properties = literal.properties;
    const last = properties[properties.length - 1];
    if (!last) {
      edit = { start: literal.getStart(context.sourceFile), end: literal.end, text: `{ ${property} }` };
    } else {
      const at = properties.hasTrailingComma ? properties.end : last.end;
      edit = { start: at, end: at, text: properties.hasTrailingComma ? ` ${property},` : `, ${property}` };
    }
  } else {
    edit = { start: tasks!.end, end: tasks!.end, text: `, { ${property} }` };
  }
  return { messageId: 'limitConcurrency', data: { name }, edits: [edit], imports: [] };
}

/**
 * Whether the mapped collection has a known, fixed size: an array literal
 * without spreads of unknown size, `x.slice(a, b)` with literal bounds (or
 * `x.slice(-n)`), `filter` / `slice` / `map` / `toSorted` / `toReversed` of a
 * bounded collection, `Object.keys / values / entries` of an object literal,
 * `Array.from({ length: <literal> })`, a `const` bound to any of these (and
 * not pushed into in a loop), and (typed) any tuple.
 */
function isBounded(fanOut: MapFanOut, context: AnalysisContext): boolean {
  if (isWorkerPool(fanOut)) return true;
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

const preservesBound: ReadonlySet<string> = new Set(['filter', 'slice', 'map', 'toSorted', 'toReversed', 'reverse', 'sort']);

function isBoundedCollection(expression: TS.Expression, context: AnalysisContext, depth: number): boolean {
  if (depth > 8) return false;
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node)) {
    return node.elements.every((e) => !ts.isSpreadElement(e) || isBoundedCollection(e.expression, context, depth + 1));
  }
  if (context.checker && context.checker.isTupleType(context.checker.getTypeAtLocation(node))) return true;
  if (ts.isIdentifier(node)) {
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

// `const xs = []; for (…) xs.push(x)`: as many items as the loop runs, or as a spread pushes.
function growsUnboundedly(initializer: TS.Expression, context: AnalysisContext): boolean {
  const declaration = initializer.parent;
  if (initializer.getSourceFile() !== context.sourceFile || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  const pushes = pushesInto(declaration.name, context);
  return pushes.inLoop || pushes.calls.some((call) => call.arguments.some(ts.isSpreadElement));
}

// `slice(0, 10)`, `slice(0, MAX)` or `slice(-3)`: at most a known number of items.
function hasKnownBounds(args: TS.NodeArray<TS.Expression>, context: AnalysisContext): boolean {
  const [start, end] = args;
  if (!start || args.length > 2) return false;
  if (!end) return isNegativeLiteral(start);
  return isKnownCount(start, context, 0) && isKnownCount(end, context, 0);
}

/**
 * A number fixed in the code: a literal, a `const` holding one, arithmetic
 * on such numbers (`MAX + 1`), `Math.min` with one such argument, and (typed)
 * anything of a number literal type.
 */
function isKnownCount(node: TS.Expression, context: AnalysisContext, depth: number): boolean {
  const inner = unwrapExpression(node);
  if (ts.isNumericLiteral(inner) || isNegativeLiteral(inner)) return true;
  if (depth > 4) return false;
  if (ts.isIdentifier(inner)) {
    const initializer = constInitializer(inner, context);
    if (initializer) return isKnownCount(initializer, context, depth + 1);
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

function isNegativeLiteral(node: TS.Expression): boolean {
  const inner = skipParentheses(node);
  return ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(inner.operand);
}

function hasBoundedLength(object: TS.ObjectLiteralExpression, context: AnalysisContext): boolean {
  return object.properties.some(
    (p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'length' && isKnownCount(p.initializer, context, 0),
  );
}

