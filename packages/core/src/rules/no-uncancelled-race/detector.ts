import type * as TS from 'typescript';

import { calledFunction } from '../../lib/callees.js';
import { ts } from '../../lib/compiler.js';
import { calleePath, pushesInto, workCall } from '../../lib/fan-out.js';
import { isPromiseValued } from '../../lib/promises.js';
import { bindingPropertyName, isAbortSignalType } from '../../lib/signal-slots.js';
import {
  enclosingFunction,
  isAsyncFunction,
  isFunctionExpressionLike,
  memberName,
  promiseCombinatorOf,
  someNode,
  unwrapExpression,
} from '../../lib/syntax.js';
import { unionMembers } from '../../lib/type-members.js';
import { isTestFile } from '../../lib/test-code.js';
import type { AnalysisContext, Detector } from '../../lib/types.js';
import { boundFunction, constInitializer, declarationOf, referencesOf, returnedExpression, returnedValues } from '../../lib/value-flow.js';
import { isGlobalCallee, raceMigration, timeoutRace } from './timeout.js';

export type NoUncancelledRaceMessageId = 'uncancelled' | 'uncancelledTimeout' | 'useWithTimeout' | 'useRace';

/**
 * `Promise.race` over work started here whose losers are not all cancelled.
 *
 * Work: an element that is a call or `new` (not `Promise.resolve/reject`), the
 * head of a `.then` chain, or a variable initialised with one; typed, a single
 * element must also be promise-valued. `Promise.race(ps)` over a parameter is
 * the caller's work and is left alone. A `new Promise` only needs cancelling
 * when its executor starts something: a timer (not `.unref()`ed) or a call
 * other than resolving, rejecting and (un)registering a listener; a same-file
 * helper whose one statement returns a `new Promise` counts as that promise.
 *
 * The race is cancelled when every racer that needs it is: after the race in
 * the same function (a `finally`, a `.finally` callback, a later statement),
 * an owner of that racer is released (`abort`, `cancel`, `clear`, `close`,
 * `destroy`, `return`, called or handed over) or a timer handle it stored is
 * passed to `clearTimeout` (a project function that returns `setTimeout`'s
 * handle starts a timer as `setTimeout` does). Owners: a controller whose
 * `signal` reaches the racer (directly, or through a variable or a
 * destructured `{ signal }`, up to two initialisers away), and the object it
 * comes from (`t` for `t.promise`). Work with no handle of its own also counts
 * as cancelled when a sibling racer releases something when it settles (a
 * timeout callback that aborts a controller). Work handed a signal (or the
 * object carrying it) that loses only to racers waiting for that signal's
 * abort counts too: it is told when it loses. A handle declared outside the
 * function (or on `this`) counts when it is released anywhere in the file.
 * Typed, bindings are resolved by symbol; syntactic, by name.
 */
export const noUncancelledRace: Detector<Record<string, never>, NoUncancelledRaceMessageId> = {
  rule: 'no-uncancelled-race',
  kinds: ['CallExpression'],
  messages: {
    uncancelled:
      'The losers of this `Promise.race` keep running after it settles: no signal they were given is aborted and no timer racing them is cleared. Use taskscope `race`, which aborts them.',
    uncancelledTimeout:
      'This hand-made timeout leaks: when it fires the work runs on, and when the work wins the timer runs on. Use taskscope `withTimeout`, which cancels both.',
    useWithTimeout: 'Rewrite to taskscope `withTimeout`, which cancels the work and clears the timer, keeping this error.',
    useRace: 'Rewrite to taskscope `{{name}}`, which aborts the losers.',
  },
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node) || promiseCombinatorOf(node) !== 'race') return [];
    const [iterable] = node.arguments;
    if (!iterable) return [];
    const racers = racersOf(iterable, context);
    const started = racers.some((racer) =>
      ts.isSpreadElement(racer) ? racerStartsWork(racer.expression, true, context) : racerStartsWork(racer, racer === iterable, context),
    );
    if (!started || (isTestFile(context) && racesShortTimersOnly(racers, context)) || losersAreCancelled(node, racers, context)) return [];
    const timeout = timeoutRace(node, context);
    return [
      {
        rule: 'no-uncancelled-race',
        messageId: timeout ? 'uncancelledTimeout' : 'uncancelled',
        node: node.expression,
        ...raceMigration(node, timeout, context),
      },
    ];
  },
};

/**
 * The racers: an array literal's elements, or those of the `const` array the
 * race is given together with what is pushed into it (`const racers = [work()];
 * racers.push(timeout)`), else the iterable itself.
 */
function racersOf(iterable: TS.Expression, context: AnalysisContext): readonly TS.Expression[] {
  const list = unwrapExpression(iterable);
  if (ts.isArrayLiteralExpression(list)) return list.elements;
  const held = ts.isIdentifier(list) ? constInitializer(list, context) : undefined;
  const literal = held && unwrapExpression(held);
  if (!literal || !ts.isArrayLiteralExpression(literal) || literal.getSourceFile() !== context.sourceFile) return [iterable];
  const declaration = literal.parent;
  const pushed = ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? pushesInto(declaration.name, context).calls.flatMap((call) => [...call.arguments]) : [];
  return [...literal.elements, ...pushed];
}

/** Whether `expression` (a racer, or with `many` an iterable of racers) starts work in this file. */
function racerStartsWork(expression: TS.Expression, many: boolean, context: AnalysisContext): boolean {
  const node = unwrapExpression(expression);
  const started = ts.isIdentifier(node) ? initializerOf(node, context) : node;
  if (!started || workCall(started) === undefined) return false;
  return many || !context.checker || isPromiseValued(started, context);
}

function initializerOf(id: TS.Identifier, context: AnalysisContext): TS.Expression | undefined {
  const declaration = declarationOf(id, context);
  return declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
}

interface Handles {
  /**
   * Access paths of objects that can cancel a racer: a controller whose
   * `signal` reaches it (`controller`, `this.ac`), or the object a racer
   * comes from (`timer` for `timer.promise`, `rl` for `rl.question(…)`).
   */
  owners: Map<string, TS.Expression>;
  /** Access paths holding a racer's `setTimeout` handle. */
  timers: Map<string, TS.Expression>;
}

/** Methods that cancel what an owner started; `owner.clear` handed over as a callback counts too. */
const releaseMethods: ReadonlySet<string> = new Set(['abort', 'cancel', 'clear', 'close', 'destroy', 'dispose', 'kill', 'return', 'stop', 'terminate', 'unsubscribe']);

/** A helper named for a release and given the owner: `disposeSibling(sibling)`, `closeAll(pool)`. */
const releaseHelper = /^(abort|cancel|close|destroy|dispose|kill|stop|terminate|unsubscribe)([A-Z_]|$)/;

function losersAreCancelled(race: TS.CallExpression, racers: readonly TS.Expression[], context: AnalysisContext): boolean {
  if (isMergeLoop(race)) return true;
  const released = (handles: Map<string, TS.Expression>, isRelease: (node: TS.Node, path: string) => boolean): boolean =>
    [...handles].some(([path, handle]) => releasedAfter(race, handle, (node) => isRelease(node, path), context));
  const timed = racers.some((racer) => isTimer(racer, context));
  return racers.every((racer, index) => {
    const own = ts.isSpreadElement(racer) ? racer.expression : racer;
    const need = cancellationNeed(own, race, timed, context);
    if (need === 'none') return true;
    // A deferred made here and raced against a timeout stands for work this function started: something must stop it.
    if (need === 'stands-for-work') return someNode(enclosingFunction(race) ?? context.sourceFile, (node) => node.pos >= race.end && isAnyRelease(node));
    const { owners, timers } = cancellationHandles([own], context);
    if (released(owners, isOwnerRelease) || released(timers, isClearTimeoutOf)) return true;
    const siblings = racers.filter((_, other) => other !== index);
    // It loses only once a signal it was given is aborted: it is told.
    if (siblings.length > 0 && siblings.every((sibling) => isGivenSignal(own, abortWaitedOn(sibling, context), context))) return true;
    // A sibling that cancels something as it settles: a timeout callback that aborts the work's controller.
    return timers.size === 0 && siblings.some((sibling) => someNode(valueOf(sibling, context), isAnyRelease));
  });
}

/**
 * What a racer needs to be cancelled: nothing (a promise from elsewhere, a
 * settled one, a `new Promise` that only captures its resolvers, listens, or
 * starts an `.unref()`ed timer), its own handles released (work), or, for a
 * deferred made in the race's function and raced against a timeout, some
 * release after the race.
 */
function cancellationNeed(racer: TS.Expression, race: TS.CallExpression, timed: boolean, context: AnalysisContext): 'none' | 'handles' | 'stands-for-work' {
  const node = unwrapExpression(racer);
  const declaration = ts.isIdentifier(node) ? declarationOf(node, context) : undefined;
  // A promise also put in a cache or a registry (`inflight.set(id, pending)`) is kept on purpose: that store owns it.
  if (declaration && ts.isIdentifier(node) && isStoredElsewhere(node, context)) return 'none';
  const local = !declaration || enclosingFunction(declaration) === enclosingFunction(race);
  // `const { promise } = withResolvers()`: a deferred.
  if (declaration && ts.isBindingElement(declaration)) return timed && local && !isTimer(racer, context) ? 'stands-for-work' : 'none';
  const value = declaration ? (ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined) : node;
  if (!value) return 'none';
  const started = unwrapExpression(value);
  const made = promiseMade(started, context)?.promise;
  if (made) {
    const executor = made.arguments?.[0];
    if (executor === undefined || startsSomething(executor)) return 'handles';
    return timed && local && !isTimer(racer, context) ? 'stands-for-work' : 'none';
  }
  return workCall(started) !== undefined ? 'handles' : 'none';
}

/** Whether the binding `name` refers to is handed to a `set` / `push` / `add` call or assigned to a property. */
function isStoredElsewhere(name: TS.Identifier, context: AnalysisContext): boolean {
  const declaration = declarationOf(name, context);
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return false;
  return referencesOf(declaration.name, context).some((reference) => {
    const parent = reference.parent;
    if (ts.isCallExpression(parent) && parent.arguments.includes(reference)) {
      const method = memberName(unwrapExpression(parent.expression));
      return method === 'set' || method === 'push' || method === 'add';
    }
    return ts.isBinaryExpression(parent) && parent.right === reference && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(parent.left);
  });
}

/** A `new Promise(…)`, written here or returned by the same-file helper `call` calls (`aborted(signal)`). */
interface MadePromise {
  promise: TS.NewExpression;
  helper?: { fn: TS.FunctionLikeDeclaration; call: TS.CallExpression };
}

function promiseMade(node: TS.Expression, context: AnalysisContext): MadePromise | undefined {
  if (isNewPromise(node)) return { promise: node };
  const callee = ts.isCallExpression(node) ? unwrapExpression(node.expression) : undefined;
  const fn = callee && ts.isIdentifier(callee) ? boundFunction(callee, context) : undefined;
  const returned = fn && returnedExpression(fn);
  return returned && isNewPromise(returned) ? { promise: returned, helper: { fn, call: node as TS.CallExpression } } : undefined;
}

function isNewPromise(node: TS.Expression): node is TS.NewExpression {
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Promise';
}

/**
 * The signal a racer waits on, as an access path: a `new Promise` (or a
 * helper's) whose executor starts nothing and settles only in an `'abort'`
 * listener on that one signal or under `if (signal.aborted)`.
 */
function abortWaitedOn(racer: TS.Expression, context: AnalysisContext): string | undefined {
  const made = promiseMade(valueOf(racer, context) as TS.Expression, context);
  const executor = made?.promise.arguments?.[0] && unwrapExpression(made.promise.arguments[0]);
  if (!made || !executor || !isFunctionExpressionLike(executor) || startsSomething(executor)) return undefined;
  const settles = new Set(executor.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const signals = new Set<string | undefined>();
  // `listener = () => reject(…)` passed as `signal.addEventListener('abort', listener)`: that function runs on abort.
  const abortListeners = new Set<string>();
  someNode(executor.body, (node) => {
    const listener = abortListenerTarget(node) && (node as TS.CallExpression).arguments[1];
    if (listener && ts.isIdentifier(listener)) abortListeners.add(listener.text);
    return false;
  });
  let settlesOtherwise = false;
  const visit = (node: TS.Node, onAbort: boolean): void => {
    if (ts.isIdentifier(node) && settles.has(node.text) && !onAbort) settlesOtherwise = true;
    if (isAssignedListener(node, abortListeners)) {
      ts.forEachChild(node, (child) => visit(child, true));
      return;
    }
    const listened = abortListenerTarget(node);
    if (listened) signals.add(signalPath(listened, context));
    const checked = ts.isIfStatement(node) ? abortedCheckTarget(node.expression) : undefined;
    if (checked) {
      const branches = node as TS.IfStatement;
      signals.add(signalPath(checked, context));
      visit(branches.thenStatement, true);
      if (branches.elseStatement) visit(branches.elseStatement, onAbort);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, onAbort || listened !== undefined));
  };
  visit(executor.body, false);
  const [signal, ...others] = signals;
  if (settlesOtherwise || signal === undefined || others.length > 0) return undefined;
  return made.helper ? inCallerTerms(signal, made.helper, context) : signal;
}

// `listener = () => …` or `const listener = () => …`, for a name in `names`.
function isAssignedListener(node: TS.Node, names: ReadonlySet<string>): boolean {
  if (names.size === 0) return false;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isIdentifier(node.left) && names.has(node.left.text) && isFunctionExpressionLike(unwrapExpression(node.right));
  }
  return ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && names.has(node.name.text) && node.initializer !== undefined && isFunctionExpressionLike(unwrapExpression(node.initializer));
}

// `S.addEventListener('abort', …)` → S
function abortListenerTarget(node: TS.Node): TS.Expression | undefined {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'addEventListener') return undefined;
  const [event] = node.arguments;
  return event && ts.isStringLiteralLike(event) && event.text === 'abort' ? node.expression.expression : undefined;
}

// `S.aborted` → S
function abortedCheckTarget(condition: TS.Expression): TS.Expression | undefined {
  const node = unwrapExpression(condition);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'aborted' ? node.expression : undefined;
}

/** A helper's signal path with its parameter replaced by what the call passes: `signal` in `aborted(opts.signal)` → `opts.signal`. */
function inCallerTerms(path: string, helper: NonNullable<MadePromise['helper']>, context: AnalysisContext): string | undefined {
  const [root, ...rest] = path.split('.');
  const index = helper.fn.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === root);
  if (index < 0) return path;
  const argument = helper.call.arguments[index];
  const passed = argument && !ts.isSpreadElement(argument) ? signalPath(argument, context) : undefined;
  return passed && [passed, ...rest].join('.');
}

/** The access path of a signal, through up to two `const` aliases: `signal` after `const signal = init?.signal` → `init.signal`. */
function signalPath(expression: TS.Expression, context: AnalysisContext): string | undefined {
  let node = unwrapExpression(expression);
  for (let hops = 0; hops < 2 && ts.isIdentifier(node); hops++) {
    const initializer = constInitializer(node, context);
    if (!initializer) break;
    node = unwrapExpression(initializer);
  }
  return calleePath(node);
}

/**
 * Whether a racer's work call is handed `signal`: itself, the object carrying
 * it (`init` for `init.signal`), or as an options literal's `signal`, in a
 * parameter that can take it.
 */
function isGivenSignal(racer: TS.Expression, signal: string | undefined, context: AnalysisContext): boolean {
  if (signal === undefined) return false;
  const call = workCall(valueOf(racer, context) as TS.Expression);
  if (!call || !ts.isCallExpression(call)) return false;
  return call.arguments.some((argument, index) => passesSignal(argument, signal, context) && canTakeSignal(call, index, context));
}

function passesSignal(argument: TS.Expression, signal: string, context: AnalysisContext): boolean {
  if (ts.isSpreadElement(argument)) return false;
  const node = unwrapExpression(argument);
  if (ts.isObjectLiteralExpression(node)) {
    const member = node.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'signal');
    const value = member && (ts.isShorthandPropertyAssignment(member) ? member.name : ts.isPropertyAssignment(member) ? member.initializer : undefined);
    return value !== undefined && signalPath(value, context) === signal;
  }
  // As written (`init`, whose `init.signal` is waited on) or through the `const`s it aliases.
  return [calleePath(node), signalPath(node, context)].some((path) => path !== undefined && (path === signal || `${path}.signal` === signal));
}

/**
 * Typed: the parameter is an AbortSignal, has a `signal` property, or is of a
 * type not known here (`any`, unresolved, or a type parameter such as a
 * class's `RunInput`, which takes the object as given). A bag of values
 * (`Record<string, any>`) that happens to hold the signal is not read as one.
 */
function canTakeSignal(call: TS.CallExpression, index: number, context: AnalysisContext): boolean {
  const { checker } = context;
  if (!checker) return true;
  const parameter = checker.getResolvedSignature(call)?.getParameters()[index];
  if (!parameter) return false;
  const declared = checker.getTypeOfSymbol(parameter);
  if (unionMembers(declared).some((part) => (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) !== 0)) return true;
  const type = checker.getApparentType(declared.getNonNullableType());
  return isAbortSignalType(type) || unionMembers(type).some((part) => part.getProperty('signal') !== undefined);
}

/**
 * A test's timeout of under a second: what it leaves running (the timer, or
 * work a test started on local or mocked services) ends with the test or
 * soon after. Judges of the label rounds disagreed with each other below a
 * second and found almost none of these worth a change (docs/benchmarks.md).
 */
const SHORT_TIMER_MS = 1000;

/** Every timer among the racers (one at least) has a delay under a second, written as a number. */
function racesShortTimersOnly(racers: readonly TS.Expression[], context: AnalysisContext): boolean {
  const delays = racers.map((racer) => timerDelay(racer, context)).filter((delay) => delay !== null);
  return delays.length > 0 && delays.every((delay) => delay !== undefined && delay < SHORT_TIMER_MS);
}

/** A racer's longest timer delay in ms: null when it starts no timer, undefined when a delay is not a number here. */
function timerDelay(racer: TS.Expression, context: AnalysisContext): number | null | undefined {
  const whole = valueOf(racer, context);
  const value = chainHead(whole);
  // `sleep(100).then(() => sleep(5000))`: a timer in a callback waits longer than its head says.
  if (value !== whole && chainCallbacksStartTimers(whole)) return undefined;
  const sleep = ts.isCallExpression(value) && sleepHelper.test(memberName(value.expression) ?? calleePath(value.expression) ?? '');
  // A sleep helper takes its delay first; `setTimeout(fn)` with no delay waits 0 ms.
  const delays: (number | undefined)[] = [];
  if (sleep) delays.push(delayOf(value.arguments[0], context));
  else {
    const visit = (node: TS.Node): void => {
      if (ts.isCallExpression(node) && isGlobalCallee(node.expression, 'setTimeout')) delays.push(node.arguments[1] ? delayOf(node.arguments[1], context) : 0);
      ts.forEachChild(node, visit);
    };
    visit(value);
  }
  if (delays.length === 0) return null;
  return delays.includes(undefined) ? undefined : Math.max(...(delays as number[]));
}

/** `sleep(100).then(() => timedOut)` waits as `sleep(100)` does: the head of a `.then` / `.catch` / `.finally` chain. */
function chainHead(node: TS.Node): TS.Node {
  let head = node;
  while (ts.isCallExpression(head) && ts.isPropertyAccessExpression(head.expression) && ['then', 'catch', 'finally'].includes(head.expression.name.text)) {
    head = unwrapExpression(head.expression.expression);
  }
  return head;
}

function chainCallbacksStartTimers(chain: TS.Node): boolean {
  let link = chain;
  while (ts.isCallExpression(link) && ts.isPropertyAccessExpression(link.expression)) {
    const timers = link.arguments.some((callback) => someNode(callback, (node) => ts.isCallExpression(node) && (isGlobalCallee(node.expression, 'setTimeout') || sleepHelper.test(memberName(node.expression) ?? calleePath(node.expression) ?? ''))));
    if (timers) return true;
    link = unwrapExpression(link.expression.expression);
  }
  return false;
}

/** A delay written as a number, here or in the `const` it names; undefined otherwise. */
function delayOf(delay: TS.Expression | undefined, context: AnalysisContext): number | undefined {
  const known = delay && (ts.isIdentifier(delay) ? constInitializer(delay, context) : delay);
  const literal = known && unwrapExpression(known);
  return literal && ts.isNumericLiteral(literal) ? Number(literal.text.replaceAll('_', '')) : undefined;
}

/** Promise-returning sleeps and timeouts given the delay first: `sleep(100)`, `timeout(50)`, `setTimeout(10)` from `timers/promises`. */
const sleepHelper = /^(sleep|delay|wait|pause|timeout|setTimeout)$/;

function isTimer(racer: TS.Expression, context: AnalysisContext): boolean {
  return someNode(valueOf(racer, context), (node) => ts.isCallExpression(node) && isGlobalCallee(node.expression, 'setTimeout'));
}

// A racer, or the initializer of the variable it names.
function valueOf(racer: TS.Expression, context: AnalysisContext): TS.Node {
  const node = unwrapExpression(ts.isSpreadElement(racer) ? racer.expression : racer);
  return (ts.isIdentifier(node) && initializerOf(node, context)) || node;
}

/**
 * `while (tasks.size) { … Promise.race(tasks.values()) … }`: the losers stay in
 * the collection and are raced again, the loop runs until it is empty.
 */
function isMergeLoop(race: TS.CallExpression): boolean {
  const [iterable] = race.arguments;
  let root = iterable && unwrapExpression(iterable);
  while (root && (ts.isCallExpression(root) || ts.isPropertyAccessExpression(root))) root = unwrapExpression(root.expression);
  if (!root || !ts.isIdentifier(root) || ts.isArrayLiteralExpression(unwrapExpression(iterable!))) return false;
  const name = root.text;
  for (let current: TS.Node = race; !ts.isFunctionLike(current) && !ts.isSourceFile(current); current = current.parent) {
    const loop = current.parent;
    if ((ts.isWhileStatement(loop) || ts.isDoStatement(loop)) && loop.statement === current) {
      return someNode(loop.expression, (node) => ts.isIdentifier(node) && node.text === name);
    }
  }
  return false;
}

const bookkeeping: ReadonlySet<string> = new Set(['addEventListener', 'removeEventListener', 'once', 'on', 'off', 'clearTimeout']);

/**
 * A promise executor that starts a timer still holding the process, or a
 * call that isn't settling or listening. Callbacks it registers run later
 * and are not looked into.
 */
function startsSomething(executor: TS.Expression): boolean {
  const fn = unwrapExpression(executor);
  if (!isFunctionExpressionLike(fn)) return true;
  const settles = new Set(fn.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const visit = (node: TS.Node): boolean => {
    if (isFunctionExpressionLike(node)) return false;
    if (ts.isCallExpression(node)) {
      // `reject(toError(signal))`: what settles the promise is computed, not started.
      if (ts.isIdentifier(node.expression) && settles.has(node.expression.text)) return false;
      if (startsCall(node, settles)) return true;
    }
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(fn.body);
}

function startsCall(call: TS.CallExpression, settles: ReadonlySet<string>): boolean {
  const callee = unwrapExpression(call.expression);
  if (ts.isIdentifier(callee) && settles.has(callee.text)) return false;
  if (isGlobalCallee(callee, 'setTimeout')) return !isUnrefed(call);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (name === undefined) return true;
  return !bookkeeping.has(name) && name !== 'unref' && !(ts.isPropertyAccessExpression(callee) && calleePath(callee)?.startsWith('console.'));
}

// `setTimeout(…).unref()` no longer keeps the process alive: nothing to clear.
function isUnrefed(timer: TS.CallExpression): boolean {
  const access = timer.parent;
  return ts.isPropertyAccessExpression(access) && access.name.text === 'unref' && ts.isCallExpression(access.parent);
}

function isAnyRelease(node: TS.Node): boolean {
  if (ts.isPropertyAccessExpression(node)) return releaseMethods.has(node.name.text) && ts.isCallExpression(node.parent);
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && releaseHelper.test(node.expression.text);
}

/** The owners and timer handles the racers hold, looking through up to two variable initialisers. */
function cancellationHandles(racers: readonly TS.Expression[], context: AnalysisContext): Handles {
  const handles: Handles = { owners: new Map(), timers: new Map() };
  const followed = new Set<TS.Node>();
  const add = (map: Map<string, TS.Expression>, expression: TS.Expression): void => {
    const path = calleePath(expression);
    if (path !== undefined) map.set(path, expression);
  };
  const scan = (node: TS.Node, depth: number): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'signal') add(handles.owners, node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isSetTimeoutCall(node.right, context)) {
      add(handles.timers, node.left);
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isSetTimeoutCall(node.initializer, context)) {
      add(handles.timers, node.name);
    }
    if (ts.isIdentifier(node) && depth < 2 && !isPropertyName(node)) {
      const declaration = declarationOf(node, context);
      if (declaration && !followed.has(declaration)) {
        followed.add(declaration);
        followDeclaration(declaration, depth);
      }
    }
    ts.forEachChild(node, (child) => scan(child, depth));
  };
  const followDeclaration = (declaration: TS.Node, depth: number): void => {
    if (ts.isVariableDeclaration(declaration) && declaration.initializer) scan(declaration.initializer, depth + 1);
    // `const { signal } = controller`
    if (ts.isBindingElement(declaration) && bindingPropertyName(declaration) === 'signal') {
      const root = ts.walkUpBindingElementsAndPatterns(declaration);
      if (ts.isVariableDeclaration(root) && root.initializer) add(handles.owners, root.initializer);
    }
  };
  for (const racer of racers) {
    scan(racer, 0);
    const receiver = receiverOf(racer, context);
    if (receiver) add(handles.owners, receiver);
    // The racer itself when it names a collection of racers, and what its work is given to run on
    // (`negotiate({ transport: sibling })`): releasing those stops it too.
    const node = unwrapExpression(racer);
    if (ts.isIdentifier(node)) add(handles.owners, node);
    const work = workCall(valueOf(racer, context) as TS.Expression);
    for (const argument of work?.arguments ?? []) {
      const value = unwrapExpression(ts.isSpreadElement(argument) ? argument.expression : argument);
      if (ts.isIdentifier(value)) add(handles.owners, value);
      if (ts.isObjectLiteralExpression(value)) {
        for (const property of value.properties) if (ts.isPropertyAssignment(property) && ts.isIdentifier(unwrapExpression(property.initializer))) add(handles.owners, property.initializer);
      }
    }
  }
  return handles;
}

/** The object a racer comes from: `t` for `t.promise`, `job` for `job.run().then(f)`, through a variable. */
function receiverOf(racer: TS.Expression, context: AnalysisContext): TS.Expression | undefined {
  const node = unwrapExpression(racer);
  const value = ts.isIdentifier(node) ? initializerOf(node, context) : node;
  const source = value && (workCall(value) ?? unwrapExpression(value));
  const access = source && (ts.isCallExpression(source) ? unwrapExpression(source.expression) : source);
  return access && ts.isPropertyAccessExpression(access) ? access.expression : undefined;
}

/**
 * Whether a node matching `isRelease` comes after the race: later in the
 * function holding the race, or, for a handle that function doesn't declare,
 * anywhere in the file.
 */
function releasedAfter(
  race: TS.CallExpression,
  handle: TS.Expression,
  isRelease: (node: TS.Node) => boolean,
  context: AnalysisContext,
): boolean {
  const { sourceFile } = context;
  const owner = enclosingFunction(race) ?? sourceFile;
  const after = (node: TS.Node): boolean => node.pos >= race.end && isRelease(node);
  if (someNode(owner, after)) return true;
  return !declaredWithin(handle, owner, context) && someNode(sourceFile, isRelease);
}

function declaredWithin(handle: TS.Expression, owner: TS.Node, context: AnalysisContext): boolean {
  let root = unwrapExpression(handle);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrapExpression(root.expression);
  if (!ts.isIdentifier(root)) return false;
  const declaration = declarationOf(root, context);
  return declaration !== undefined && owner.pos <= declaration.pos && declaration.end <= owner.end;
}

/**
 * `owner.abort()`, `owner.clear` (called or handed over), `disposeSibling(owner)`,
 * and for a collection of racers a release of each: `owner.forEach((p) => p.unsubscribe())`,
 * `for (const p of owner) p.unsubscribe()`.
 */
function isOwnerRelease(node: TS.Node, path: string): boolean {
  if (ts.isPropertyAccessExpression(node)) {
    if (releaseMethods.has(node.name.text) && calleePath(node.expression) === path) return true;
    return node.name.text === 'forEach' && calleePath(node.expression) === path && ts.isCallExpression(node.parent) && node.parent.arguments.some((a) => someNode(a, isAnyRelease));
  }
  if (ts.isForOfStatement(node)) return calleePath(node.expression) === path && someNode(node.statement, isAnyRelease);
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && releaseHelper.test(node.expression.text) && node.arguments.some((a) => calleePath(unwrapExpression(a)) === path);
}

function isClearTimeoutOf(node: TS.Node, path: string): boolean {
  if (!ts.isCallExpression(node) || !isGlobalCallee(node.expression, 'clearTimeout')) return false;
  const [handle] = node.arguments;
  return handle !== undefined && calleePath(unwrapExpression(handle)) === path;
}

/** `setTimeout(…)`, or a call of a project function that returns such a handle (`safeSetTimeout(fn, ms)`, which unrefs it first). */
function isSetTimeoutCall(expression: TS.Expression, context: AnalysisContext): boolean {
  const node = unwrapExpression(expression);
  if (!ts.isCallExpression(node)) return false;
  if (isDirectSetTimeout(node)) return true;
  const fn = calledFunction(node, context);
  // An async wrapper hands back a promise of the handle, which `clearTimeout` can't clear.
  const returned = fn && !isAsyncFunction(fn) && !fn.asteriskToken ? returnedValues(fn) : [];
  return returned.length > 0 && returned.every((value) => isDirectSetTimeout(value) || (ts.isIdentifier(value) && isDirectSetTimeout(constInitializer(value, context))));
}

function isDirectSetTimeout(expression: TS.Expression | undefined): boolean {
  const node = expression && unwrapExpression(expression);
  return node !== undefined && ts.isCallExpression(node) && isGlobalCallee(node.expression, 'setTimeout');
}

function isPropertyName(id: TS.Identifier): boolean {
  const parent = id.parent;
  return (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === id;
}
