import type * as TS from 'typescript';

import { ts } from '../../lib/compiler.js';
import { calledFunction } from '../../lib/callees.js';
import { canReject, functionCanReject } from '../../lib/rejection.js';
import { isAsyncFunction, memberName, skipParentheses } from '../../lib/syntax.js';
import { isAssertion, isExampleFile, isTestFile } from '../../lib/test-code.js';
import type { AnalysisContext, Detector, Finding, Fix, TextEdit } from '../../lib/types.js';
import {
  carriesFloating,
  floatingKind,
  isPromiseArray,
  ownerFunction,
  promiseVariableVerdict,
  type FloatingKind,
  type FloatingOptions,
} from './floating.js';
import { addParameterFix, handsOutOngoingWork, scopePlan, spawnBlocker, spawnFix, type SpawnSite, type WrapTarget, wrapFix } from './scope-fix.js';

export interface NoFloatingPromisesOptions extends FloatingOptions {
  /** Report in test files as elsewhere (by default only dropped assertions). */
  checkTestFiles: boolean;
  /** Report in example code as elsewhere (see `isExampleFile`). */
  checkExamples: boolean;
}

const messageIds: Record<FloatingKind, NoFloatingPromisesMessageId> = {
  promise: 'floating',
  handled: 'floatingHandled',
  void: 'floatingVoid',
  array: 'floatingArray',
  uselessHandler: 'floatingUselessHandler',
};

const reasons = {
  outside:
    'floating promise outside an async function: report its failure with .catch(report), or write `void` before it with a comment saying why it may run on, or return it so the caller can await it in a scope',
  array: 'array of promises: await them together or spawn each one',
  shape: 'floating promise the codemod cannot spawn as written: await it, or spawn it into a scope by hand',
  'no-signal': 'floating promise: it takes no AbortSignal, so a scope could only wait for it; await it, or .catch(report)',
  'open-ended': 'floating promise: open-ended work (a stream, listener or loop); decide who owns it and when it stops',
  handle: "floating promise: this function's result is used while the work runs; a scope would make it wait",
};

export type NoFloatingPromisesMessageId = | 'floating'
  | 'floatingHandled'
  | 'floatingVoid'
  | 'floatingInSync'
  | 'floatingArray'
  | 'floatingUselessHandler'
  | 'unusedPromise'
  | 'awaitedTooLate'
  | 'awaitPromise'
  | 'awaitAll'
  | 'spawnIntoScope';

/**
 * Promises nobody owns: expression statements (and `void` arrow bodies) whose
 * promise is not awaited, returned or handled; `const`/`let` promises never
 * awaited, returned or passed on; and promises awaited only after another
 * `await`. Typed: thenable types; syntactic: the shapes of `isPromise`.
 */
export const noFloatingPromises: Detector<NoFloatingPromisesOptions, NoFloatingPromisesMessageId> = {
  rule: 'no-floating-promises',
  kinds: ['ExpressionStatement', 'VariableDeclaration', 'ArrowFunction'],
  messages: {
    floating:
      'This promise floats: nothing awaits it, returns it or handles its rejection, so a failure goes unhandled and nothing waits for the work.',
    floatingHandled:
      'This promise handles its rejection, but nothing owns it: nothing awaits it or waits for the work, which outlives its caller (checkHandled).',
    floatingVoid:
      '`void` discards this promise: its rejection goes unhandled and nothing waits for the work. Await it or spawn it into a scope.',
    floatingInSync:
      'This promise can reject, and nothing handles it: this function is not async, so handle the rejection here with `.catch(report)`, or return the promise to a caller that awaits it.',
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
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      ignoreVoid: { type: 'boolean', description: 'Accept `void promise` as a deliberate discard.' },
      checkHandled: {
        type: 'boolean',
        description: 'Also report promises handled with `.catch(handler)` or `.then(ok, handler)`: nothing waits for them.',
      },
      checkTestFiles: {
        type: 'boolean',
        description: 'Report in test files as elsewhere; by default only dropped assertions are reported there.',
      },
      checkExamples: { type: 'boolean', description: 'Report in example code as elsewhere.' },
    },
  },
  defaultOptions: { ignoreVoid: false, checkHandled: false, checkTestFiles: false, checkExamples: false },
  check(node, context, options) {
    const site = siteOf(node, context, options);
    return site ? [findingFor(site, context, options)] : [];
  },
};

/** One floating promise, before its fixes are chosen by where it sits. */
interface Site {
  /** Where the diagnostic points. */
  node: TS.Node;
  messageId: NoFloatingPromisesMessageId;
  data?: Record<string, string>;
  /** How to spawn it, when spawning the expression owns the promise. */
  spawn?: SpawnSite;
  /** The editor-only `await` rewrite, when awaiting it owns the promise. */
  await?: { messageId: 'awaitPromise' | 'awaitAll'; edits: TextEdit[] };
  array?: boolean;
}

function siteOf(node: TS.Node, context: AnalysisContext, options: NoFloatingPromisesOptions): Site | undefined {
  const site = ts.isExpressionStatement(node)
    ? statementSite(node, context, options)
    : ts.isVariableDeclaration(node)
      ? variableSite(node, context)
      : ts.isArrowFunction(node)
        ? arrowVoidSite(node, context, options)
        : undefined;
  return site && losesSomething(site, context, options) ? site : undefined;
}

/**
 * Whether anything is lost when this promise has no owner. Not when it cannot
 * reject: no failure goes unnoticed, and a handled one only floats under
 * `checkHandled`. Not for a script's entry call (`main();` or an async IIFE at
 * module level), whose unhandled rejection ends the program with the error
 * printed, nor for `Promise.reject(error)` as a statement outside an async
 * function (or `void`ed anywhere): an unhandled rejection raised on purpose,
 * as event emitters do when no one listens for errors. In
 * test files only a dropped assertion is, and in example code nothing (see
 * `isTestFile`, `isExampleFile`).
 */
function losesSomething(site: Site, context: AnalysisContext, options: NoFloatingPromisesOptions): boolean {
  const value = promiseOf(site.node);
  if (!options.checkTestFiles && isTestFile(context)) return isAssertion(value);
  if (!options.checkExamples && isExampleFile(context)) return false;
  if (site.messageId === 'floatingHandled' || site.messageId === 'floatingUselessHandler') return true;
  const owner = ownerFunction(site.node);
  if (owner === undefined && callsEntryFunction(value, context)) return false;
  if (isPromiseReject(value) && (site.messageId === 'floatingVoid' || !(owner && isAsyncFunction(owner)))) return false;
  return site.array === true ? someElementCanReject(value, context) : canReject(value, context);
}

// `[a(), b().catch(log)]`, `ids.map(async (id) => …)`: the array loses a failure when one of its promises can reject.
function someElementCanReject(array: TS.Expression, context: AnalysisContext): boolean {
  const node = skipParentheses(array);
  if (ts.isArrayLiteralExpression(node)) return node.elements.some((element) => ts.isSpreadElement(element) || canReject(element, context));
  const callback = ts.isCallExpression(node) && memberName(skipParentheses(node.expression)) === 'map' ? node.arguments[0] : undefined;
  const fn = callback && skipParentheses(callback);
  return !fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) || functionCanReject(fn, context);
}

// `void Promise.reject(error)` raises an unhandled rejection on purpose (as an EventEmitter's unheard 'error' does).
function isPromiseReject(value: TS.Expression): boolean {
  const node = skipParentheses(value);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipParentheses(node.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'reject' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

// `main();` at module level, `main` a function of this file, or an async IIFE there: the script's entry, whose failure
// ends it with the error printed.
function callsEntryFunction(value: TS.Expression, context: AnalysisContext): boolean {
  const node = skipParentheses(value);
  if (!ts.isCallExpression(node)) return false;
  const callee = skipParentheses(node.expression);
  return ts.isArrowFunction(callee) || ts.isFunctionExpression(callee) || (ts.isIdentifier(callee) && calledFunction(node, context) !== undefined);
}

// The expression whose promise floats: a `void`'s operand, a variable's initializer.
function promiseOf(node: TS.Node): TS.Expression {
  if (ts.isIdentifier(node) && ts.isVariableDeclaration(node.parent) && node.parent.initializer) return node.parent.initializer;
  const expression = node as TS.Expression;
  return ts.isVoidExpression(expression) ? expression.expression : skipParentheses(expression);
}

function statementSite(statement: TS.ExpressionStatement, context: AnalysisContext, options: FloatingOptions): Site | undefined {
  const { expression } = statement;
  const kind = floatingKind(expression, context, options, ownerFunction(statement) === undefined);
  if (!kind) return undefined;
  const site: Site = { node: expression, messageId: messageIds[kind] };
  const value = ts.isVoidExpression(expression) ? expression.expression : expression;
  if (kind === 'array') {
    site.array = true;
    if (value === expression && isPromiseArray(expression, context)) {
      site.await = { messageId: 'awaitAll', edits: surround(expression, 'await Promise.all(', ')') };
    }
    return site;
  }
  if (!carriesFloating(value, context, options)) return site;
  const start = expression.getStart();
  const valueStart = value.getStart();
  site.spawn = { start, expression: value, expressionStart: valueStart, expressionEnd: value.end, parenthesize: isCommaSequence(value) };
  site.await = {
    messageId: 'awaitPromise',
    edits:
      value === expression
        ? bindsTighterThanAwait(expression)
          ? [{ start, end: start, text: 'await ' }]
          : surround(expression, 'await (', ')')
        : [{ start, end: start + 'void'.length, text: 'await' }],
  };
  return site;
}

function variableSite(declaration: TS.VariableDeclaration, context: AnalysisContext): Site | undefined {
  const verdict = promiseVariableVerdict(declaration, context);
  if (!verdict) return undefined;
  const initializer = declaration.initializer!;
  const site: Site = {
    node: declaration.name,
    messageId: verdict.kind === 'unused' ? 'unusedPromise' : 'awaitedTooLate',
    data: { name: (declaration.name as TS.Identifier).text },
  };
  // Spawning turns the promise into a Task (a PromiseLike): only safe where nothing else is done with it.
  const onlyAwaited = verdict.references.every((r) => ts.isAwaitExpression(skipUp(r).parent));
  if (onlyAwaited) {
    const start = initializer.getStart();
    site.spawn = { start, expression: initializer, expressionStart: start, expressionEnd: initializer.end, parenthesize: false };
  }
  if (verdict.kind === 'unused' && verdict.references.length === 0) {
    const start = initializer.getStart();
    site.await = { messageId: 'awaitPromise', edits: [{ start, end: start, text: 'await ' }] };
  }
  return site;
}

// `() => void promise` discards the promise just like a `void` statement.
function arrowVoidSite(arrow: TS.ArrowFunction, context: AnalysisContext, options: FloatingOptions): Site | undefined {
  const { body } = arrow;
  if (!ts.isVoidExpression(body) || options.ignoreVoid) return undefined;
  const kind = floatingKind(body, context, options, false);
  if (!kind) return undefined;
  const site: Site = { node: body, messageId: messageIds[kind], array: kind === 'array' };
  if (kind !== 'array' && carriesFloating(body.expression, context, options)) {
    const start = body.getStart();
    site.await = { messageId: 'awaitPromise', edits: [{ start, end: start + 'void'.length, text: 'await' }] };
  }
  return site;
}

function findingFor(site: Site, context: AnalysisContext, options: NoFloatingPromisesOptions): Finding<NoFloatingPromisesMessageId> {
  const owner = ownerFunction(site.node);
  const fixes: Fix<NoFloatingPromisesMessageId>[] = [];
  if (site.await && isAsyncFunction(owner)) fixes.push({ messageId: site.await.messageId, edits: site.await.edits, imports: [] });
  const blocker = site.spawn && spawnBlocker(site.spawn, context);
  const plan = site.spawn && !blocker ? scopePlan(owner, context) : undefined;
  if (plan && site.spawn) {
    if (plan.kind === 'spawn') fixes.push(spawnFix(site.spawn, plan.scopeName, context));
    else if (plan.kind === 'addParameter') fixes.push(addParameterFix(plan, spawnSitesIn(plan.fn, context, options), context));
    else fixes.push(wrapFix(wrapGroup(plan.fn, context, options), context));
  }
  // Neither awaiting nor spawning is possible in a function that isn't async: the message says what is.
  const inSync = owner !== undefined && !isAsyncFunction(owner) && (site.messageId === 'floating' || site.messageId === 'floatingVoid');
  const messageId = inSync ? 'floatingInSync' : site.messageId;
  const finding: Finding<NoFloatingPromisesMessageId> = { rule: 'no-floating-promises', messageId, node: site.node, fixes };
  if (site.data) finding.data = site.data;
  if (!plan) {
    const asyncOwner = isAsyncFunction(owner);
    const handsOut = owner !== undefined && ts.isFunctionLike(owner) && handsOutOngoingWork(owner as TS.FunctionLikeDeclaration, context);
    const reason = site.array ? reasons.array : !asyncOwner ? reasons.outside : blocker ? reasons[blocker] : handsOut ? reasons.handle : reasons.shape;
    finding.review = { transform: 'floating', reason, node: site.node };
  }
  return finding;
}

/**
 * The functions wrapped together with `fn`: the outermost function around it
 * that gets wrapped too (its new indentation reaches `fn`'s lines), and every
 * function inside that one that gets wrapped.
 */
function wrapGroup(fn: TS.FunctionLikeDeclaration, context: AnalysisContext, options: NoFloatingPromisesOptions): WrapTarget[] {
  const targetOf = (node: TS.Node): WrapTarget | undefined => {
    const plan = ts.isFunctionLike(node) ? scopePlan(node, context) : undefined;
    if (plan?.kind !== 'wrap') return undefined;
    const sites = spawnSitesIn(plan.fn, context, options);
    return sites.length > 0 ? { fn: plan.fn, signal: plan.signal, sites } : undefined;
  };
  let root: TS.Node = fn;
  for (let current = fn.parent; current; current = current.parent) if (targetOf(current)) root = current;
  const targets: WrapTarget[] = [];
  const visit = (node: TS.Node): void => {
    const target = targetOf(node);
    if (target) targets.push(target);
    ts.forEachChild(node, visit);
  };
  visit(root);
  return targets;
}

const sitesByFunction = new WeakMap<TS.Node, Map<string, readonly SpawnSite[]>>();

/**
 * Every spawnable site among `fn`'s own statements (not those of nested
 * functions). Cached per function and options: each finding of a function
 * asks for the same list.
 */
function spawnSitesIn(fn: TS.FunctionLikeDeclaration, context: AnalysisContext, options: NoFloatingPromisesOptions): readonly SpawnSite[] {
  const key = `${options.ignoreVoid}:${options.checkHandled}:${options.checkTestFiles}:${options.checkExamples}:${context.checker !== undefined}`;
  const cached = sitesByFunction.get(fn)?.get(key);
  if (cached) return cached;
  const sites: SpawnSite[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    const site = ts.isExpressionStatement(node) || ts.isVariableDeclaration(node) ? siteOf(node, context, options) : undefined;
    if (site?.spawn && !spawnBlocker(site.spawn, context)) sites.push(site.spawn);
    ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  const byOptions = sitesByFunction.get(fn) ?? new Map<string, readonly SpawnSite[]>();
  byOptions.set(key, sites);
  sitesByFunction.set(fn, byOptions);
  return sites;
}

function surround(expression: TS.Expression, before: string, after: string): TextEdit[] {
  const start = expression.getStart();
  return [
    { start, end: start, text: before },
    { start: expression.end, end: expression.end, text: after },
  ];
}

function isCommaSequence(expression: TS.Expression): boolean {
  return ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.CommaToken;
}

// `await x` applies to all of x only when x is a primary or postfix expression.
function bindsTighterThanAwait(expression: TS.Expression): boolean {
  return (
    ts.isIdentifier(expression) ||
    ts.isPropertyAccessExpression(expression) ||
    ts.isElementAccessExpression(expression) ||
    ts.isCallExpression(expression) ||
    ts.isNewExpression(expression) ||
    ts.isTaggedTemplateExpression(expression) ||
    ts.isParenthesizedExpression(expression) ||
    ts.isNonNullExpression(expression) ||
    ts.isArrayLiteralExpression(expression) ||
    ts.isObjectLiteralExpression(expression)
  );
}

function skipUp(node: TS.Node): TS.Node {
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}
