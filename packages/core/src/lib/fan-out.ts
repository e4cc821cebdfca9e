// Shapes shared by the fan-out rules and `combinatorFix`: what a combinator's
// iterable is made of, which element starts work, and how a task's signal is
// threaded into the calls a thunk wraps.
import type * as TS from 'typescript';

import { isCleanupBlock } from './cleanup.js';
import { ts } from './compiler.js';
import { isAsyncIterableType, isPromiseValued, isThenableType } from './promises.js';
import { signalInScope } from './signal-in-scope.js';
import { passSignalEdit, passesSignal, type SignalSlot, signalSlot } from './signal-slots.js';
import { isAsyncFunction, isJavaScriptFile, memberName, skipParentheses, someNode, unwrapExpression, withoutAwait } from './syntax.js';
import type { AnalysisContext, TextEdit } from './types.js';
import { boundFunction, constInitializer, declarationOf, referencesOf, returnedValues } from './value-flow.js';

/** `items.map(cb)` or `Array.from(items, cb)`: one unit of work per item. */
export interface MapFanOut {
  /** The `.map(…)` / `Array.from(…)` call. */
  call: TS.CallExpression;
  items: TS.Expression;
  callback: TS.Expression;
  via: 'map' | 'from';
  /** `xs?.map(cb)`, `xs?.filter(f).map(cb)`: in an optional chain, so the result may be undefined. */
  optional: boolean;
}

/** `xs.map(cb)`, `xs?.map(cb)` or `Array.from(xs, cb)`, looking through parentheses. */
export function mapFanOutOf(expression: TS.Expression): MapFanOut | undefined {
  const call = skipParentheses(expression);
  if (!ts.isCallExpression(call)) return undefined;
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const optional = (call.flags & ts.NodeFlags.OptionalChain) !== 0;
  const [first, second] = call.arguments;
  if (callee.name.text === 'map' && first && call.arguments.length <= 2 && !call.questionDotToken) {
    return { call, items: callee.expression, callback: first, via: 'map', optional };
  }
  if (
    callee.name.text === 'from' &&
    !optional &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Array' &&
    first &&
    second &&
    call.arguments.length === 2
  ) {
    return { call, items: first, callback: second, via: 'from', optional };
  }
  return undefined;
}

/** A `const` of this file that holds a combinator's tasks, when the combinator is given its name. */
export interface HeldTasks {
  declaration: TS.VariableDeclaration & { name: TS.Identifier };
}

/**
 * What a combinator's argument fans out over, seen through what hides it:
 * type wrappers, a `?? []` / `|| []` fallback, and a `const` of this file
 * that holds the array or the map (`const tasks = [a(), b()]; await
 * Promise.all(tasks)`) or an empty array that work is pushed into.
 */
export type FanOutSource =
  | { shape: 'array'; array: TS.ArrayLiteralExpression; held?: HeldTasks }
  | { shape: 'map'; map: MapFanOut; fallback: boolean; held?: HeldTasks }
  | { shape: 'pushed'; pushed: readonly TS.Expression[]; inLoop: boolean; held: HeldTasks };

export function fanOutSource(argument: TS.Expression, context: AnalysisContext): FanOutSource | undefined {
  const node = unwrapExpression(argument);
  if (!ts.isIdentifier(node)) return literalSource(node);
  const declaration = declarationOf(node, context);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  if ((declaration.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  const held: HeldTasks = { declaration: declaration as HeldTasks['declaration'] };
  const initializer = unwrapExpression(declaration.initializer);
  if (ts.isArrayLiteralExpression(initializer) && initializer.elements.length === 0) {
    const pushes = pushesInto(declaration.name, context);
    const pushed = pushes.calls.flatMap((call) => call.arguments.filter((argument) => !ts.isSpreadElement(argument)));
    return pushed.length > 0 ? { shape: 'pushed', pushed, inLoop: pushes.inLoop, held } : undefined;
  }
  const source = literalSource(initializer);
  return source && { ...source, held };
}

function literalSource(node: TS.Expression): FanOutSource | undefined {
  if (ts.isArrayLiteralExpression(node)) return { shape: 'array', array: node };
  const fallback = emptyFallbackOf(node);
  const map = mapFanOutOf(fallback ? unwrapExpression(fallback) : node);
  return map && { shape: 'map', map, fallback: fallback !== undefined };
}

/** `x ?? []` or `x || []` → `x`. */
function emptyFallbackOf(node: TS.Expression): TS.Expression | undefined {
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator !== ts.SyntaxKind.QuestionQuestionToken && operator !== ts.SyntaxKind.BarBarToken) return undefined;
  const right = unwrapExpression(node.right);
  return ts.isArrayLiteralExpression(right) && right.elements.length === 0 ? node.left : undefined;
}

/** The `name.push(…)` calls on the binding `name` declares, and whether one runs in a loop (so any number of times). */
export function pushesInto(name: TS.Identifier, context: AnalysisContext): { calls: TS.CallExpression[]; inLoop: boolean } {
  const calls = referencesOf(name, context).flatMap((reference) => {
    const call = pushCallOn(reference);
    return call ? [call] : [];
  });
  return { calls, inLoop: calls.some(inLoop) };
}

function pushCallOn(reference: TS.Identifier): TS.CallExpression | undefined {
  const access = reference.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== reference || access.name.text !== 'push') return undefined;
  const call = access.parent;
  return ts.isCallExpression(call) && call.expression === access ? call : undefined;
}

/** Inside a loop, or a `.forEach` / `.map` callback, of the function holding it. */
function inLoop(node: TS.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isIterationStatement(current, false)) return true;
    if (ts.isFunctionLike(current)) {
      const call = current.parent;
      const method = ts.isCallExpression(call) ? memberName(skipParentheses(call.expression)) : undefined;
      return method === 'forEach' || method === 'map';
    }
  }
  return false;
}

const promiseMethods: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

/**
 * The call that starts an element's work: the element itself when it is a call
 * or `new`, or the head of a `.then/.catch/.finally` chain (`get(x).then(f)` →
 * `get(x)`). Undefined for values that start nothing here (identifiers,
 * literals, `await`…) and for inert calls (`Promise.resolve(x)`).
 */
export function workCall(expression: TS.Expression): TS.CallExpression | TS.NewExpression | undefined {
  let node = unwrapExpression(expression);
  while (ts.isCallExpression(node)) {
    const callee = skipParentheses(node.expression);
    const name = memberName(callee);
    if (name === undefined || !promiseMethods.has(name)) break;
    node = unwrapExpression((callee as TS.PropertyAccessExpression | TS.ElementAccessExpression).expression);
  }
  if (!ts.isCallExpression(node) && !ts.isNewExpression(node)) return undefined;
  return isInertCall(node) ? undefined : node;
}

/**
 * `Promise.resolve(x)` / `Promise.reject(e)`: already settled, nothing to
 * cancel; `import(m)`: a module load, cached and not cancellable; `this.parse()`
 * where the class's `parse` only hands out a promise the object holds
 * (`return this.response.then(…)`): no work of its own.
 */
function isInertCall(call: TS.CallExpression | TS.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  if (call.expression.kind === ts.SyntaxKind.ImportKeyword || returnsHeldPromise(call)) return true;
  const callee = skipParentheses(call.expression);
  const name = memberName(callee);
  if (name !== 'resolve' && name !== 'reject') return false;
  const object = skipParentheses((callee as TS.PropertyAccessExpression).expression);
  return ts.isIdentifier(object) && object.text === 'Promise';
}

function returnsHeldPromise(call: TS.CallExpression): boolean {
  const method = methodCalledOnThis(call);
  const returned = method ? returnedValues(method) : [];
  return returned.length > 0 && returned.every(isHeldPromise);
}

/** `this.m(…)` → the method `m` of the class the call is written in, when it has a body. */
function methodCalledOnThis(call: TS.CallExpression): (TS.MethodDeclaration & { body: TS.Block }) | undefined {
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  let owner: TS.Node | undefined = call.parent;
  while (owner && !ts.isClassLike(owner)) owner = owner.parent;
  return owner?.members.find(
    (member): member is TS.MethodDeclaration & { body: TS.Block } =>
      ts.isMethodDeclaration(member) && member.body !== undefined && member.name.getText() === callee.name.text,
  );
}

/** The same-file function a call runs: a method of this class (`this.m()`), a function declaration or a `const` bound to a function. */
function calledFunction(call: TS.CallExpression, context: AnalysisContext): TS.FunctionLikeDeclaration | undefined {
  const method = methodCalledOnThis(call);
  if (method) return method;
  const callee = skipParentheses(call.expression);
  return ts.isIdentifier(callee) ? boundFunction(callee, context) : undefined;
}

/**
 * A same-file `async` function that never suspends, calls nothing known to
 * hand back a promise (`isPromiseValued`) and returns no call that may (its
 * promise would follow that one): it runs to completion before its call
 * returns, so nothing of it is still running when a sibling settles.
 */
function completesSynchronously(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext): boolean {
  const fn = ts.isCallExpression(call) ? calledFunction(call, context) : undefined;
  if (!fn?.body || !isAsyncFunction(fn) || fn.asteriskToken || suspendsOutsideFunctions(fn.body)) return false;
  if (returnedValues(fn).some((returned) => returnsWork(returned, context))) return false;
  const callsWork = (node: TS.Node): boolean => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && isPromiseValued(node, context)) return true;
    return ts.forEachChild(node, callsWork) ?? false;
  };
  return !(ts.forEachChild(fn.body, callsWork) ?? false);
}

// A returned value that may be a promise of work: a call in it, or in the `const` it names (`const r = c ? a() : b(); return r`).
function returnsWork(returned: TS.Expression, context: AnalysisContext): boolean {
  const node = unwrapExpression(returned);
  const value = ts.isIdentifier(node) ? (constInitializer(node, context) ?? node) : node;
  return someNode(value, (part) => !ts.isFunctionLike(part) && (ts.isCallExpression(part) || ts.isNewExpression(part)) && workCall(part) !== undefined && hasWorkType(part, context));
}

// `this.x`, or a `.then/.catch/.finally` chain on it.
function isHeldPromise(expression: TS.Expression): boolean {
  let node = unwrapExpression(expression);
  while (ts.isCallExpression(node) && promiseMethods.has(memberName(skipParentheses(node.expression)) ?? '')) {
    node = unwrapExpression((skipParentheses(node.expression) as TS.PropertyAccessExpression).expression);
  }
  return ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * The dotted name of a callee, for `allow` patterns: `fetchUser`, `db.query`,
 * `this.cache.get`, `db['users'].find`. Undefined when a segment isn't static
 * (`getDb().query`, `db[key]`).
 */
export function calleePath(callee: TS.Expression): string | undefined {
  const node = skipParentheses(callee);
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (node.kind === ts.SyntaxKind.SuperKeyword) return 'super';
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
    const name = memberName(node);
    const object = calleePath(node.expression);
    return name === undefined || object === undefined ? undefined : `${object}.${name}`;
  }
  return undefined;
}

/** A compiled `allow` list: true for callee paths whose calls don't count as work. */
export type CalleeFilter = (path: string | undefined) => boolean;

/**
 * Compiles `allow` patterns. A pattern matches a whole callee path: `*` stands
 * for any characters within one segment, `**` for any characters across
 * segments. `db.*` matches `db.query` but not `db.users.find`; `db.**` both.
 */
export function calleeMatcher(patterns: readonly string[]): CalleeFilter {
  if (patterns.length === 0) return () => false;
  const sources = patterns.map((pattern) =>
    pattern
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map((literal) => literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^.]*'),
      )
      .join('.*'),
  );
  const regex = new RegExp(`^(?:${sources.join('|')})$`);
  return (path) => path !== undefined && regex.test(path);
}

/**
 * The options argument of a taskscope call written at `at`: the `signal` in
 * scope there, so the new tasks stop when the surrounding work is cancelled,
 * after the `properties` given. `text` is undefined when there is nothing to
 * pass; `edits` declare a task's signal that its fn doesn't name yet.
 */
export function taskscopeOptions(at: TS.Node, context: AnalysisContext, properties: readonly string[] = []): { text: string | undefined; edits: TextEdit[] } {
  const signal = signalInScope(at, context);
  // taskscope's options take `AbortSignal | undefined`.
  const value = signal?.absent === 'null' ? `${signal.text} ?? undefined` : signal?.text;
  const all = value ? [...properties, value === 'signal' ? 'signal' : `signal: ${value}`] : properties;
  return { text: all.length > 0 ? `{ ${all.join(', ')} }` : undefined, edits: signal?.declare ? [signal.declare] : [] };
}

/**
 * The parameter list of a task thunk over work that `threaded` passes
 * `signal` to: `(signal)`, also over work that takes no signal (so a reader
 * sees where one would go), but `()` over a value, or where the project
 * reports unused parameters and nothing reads it.
 */
export function thunkParameters(signal: string, works: boolean, threaded: readonly TextEdit[], context: AnalysisContext, typed = false): string {
  const declared = threaded.length > 0 || (works && !context.reportsUnusedParameters);
  if (!declared) return '()';
  // A thunk no taskscope call's parameter types (one a `.map` returns, one held in a `const`) needs its own, or it is an implicit any.
  return typed && !isJavaScriptFile(context.sourceFile) ? `(${signal}: AbortSignal)` : `(${signal})`;
}

/** True when `node` contains `await`, `for await` or `yield` outside nested functions: it can't move into a thunk. */
export function suspendsOutsideFunctions(node: TS.Node): boolean {
  let found = false;
  const visit = (child: TS.Node): void => {
    if (found || ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isAwaitExpression(child) || ts.isYieldExpression(child) || (ts.isForOfStatement(child) && child.awaitModifier)) found = true;
    else ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/**
 * Edits that pass `signal` (a new task's) to every call in `root` that accepts
 * one and doesn't get one yet (see `signalSlot`), and that give it instead of
 * `outer`, the signal in scope where the tasks are made, to the calls that
 * pass that one: the task's signal is linked to it and also aborts when a
 * sibling fails. Calls inside nested functions are left alone: they may run
 * after the task has settled; so is cleanup (see `isCleanupBlock`).
 */
export function threadSignalEdits(root: TS.Node, signal: string, context: AnalysisContext, outer?: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const visit = (node: TS.Node): void => {
    if (node !== root && (ts.isFunctionLike(node) || ts.isClassLike(node) || isCleanupBlock(node))) return;
    if (ts.isCallExpression(node)) {
      const slot = signalSlot(node, context);
      const edit = !slot ? undefined : passesSignal(node, slot, context) ? replaceSignalEdit(node, slot, outer, signal, context.sourceFile) : passSignalEdit(node, slot, signal, context.sourceFile);
      if (edit) edits.push(edit);
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  // `f(x, g(y, {}))` where both take one: f's argument is replaced by `{ ...g(y, {}), signal }`,
  // which copies g's call as written, so g's own edit has nothing left to edit.
  return edits.filter((edit) => !edits.some((outer) => outer !== edit && outer.start < outer.end && outer.start <= edit.start && edit.end <= outer.end));
}

/** `work(x, outer)` → `work(x, signal)`, `work({ signal: outer })` / `work({ signal })` (outer `signal`) → `work({ signal: task })`. */
function replaceSignalEdit(call: TS.CallExpression, slot: SignalSlot, outer: string | undefined, signal: string, sourceFile: TS.SourceFile): TextEdit | undefined {
  const argument = call.arguments[slot.index];
  if (outer === undefined || outer === signal || !argument) return undefined;
  const node = skipParentheses(argument);
  if (slot.kind === 'parameter') return node.getText(sourceFile) === outer ? { start: node.getStart(sourceFile), end: node.end, text: signal } : undefined;
  if (!ts.isObjectLiteralExpression(node)) return undefined;
  const member = node.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'signal');
  if (member && ts.isShorthandPropertyAssignment(member) && outer === 'signal') return { start: member.getStart(sourceFile), end: member.end, text: `signal: ${signal}` };
  if (member && ts.isPropertyAssignment(member) && member.initializer.getText(sourceFile) === outer) {
    return { start: member.initializer.getStart(sourceFile), end: member.initializer.end, text: signal };
  }
  return undefined;
}

/** A `.map` / `Array.from` callback written inline, as an arrow or function expression. */
export function inlineCallback(callback: TS.Expression): TS.ArrowFunction | TS.FunctionExpression | undefined {
  const node = unwrapExpression(callback);
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? node : undefined;
}

const allowNothing: CalleeFilter = () => false;

/**
 * Whether an element of a combinator's iterable starts a unit of work here: it
 * is a call or `new` (or a `.then` chain on one) that isn't inert or allowed.
 * With types it must also be promise-valued, so `[load(), count()]` counts one;
 * an `any` value is presumed to be a promise, as it is without types.
 */
export function startsWork(expression: TS.Expression, context: AnalysisContext, allowed = allowNothing): boolean {
  return startsWorkOfType(expression, context, allowed, mayBePromise);
}

/** Whether `for await` over `iterated` drives work started here: a call that hands back a promise or an async iterable. */
function iteratesWork(iterated: TS.Expression, context: AnalysisContext, allowed: CalleeFilter): boolean {
  return startsWorkOfType(iterated, context, allowed, (checker, type, at) => mayBePromise(checker, type, at) || isAsyncIterableType(checker, type));
}

function startsWorkOfType(
  expression: TS.Expression,
  context: AnalysisContext,
  allowed: CalleeFilter,
  isWork: (checker: TS.TypeChecker, type: TS.Type, at: TS.Node) => boolean,
): boolean {
  const call = workCall(expression);
  if (!call || allowed(calleePath(call.expression))) return false;
  return hasWorkType(expression, context, isWork) && !completesSynchronously(call, context);
}

/** Typed: whether the value's type passes `isWork` (a promise or `any` by default); syntactic: presumed to. */
function hasWorkType(expression: TS.Expression, context: AnalysisContext, isWork = mayBePromise): boolean {
  const { checker } = context;
  return !checker || isWork(checker, checker.getTypeAtLocation(expression), expression);
}

function mayBePromise(checker: TS.TypeChecker, type: TS.Type, at: TS.Node): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0 || isThenableType(checker, type, at);
}

/**
 * Whether a `.map` / `Array.from` callback starts work per item: its expression
 * body, or a `return` / `await` operand or a `for await` iterable in its body,
 * starts work (an operand may name a `const` of the callback that holds the
 * call). A named callback (identifier or `a.b`) counts unless allowed; with
 * types, only if it returns a promise (or `any`).
 */
export function callbackStartsWork(callback: TS.Expression, context: AnalysisContext, allowed = allowNothing): boolean {
  const fn = inlineCallback(callback);
  if (!fn) {
    if (allowed(calleePath(callback))) return false;
    const { checker } = context;
    if (!checker) return ts.isIdentifier(skipParentheses(callback)) || ts.isPropertyAccessExpression(skipParentheses(callback));
    return checker
      .getTypeAtLocation(callback)
      .getCallSignatures()
      .some((signature) => mayBePromise(checker, signature.getReturnType(), callback));
  }
  if (!ts.isBlock(fn.body) && startsWork(withoutAwait(fn.body), context, allowed)) return true;
  let found = false;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if ((ts.isReturnStatement(node) || ts.isAwaitExpression(node)) && node.expression && startsWork(node.expression, context, allowed)) found = true;
    else if (ts.isForOfStatement(node) && node.awaitModifier && iteratesWork(iteratedValue(node.expression, fn, context), context, allowed)) found = true;
    else ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/**
 * `stream` → `get(x)` for `const stream = get(x)` declared in `fn`: a stream
 * each call of `fn` starts itself and then drives with `for await`.
 */
function iteratedValue(iterated: TS.Expression, fn: TS.FunctionLikeDeclaration, context: AnalysisContext): TS.Expression {
  const node = unwrapExpression(iterated);
  const initializer = ts.isIdentifier(node) ? constInitializer(node, context) : undefined;
  const local = initializer !== undefined && initializer.getSourceFile() === context.sourceFile && initializer.pos >= fn.pos && initializer.end <= fn.end;
  return local ? initializer : iterated;
}

/**
 * Whether the work an element starts, or a callback starts per item, can
 * reject, and so end a `Promise.all` early. It can't when it is a
 * `.catch(handler)` / `.then(ok, handler)` chain, or a function whose body
 * is declarations and then a `try` whose `catch` and `finally` throw nothing.
 */
export function mayReject(work: TS.Expression): boolean {
  const fn = inlineCallback(work);
  if (!fn) return !isHandledChain(withoutAwait(work));
  if (!ts.isBlock(fn.body)) return !isHandledChain(withoutAwait(fn.body));
  const guarded = workTry(fn.body);
  if (!guarded) return true;
  return throwsIn(guarded.catchClause.block) || (guarded.finallyBlock !== undefined && throwsIn(guarded.finallyBlock));
}

/**
 * Whether a callback's failure aborts its siblings: its work is in a `try`
 * whose `catch` calls `c.abort(…)` on a controller whose `c.signal` the work
 * is given, directly or in a `const` of this file (`{ signal: c.signal }`).
 * Every item runs the same callback, so every sibling holds that signal.
 */
export function abortsSiblingsOnFailure(callback: TS.Expression, context: AnalysisContext): boolean {
  const fn = inlineCallback(callback);
  const guarded = fn && ts.isBlock(fn.body) ? workTry(fn.body) : undefined;
  if (!guarded) return false;
  const aborted = abortedControllers(guarded.catchClause.block);
  if (aborted.size === 0) return false;
  const readsSignal = (root: TS.Node) =>
    someNode(root, (node) => ts.isPropertyAccessExpression(node) && node.name.text === 'signal' && ts.isIdentifier(node.expression) && aborted.has(node.expression.text));
  return someNode(guarded.tryBlock, (node) => {
    if (readsSignal(node)) return true;
    const held = ts.isIdentifier(node) ? constInitializer(node, context) : undefined;
    return held !== undefined && held.getSourceFile() === context.sourceFile && readsSignal(held);
  });
}

/** The names `c` of the `c.abort(…)` calls in a block, outside nested functions (which may never run). */
function abortedControllers(block: TS.Block): Set<string> {
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    const callee = ts.isCallExpression(node) ? skipParentheses(node.expression) : undefined;
    if (callee && ts.isPropertyAccessExpression(callee) && callee.name.text === 'abort' && ts.isIdentifier(callee.expression)) names.add(callee.expression.text);
    ts.forEachChild(node, visit);
  };
  visit(block);
  return names;
}

/** A body's closing `try … catch` when what comes before it only prepares (no `await`, no `throw`): the work is in the `try`. */
function workTry(body: TS.Block): (TS.TryStatement & { catchClause: TS.CatchClause }) | undefined {
  const statements = body.statements;
  const last = statements[statements.length - 1];
  if (!last || !ts.isTryStatement(last) || !last.catchClause) return undefined;
  if (statements.slice(0, -1).some((statement) => throwsIn(statement) || suspendsOutsideFunctions(statement))) return undefined;
  return last as TS.TryStatement & { catchClause: TS.CatchClause };
}

function isHandledChain(expression: TS.Expression): boolean {
  const node = unwrapExpression(expression);
  if (!ts.isCallExpression(node)) return false;
  const method = memberName(skipParentheses(node.expression));
  return (method === 'catch' && node.arguments.length >= 1) || (method === 'then' && node.arguments.length >= 2);
}

function throwsIn(block: TS.Node): boolean {
  const visit = (node: TS.Node): boolean =>
    ts.isThrowStatement(node) || (!ts.isFunctionLike(node) && !ts.isClassLike(node) && (ts.forEachChild(node, visit) ?? false));
  return visit(block);
}
