// Can this promise reject? Every rule asks before it says that a failure is
// lost or that a failing sibling orphans the others: a promise that cannot
// reject loses nothing and ends no fan-out early.
//
// "Cannot reject" is claimed only where the code shows it:
// - a `.catch(handler)` / `.then(ok, handler)` whose callbacks throw nothing;
// - an async function (or callback) whose awaits of work that can reject and
//   whose `throw`s all sit in a `try` whose `catch` and `finally` throw nothing;
// - `Promise.resolve(value)`, `Promise.allSettled(…)`, `Promise.all` of
//   promises or mapped tasks that cannot reject, a `new Promise` whose
//   executor never calls `reject` and throws nothing, `import(…)`;
// - the promise of a `Promise.withResolvers()` that nothing can reject: a
//   `const` of this file (not exported) destructured without `reject`, or
//   with a `reject` never read; or a `const` or private field used only for
//   `.promise` and `.resolve`; and resolved only with what cannot reject;
// - a private field (`this.#ready`) every value its class stores in which
//   cannot reject (field-values.ts);
// - a value destructured from the object literal a function of the file
//   returns on every path, or written in place;
// - a call of such a function: same file, or (typed) any source file the
//   checker resolves it to.
// Everything else can. Synchronous calls are taken not to throw (a getter or a
// parse would make every function "can reject" and the analysis worthless);
// `return work()` in an async function is not caught by its `try`, so it
// counts as an escape unless awaited.
import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { isPromiseValued, looksLikePromise } from './promises.js';
import { isAsyncFunction, memberName, mentions, outermost, skipParentheses, unwrapExpression } from './syntax.js';
import type { AnalysisContext } from './types.js';
import { calledFunction, functionNamed } from './callees.js';
import { inlineCallback, mapFanOutOf } from './fan-out.js';
import { fieldRead, fieldReads, fieldValues } from './field-values.js';
import { bindsName, constInitializer, declarationOf, referencesOf, returnedValues } from './value-flow.js';

/** How deep calls are followed into the functions they run. */
const MAX_DEPTH = 3;

/** Whether the promise `expression` evaluates to (or, for a non-promise value, its evaluation) can reject. */
export function canReject(expression: TS.Expression, context: AnalysisContext): boolean {
  return expressionRejects(expression, context, 0);
}

/**
 * Whether a call of `fn` can end in a rejection: for an async function, its
 * body can throw or await a rejection; for any other function, what it
 * returns can reject (or its body throws).
 */
export function functionCanReject(fn: TS.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  return functionRejects(fn, context, 0);
}

/**
 * Whether a task a fan-out runs can reject: `fn` is called for each item and
 * what it returns is the task's promise, whatever its type says (`(job) =>
 * job.run()`), so a returned call counts as a promise even without types.
 */
export function taskCanReject(fn: TS.FunctionLikeDeclaration, context: AnalysisContext): boolean {
  return taskRejects(fn, context, 0);
}

function taskRejects(fn: TS.FunctionLikeDeclaration, context: AnalysisContext, depth: number): boolean {
  if (!fn.body || fn.asteriskToken) return true;
  return escapes(fn.body, { async: isAsyncFunction(fn), returns: true, returnsPromise: true }, context, depth);
}

const cache = { typed: new WeakMap<TS.Node, boolean>(), untyped: new WeakMap<TS.Node, boolean>() };

function functionRejects(fn: TS.FunctionLikeDeclaration, context: AnalysisContext, depth: number): boolean {
  if (!fn.body || fn.asteriskToken) return true;
  const memo = context.checker ? cache.typed : cache.untyped;
  const known = memo.get(fn);
  if (known !== undefined) return known;
  // A recursive call sees "can reject" until the answer is known.
  memo.set(fn, true);
  const rejects = escapes(fn.body, { async: isAsyncFunction(fn), returns: true }, context, depth);
  memo.set(fn, rejects);
  return rejects;
}

function expressionRejects(expression: TS.Expression, context: AnalysisContext, depth: number): boolean {
  const node = unwrapExpression(expression);
  if (ts.isAwaitExpression(node)) return expressionRejects(node.expression, context, depth);
  if (ts.isIdentifier(node)) return identifierRejects(node, context, depth);
  if (ts.isConditionalExpression(node)) return expressionRejects(node.whenTrue, context, depth) || expressionRejects(node.whenFalse, context, depth);
  if (ts.isNewExpression(node)) return !isQuietPromise(node, context, depth);
  if (ts.isCallExpression(node)) return callRejects(node, context, depth);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return false;
  if (ts.isPropertyAccessExpression(node)) return heldPromiseRejects(node, context, depth);
  // A promise read from somewhere (`items[0]`, `yield v`), or a tagged template's call: of unknown origin.
  if (ts.isElementAccessExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isYieldExpression(node)) return true;
  // `a(), b`, `a() || b()`: either side may be the promise in question.
  if (ts.isBinaryExpression(node) && isSequenceOrLogical(node.operatorToken.kind)) return expressionRejects(node.left, context, depth) || expressionRejects(node.right, context, depth);
  // Literals, arithmetic, object and array literals: nothing that settles later, unless a call in them throws.
  return containsCall(node);
}

function isSequenceOrLogical(kind: TS.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.CommaToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandToken ||
    kind === ts.SyntaxKind.BarBarToken ||
    kind === ts.SyntaxKind.QuestionQuestionToken
  );
}

function identifierRejects(id: TS.Identifier, context: AnalysisContext, depth: number): boolean {
  if (id.text === 'undefined') return false;
  const declaration = declarationOf(id, context);
  // `catch (error) { return error; }`: what was thrown, not a promise.
  if (declaration && ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent)) return false;
  if (declaration && ts.isBindingElement(declaration)) return !isResolveOnlyBinding(declaration, context) && destructuredRejects(declaration, context, depth);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return true;
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return true;
  return depth < MAX_DEPTH ? expressionRejects(declaration.initializer, context, depth + 1) : true;
}

/**
 * A promise read from a field or an object: `this.ready` is known by the
 * values its class stores there, `deferred.promise` by whether anything can
 * reject `deferred`. Anything else is of unknown origin.
 */
function heldPromiseRejects(access: TS.PropertyAccessExpression, context: AnalysisContext, depth: number): boolean {
  if (depth >= MAX_DEPTH) return true;
  const field = fieldRead(access);
  const values = field && fieldValues(field);
  if (!values) return access.name.text !== 'promise' || !isResolveOnlyHolder(access.expression, context);
  // Judged once per field and depth: a class that reads a field in every method would judge all its values each time.
  const memo = fieldVerdicts[context.checker ? 'typed' : 'untyped'];
  let byDepth = memo.get(values);
  if (!byDepth) memo.set(values, (byDepth = []));
  return (byDepth[depth] ??= values.length === 0 || values.some((value) => expressionRejects(value, context, depth + 1)));
}

const fieldVerdicts = { typed: new WeakMap<readonly TS.Expression[], boolean[]>(), untyped: new WeakMap<readonly TS.Expression[], boolean[]>() };

/**
 * `ready` (a `const` of this file, not exported) or a private field holding
 * only `Promise.withResolvers()` results, used for nothing but reading
 * `.promise` and resolving with what cannot reject: `resolve` adopts a
 * rejected promise it is given.
 */
function isResolveOnlyHolder(expression: TS.Expression, context: AnalysisContext): boolean {
  const holder = skipParentheses(expression);
  const field = fieldRead(holder);
  let values: TS.Expression[] | undefined;
  let reads: TS.Expression[] | undefined;
  if (field) {
    values = fieldValues(field);
    reads = fieldReads(field);
  } else if (ts.isIdentifier(holder)) {
    const declaration = declarationOf(holder, context);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer || !isLocalConst(declaration, context)) return false;
    values = [declaration.initializer];
    reads = referencesOf(declaration.name, context);
  }
  if (!values || !reads || values.length === 0 || !values.every(isWithResolvers)) return false;
  return reads.every((read) => {
    const member = read.parent;
    if (!ts.isPropertyAccessExpression(member) || member.expression !== read || isAssigned(member)) return false;
    return member.name.text === 'promise' || (member.name.text === 'resolve' && resolvesQuietly(member, context));
  });
}

/** `const { promise, resolve } = Promise.withResolvers()` (not exported): the `promise` of a destructuring whose `reject` is left out or never read, and whose `resolve` is given nothing that can reject. */
function isResolveOnlyBinding(element: TS.BindingElement, context: AnalysisContext): boolean {
  const pattern = element.parent;
  const declaration = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !isWithResolvers(declaration.initializer) || !isLocalConst(declaration, context)) return false;
  if (bindingKey(element) !== 'promise') return false;
  return pattern.elements.every((binding) => {
    const key = bindingKey(binding);
    if (binding.dotDotDotToken || key === undefined || !ts.isIdentifier(binding.name)) return false;
    if (key === 'reject') return referencesOf(binding.name, context).length === 0;
    return key !== 'resolve' || referencesOf(binding.name, context).every((use) => resolvesQuietly(use, context));
  });
}

/** A use of a `resolve` function: called with nothing, or with what cannot reject; or handed on as a value (`.then(resolve)`, a listener), which settles with what it is given. */
function resolvesQuietly(use: TS.Expression, context: AnalysisContext): boolean {
  const call = outermost(use).parent;
  if (!ts.isCallExpression(call) || call.expression !== outermost(use)) return true;
  return call.arguments.every((argument) => !expressionRejects(argument, context, MAX_DEPTH - 1));
}

/** A `const` declared in this file and not exported: no other module can reach it. */
function isLocalConst(declaration: TS.VariableDeclaration, context: AnalysisContext): boolean {
  const list = declaration.parent;
  if ((list.flags & ts.NodeFlags.Const) === 0) return false;
  const statement = list.parent;
  if (ts.isVariableStatement(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  return !context.sourceFile.statements.some(
    (s) => ts.isExportDeclaration(s) && s.exportClause !== undefined && ts.isNamedExports(s.exportClause) && s.exportClause.elements.some((e) => bindsName(declaration.name, (e.propertyName ?? e.name).text)),
  );
}

/** Whether an access is assigned to (`ready.promise = …`). */
function isAssigned(access: TS.Expression): boolean {
  const target = outermost(access);
  const parent = target.parent;
  return ts.isBinaryExpression(parent) && parent.left === target && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
}

/** A binding's property name as written (`promise`, `'reject'`), or undefined when computed. */
function bindingKey(binding: TS.BindingElement): string | undefined {
  const name = binding.propertyName ?? binding.name;
  return ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : undefined;
}

/**
 * `const { job } = { job: work().catch(log) }`, `const { job } = start()` with
 * `start` returning `{ job: … }` from every `return`: the value the object
 * gives that property (the last one written, as at run time), or the
 * binding's default. Anything else (a spread, a missing or computed property,
 * an object from elsewhere) is unknown.
 */
function destructuredRejects(element: TS.BindingElement, context: AnalysisContext, depth: number): boolean {
  const pattern = element.parent;
  const declaration = pattern.parent;
  const key = bindingKey(element);
  if (depth >= MAX_DEPTH || key === undefined || !ts.isObjectBindingPattern(pattern) || element.dotDotDotToken || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return true;
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return true;
  if (element.initializer && expressionRejects(element.initializer, context, depth + 1)) return true;
  let source = unwrapExpression(declaration.initializer);
  if (ts.isAwaitExpression(source)) source = unwrapExpression(source.expression);
  const fn = ts.isCallExpression(source) ? calledFunction(source, context) : undefined;
  const objects = ts.isObjectLiteralExpression(source) ? [source] : fn ? returnedValues(fn) : [];
  if (objects.length === 0) return true;
  return objects.some((object) => {
    if (!ts.isObjectLiteralExpression(object) || object.properties.some((p) => ts.isSpreadAssignment(p) || (p.name !== undefined && ts.isComputedPropertyName(p.name)))) return true;
    const property = object.properties.findLast((p) => p.name !== undefined && !ts.isComputedPropertyName(p.name) && p.name.text === key);
    if (property && ts.isPropertyAssignment(property)) return expressionRejects(property.initializer, context, depth + 1);
    if (property && ts.isShorthandPropertyAssignment(property)) return identifierRejects(property.name, context, depth + 1);
    return true;
  });
}

function isWithResolvers(expression: TS.Expression): boolean {
  const call = unwrapExpression(expression);
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParentheses(call.expression);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'withResolvers' && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise';
}

function callRejects(call: TS.CallExpression, context: AnalysisContext, depth: number): boolean {
  const callee = skipParentheses(call.expression);
  const method = memberName(callee);
  const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
  const [first, second] = call.arguments;
  if (receiver && method !== undefined) {
    if (method === 'catch' && first) return callbackThrows(first, context, depth);
    if (method === 'then' && second) return callbackThrows(second, context, depth) || (first !== undefined && callbackThrows(first, context, depth));
    if (method === 'then') return expressionRejects(receiver, context, depth) || (first !== undefined && callbackThrows(first, context, depth));
    if (method === 'finally') return expressionRejects(receiver, context, depth) || (first !== undefined && callbackThrows(first, context, depth));
    const promise = skipParentheses(receiver);
    if (ts.isIdentifier(promise) && promise.text === 'Promise') return staticPromiseRejects(method, call, context, depth);
  }
  if (ts.isArrowFunction(callee) || ts.isFunctionExpression(callee)) return functionRejects(callee, context, depth);
  // `import(m)` rejects only when the module is missing, which no run would miss.
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword) return false;
  const fn = depth < MAX_DEPTH ? calledFunction(call, context) : undefined;
  return fn ? functionRejects(fn, context, depth + 1) : true;
}

function staticPromiseRejects(method: string, call: TS.CallExpression, context: AnalysisContext, depth: number): boolean {
  const [argument] = call.arguments;
  if (method === 'allSettled') return false;
  if (method === 'resolve') return argument !== undefined && expressionRejects(argument, context, depth);
  if (method === 'all' || method === 'race' || method === 'any') {
    const list = argument && unwrapExpression(argument);
    if (list && ts.isArrayLiteralExpression(list)) return list.elements.some((element) => ts.isSpreadElement(element) || expressionRejects(element, context, depth));
    // `Promise.all(items.map(async (item) => { try { … } catch { … } }))`: tasks that each settle quietly.
    const map = list && mapFanOutOf(list);
    const task = map && inlineCallback(map.callback);
    return !task || taskRejects(task, context, depth);
  }
  return true;
}

/** Whether a callback handed to `.then` / `.catch` / `.finally` can throw (or return a rejection). */
function callbackThrows(callback: TS.Expression, context: AnalysisContext, depth: number): boolean {
  const node = unwrapExpression(callback);
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    return !(ts.isArrowFunction(node) && !ts.isBlock(node.body) && callsReporter(node.body, context)) && functionRejects(node, context, depth);
  }
  if (ts.isIdentifier(node)) {
    const fn = depth < MAX_DEPTH ? functionNamed(node, context) : undefined;
    // `.catch(report)` with `report` out of sight: the idiom is a handler that reports.
    return fn ? functionRejects(fn, context, depth + 1) : false;
  }
  // `console.error`, `logger.warn`, `this.onError`, `handlerFor(res)`: reporting handlers, or one a factory builds.
  return !(ts.isPropertyAccessExpression(node) || ts.isCallExpression(node) || node.kind === ts.SyntaxKind.NullKeyword);
}

/**
 * `(e) => logger.error(e)`, `() => this.onError?.()`: a handler that hands the
 * failure to a function out of sight, whose type says nothing (`any` from a
 * package that isn't installed, `unknown`). The same reporting handler as
 * `.catch(logger.error)`, so it is trusted as that one is.
 */
function callsReporter(body: TS.Expression, context: AnalysisContext): boolean {
  const call = unwrapExpression(body);
  if (!ts.isCallExpression(call) || calledFunction(call, context)) return false;
  const { checker } = context;
  return checker !== undefined && (checker.getTypeAtLocation(call).flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
}

/** `new Promise(executor)` whose executor never mentions its `reject` and throws nothing of its own. */
function isQuietPromise(node: TS.NewExpression, context: AnalysisContext, depth: number): boolean {
  if (!ts.isIdentifier(node.expression) || node.expression.text !== 'Promise') return false;
  const executor = node.arguments?.[0] && unwrapExpression(node.arguments[0]);
  if (!executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return false;
  const reject = executor.parameters[1];
  if (reject && !(ts.isIdentifier(reject.name) && !mentions(executor.body, reject.name.text))) return false;
  return !escapes(executor.body, { async: false, returns: false }, context, depth);
}

/** What can end a function in a rejection: always a `throw`; in an async function an `await`; where the result counts, a returned promise. */
interface Exits {
  async: boolean;
  returns: boolean;
  /** What is returned is a promise, whatever its type (a task's). */
  returnsPromise?: boolean;
}

/**
 * Whether a function body (a block, or an arrow's expression) can end in a
 * rejection: an exit (see `Exits`) that can reject, outside nested functions,
 * and not held by a `try` whose `catch` and `finally` have no such exit
 * themselves. A promise returned unawaited rejects its caller whatever `try`
 * surrounds the `return`.
 */
function escapes(body: TS.Node, exits: Exits, context: AnalysisContext, depth: number): boolean {
  const visit = (node: TS.Node, guarded: boolean): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if (ts.isTryStatement(node)) {
      const quietCatch = node.catchClause !== undefined && !visit(node.catchClause.block, guarded);
      if (node.catchClause && !quietCatch) return true;
      return visit(node.tryBlock, guarded || quietCatch) || (node.finallyBlock !== undefined && visit(node.finallyBlock, guarded));
    }
    if (ts.isThrowStatement(node)) return !guarded;
    if (ts.isReturnStatement(node) && node.expression && exits.returns) return returns(node.expression, guarded);
    if (exits.async && !guarded) {
      if (ts.isAwaitExpression(node) && expressionRejects(node.expression, context, depth)) return true;
      if (ts.isForOfStatement(node) && node.awaitModifier) return true;
    }
    return ts.forEachChild(node, (child) => visit(child, guarded)) ?? false;
  };
  const returns = (expression: TS.Expression, guarded: boolean): boolean => {
    const value = unwrapExpression(expression);
    // An awaited value is settled where it is awaited, where the `try` holds it.
    const promise = exits.returnsPromise ? !ts.isAwaitExpression(value) && !ts.isObjectLiteralExpression(value) && !ts.isLiteralExpression(value) : mayBePromise(value, exits.async, context);
    if (promise && expressionRejects(value, context, depth)) return true;
    return visit(value, guarded);
  };
  return ts.isBlock(body) || !exits.returns ? visit(body, false) : returns(body as TS.Expression, false);
}

/**
 * Whether a returned value may be a promise. Typed: its type is thenable, or
 * unknown (`any`, from a package that isn't installed). Syntactic: any call
 * an async function returns (why else would it sit in a `try`), and the
 * promise shapes `looksLikePromise` knows elsewhere (a callback's `log(e)` is
 * taken to be the plain call it nearly always is).
 */
function mayBePromise(value: TS.Expression, inAsync: boolean, context: AnalysisContext): boolean {
  if (!(ts.isCallExpression(value) || ts.isNewExpression(value) || ts.isIdentifier(value) || ts.isConditionalExpression(value))) return false;
  const { checker } = context;
  const held = !checker && ts.isIdentifier(value) ? constInitializer(value, context) : undefined;
  if (held) return mayBePromise(unwrapExpression(held), inAsync, context);
  if (!checker) return (inAsync && !ts.isIdentifier(value)) || looksLikePromise(value, context.sourceFile);
  const type = checker.getTypeAtLocation(value);
  return (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 || isPromiseValued(value, context);
}

function containsCall(node: TS.Node): boolean {
  const visit = (child: TS.Node): boolean =>
    !ts.isFunctionLike(child) && (ts.isCallExpression(child) || ts.isNewExpression(child) || ts.isAwaitExpression(child) || (ts.forEachChild(child, visit) ?? false));
  return visit(node);
}
