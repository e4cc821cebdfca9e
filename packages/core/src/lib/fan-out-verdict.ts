// What a `Promise.all / any / allSettled` fan-out does, as the two fan-out
// rules need to know it: how many units of work it starts, whether one can
// reject (and end it early), whether any does work worth cancelling, whether
// it is a broadcast every sibling of which should finish, and whether its
// size is open. no-orphaned-fan-out reports the orphaning ones (and says when
// they are unbounded too); no-unbounded-fan-out the unbounded rest.
import type * as TS from 'typescript';

import { functionReferenced } from './callees.js';
import { hasBoundedConcurrency } from './collection-size.js';
import { ts } from './compiler.js';
import {
  abortsSiblingsOnFailure,
  callbackStartsWork,
  type CalleeFilter,
  fanOutSource,
  inlineCallback,
  type MapFanOut,
  mapFanOutOf,
  startsWork,
  workCall,
} from './fan-out.js';
import { canReject, taskCanReject } from './rejection.js';
import { memberName, promiseCombinatorOf, skipParentheses, someNode, unwrapExpression, withoutAwait } from './syntax.js';
import type { AnalysisContext } from './types.js';
import { doesBilledWork, doesCostlyWork, isBilledName, isBilledWork, isCostlyWork, isCostlyName } from './work.js';

export interface FanOutVerdict {
  /** Units of work started; a map or a push loop over a collection of open size counts as 2 (many). */
  working: number;
  /** A task can reject, which ends `Promise.all` early. */
  rejecting: boolean;
  /** A task does work that costs or has effects (`isCostlyWork`). */
  costly: boolean;
  /** Every task releases or notifies something (`close` each, `handleX` on each handler): each should run to the end. */
  broadcast: boolean;
  /** The tasks are a handful written out (`[a(), b()]`, pushes outside a loop, `[x, y].map(fn)`), not one per item of a collection. */
  handful: boolean;
  /** Some task does billed work (`isBilledWork`); judged only for a costly handful. */
  billed: boolean;
  /** The map whose collection has no known size, when nothing limits how many of its tasks run at once. */
  unbounded?: MapFanOut;
}

/** The verdict on a combinator's iterable argument, or undefined when it starts no work here. */
export function fanOutVerdict(iterable: TS.Expression, context: AnalysisContext, allowed: CalleeFilter): FanOutVerdict | undefined {
  const source = fanOutSource(iterable, context);
  if (!source) return undefined;
  const verdict: FanOutVerdict = { working: 0, rejecting: false, costly: false, broadcast: true, handful: true, billed: false };
  const calls: (TS.CallExpression | TS.NewExpression)[] = [];
  const callbacks: TS.Expression[] = [];
  const addElement = (element: TS.Expression, count = 1) => {
    if (!startsWork(element, context, allowed)) return;
    const call = workCall(element)!;
    calls.push(call);
    verdict.working += count;
    verdict.rejecting ||= canReject(element, context);
    verdict.costly ||= isCostlyWork(call, context);
    verdict.broadcast &&= isBroadcastCall(call);
  };
  const addMap = (map: MapFanOut) => {
    if (!callbackStartsWork(map.callback, context, allowed)) return;
    const items = unwrapExpression(map.items);
    callbacks.push(map.callback);
    // `[only].map(load)` starts one; any other collection may hold many.
    const written = ts.isArrayLiteralExpression(items) && !items.elements.some(ts.isSpreadElement);
    verdict.working += written ? items.elements.length : 2;
    verdict.handful &&= written;
    // A task whose failure aborts the others' signal orphans nothing when it rejects.
    verdict.rejecting ||= callbackCanReject(map.callback, context) && !abortsSiblingsOnFailure(map.callback, context);
    verdict.costly ||= callbackDoes('costly', map.callback, context);
    verdict.broadcast &&= callbackBroadcasts(map.callback, context, allowed);
    if (!hasBoundedConcurrency(map, context)) verdict.unbounded = map;
  };
  if (source.shape === 'array') {
    for (const element of source.array.elements) {
      const spread = ts.isSpreadElement(element) ? mapFanOutOf(unwrapExpression(element.expression)) : undefined;
      if (spread) addMap(spread);
      else if (ts.isSpreadElement(element)) verdict.handful = false;
      else addElement(element);
    }
  } else if (source.shape === 'pushed') {
    const working = source.pushed.filter((pushed) => startsWork(pushed, context, allowed));
    for (const pushed of working) addElement(pushed, 0);
    verdict.working = source.inLoop && working.length > 0 ? 2 : working.length;
    verdict.handful = !source.inLoop;
  } else {
    addMap(source.map);
  }
  if (verdict.handful && verdict.costly) {
    verdict.billed = calls.some((call) => isBilledWork(call, context)) || callbacks.some((callback) => callbackDoes('billed', callback, context));
  }
  return verdict.working > 0 ? verdict : undefined;
}

/** Whether any task of a combinator's iterable can reject; true where the tasks can't be seen. */
export function someTaskCanReject(iterable: TS.Expression, context: AnalysisContext): boolean {
  const source = fanOutSource(iterable, context);
  if (!source) return true;
  if (source.shape === 'map') return callbackCanReject(source.map.callback, context);
  const tasks = source.shape === 'array' ? source.array.elements : source.pushed;
  // taskscope's `allSettled([(signal) => load(signal)])` is given thunks: what calling one returns.
  return tasks.some((task) => ts.isSpreadElement(task) || (inlineCallback(task) ? taskCanReject(inlineCallback(task)!, context) : canReject(task, context)));
}

/**
 * Whether a fan-out with this verdict leaves work worth cancelling running
 * when it settles early. A handful of calls written side by side must include
 * billed work: the judges of the label rounds found no such fan-out of other
 * work (two reads, a pair of writes that should both land) worth a change,
 * where fan-outs over a collection made the right findings (docs/benchmarks.md).
 */
export function orphansWork(verdict: FanOutVerdict, combinator: 'all' | 'any'): boolean {
  // `all` ends early only when a task rejects; `any` when one fulfils, which any task can.
  return verdict.working >= 2 && (combinator === 'any' || verdict.rejecting) && verdict.costly && !verdict.broadcast && (!verdict.handful || verdict.billed);
}

/** Releases and notifications: every one should run, whatever happens to its siblings. */
const broadcastName =
  /^#?(close|dispose|destroy|kill|stop|shutdown|terminate|disconnect|detach|unsubscribe|unregister|flush|end|abort|cancel|release|cleanup|cleanUp|teardown|tearDown|reset|clear|notify|emit|dispatch|broadcast|trigger|(handle|on|set)[A-Z])/;

function isBroadcastCall(call: TS.CallExpression | TS.NewExpression): boolean {
  if (!ts.isCallExpression(call)) return false;
  const callee = skipParentheses(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : memberName(callee);
  return name !== undefined && broadcastName.test(name);
}

/**
 * A map callback whose work calls (returned or awaited) are releases or
 * notifications, or fan-outs of them (`await Promise.all(handlers.map((h) =>
 * h.handleStart(run)))`), beside work of no cost (`return new RunHandle(id)`).
 */
function callbackBroadcasts(callback: TS.Expression, context: AnalysisContext, allowed: CalleeFilter): boolean {
  const fn = inlineCallback(callback);
  if (!fn) {
    const name = memberName(skipParentheses(callback)) ?? (ts.isIdentifier(skipParentheses(callback)) ? (skipParentheses(callback) as TS.Identifier).text : undefined);
    return name !== undefined && broadcastName.test(name);
  }
  // `handlers.map((h) => consume(() => h.handleEnd(run)))`: each item is told something.
  const [item] = fn.parameters;
  if (item && ts.isIdentifier(item.name) && notifiesItem(fn.body, item.name.text)) return true;
  const calls: (TS.CallExpression | TS.NewExpression)[] = [];
  const collect = (expression: TS.Expression) => {
    const call = workCall(withoutAwait(expression));
    if (call) calls.push(call);
  };
  if (!ts.isBlock(fn.body)) collect(fn.body);
  const visit = (node: TS.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if ((ts.isReturnStatement(node) || ts.isAwaitExpression(node)) && node.expression) collect(node.expression);
    ts.forEachChild(node, visit);
  };
  if (ts.isBlock(fn.body)) visit(fn.body);
  // Each call is judged once: a nested fan-out's verdict is not cheap.
  const broadcasting = calls.filter((call) => isBroadcastCall(call) || broadcastsToAll(call, context, allowed));
  return broadcasting.length > 0 && calls.every((call) => broadcasting.includes(call) || !isCostlyWork(call, context));
}

// `Promise.all(handlers.map((h) => h.handleEnd(run)))`: a fan-out that is itself a broadcast.
function broadcastsToAll(call: TS.CallExpression | TS.NewExpression, context: AnalysisContext, allowed: CalleeFilter): boolean {
  const combinator = ts.isCallExpression(call) ? promiseCombinatorOf(call) : undefined;
  const [iterable] = call.arguments ?? [];
  return (combinator === 'all' || combinator === 'allSettled') && iterable !== undefined && fanOutVerdict(iterable, context, allowed)?.broadcast === true;
}

/** A call of a release or notification method on `item` (`item.close()`, `item?.handleError(e)`), anywhere in `body`. */
function notifiesItem(body: TS.Node, item: string): boolean {
  return someNode(body, (node) => {
    if (!ts.isCallExpression(node)) return false;
    const callee = skipParentheses(node.expression);
    if (!ts.isPropertyAccessExpression(callee) || !broadcastName.test(callee.name.text)) return false;
    const receiver = skipParentheses(callee.expression);
    return ts.isIdentifier(receiver) && receiver.text === item;
  });
}

function callbackCanReject(callback: TS.Expression, context: AnalysisContext): boolean {
  const fn = inlineCallback(callback) ?? functionReferenced(callback, context);
  // `(item) => (signal) => work(item, signal)` hands out the task: it is the one that runs.
  const task = fn?.body && !ts.isBlock(fn.body) ? inlineCallback(fn.body) : undefined;
  return fn ? taskCanReject(task ?? fn, context) : true;
}

/** A callback's body judged by work.ts, or where it can't be read, its name: costly work, or billed work. */
const judged = {
  costly: { body: doesCostlyWork, name: isCostlyName },
  billed: { body: doesBilledWork, name: isBilledName },
} as const;

function callbackDoes(kind: keyof typeof judged, callback: TS.Expression, context: AnalysisContext): boolean {
  const fn = inlineCallback(callback) ?? functionReferenced(callback, context);
  if (fn) return judged[kind].body(fn, context);
  const node = skipParentheses(callback);
  const name = ts.isIdentifier(node) ? node.text : memberName(node);
  return name !== undefined && judged[kind].name(name);
}
