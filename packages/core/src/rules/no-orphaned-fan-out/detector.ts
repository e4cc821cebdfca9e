import type * as TS from 'typescript';

import { combinatorFix } from '../../lib/combinator-fix.js';
import { ts } from '../../lib/compiler.js';
import {
  abortsSiblingsOnFailure,
  callbackStartsWork,
  calleeMatcher,
  fanOutSource,
  mapFanOutOf,
  mayReject,
  startsWork,
  type CalleeFilter,
  type FanOutSource,
} from '../../lib/fan-out.js';
import { isInsideScope } from '../../lib/runtime-api.js';
import { promiseCombinatorOf, unwrapExpression } from '../../lib/syntax.js';
import type { AnalysisContext, Detector, Finding } from '../../lib/types.js';

export interface NoOrphanedFanOutOptions {
  /** Callee patterns (`fetchUser`, `db.*`, `cache.**`) whose calls don't count as work. */
  allow: string[];
}

/** What happens to the siblings, by combinator, for the message. */
const leftRunning = { all: 'one rejects', any: 'one fulfils' } as const;

export type NoOrphanedFanOutMessageId = 'orphanedFanOut' | 'useTaskscope';

/**
 * `Promise.all` / `Promise.any` outside a taskscope scope whose iterable starts
 * two or more units of work: calls in an array literal, or a `.map` /
 * `Array.from` callback that starts work. When the combinator settles early
 * nothing cancels the rest. See the rule's docs for the exact counting.
 */
export const noOrphanedFanOut: Detector<NoOrphanedFanOutOptions, NoOrphanedFanOutMessageId> = {
  rule: 'no-orphaned-fan-out',
  kinds: ['CallExpression'],
  messages: {
    orphanedFanOut:
      '`Promise.{{combinator}}` starts several tasks that nothing owns: when {{outcome}}, the others keep running.',
    useTaskscope: 'Run them as tasks of taskscope `{{name}}()`, which aborts and awaits the others.',
  },
  optionsSchema: {
    type: 'object',
    properties: {
      allow: {
        type: 'array',
        items: { type: 'string' },
        description: 'Callee patterns whose calls are not counted as work (`*`: within a name segment, `**`: across segments).',
      },
    },
    additionalProperties: false,
  },
  defaultOptions: { allow: [] },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    const combinator = promiseCombinatorOf(node);
    if (combinator !== 'all' && combinator !== 'any') return [];
    const [iterable] = node.arguments;
    if (!iterable || !mayFanOut(iterable) || isInsideScope(node, context)) return [];
    const source = fanOutSource(iterable, context);
    const units = source && unitsOfWork(source, context, calleeMatcher(options.allow));
    // `all` ends early only when a task rejects; `any` when one fulfils, which any task can.
    if (!units || units.working < 2 || (combinator === 'all' && units.rejecting === 0)) return [];

    const fix = combinatorFix(node, context, { messageId: 'useTaskscope', transform: 'promise-all' });
    const finding: Finding<NoOrphanedFanOutMessageId> = {
      rule: 'no-orphaned-fan-out',
      messageId: 'orphanedFanOut',
      data: { combinator, outcome: leftRunning[combinator] },
      node: node.expression,
      fixes: fix ? [fix] : [],
    };
    if (!fix) {
      finding.review = {
        transform: 'promise-all',
        reason: `Promise.${combinator} leaves siblings running; move its work into taskscope tasks`,
        node,
      };
    }
    return [finding];
  },
};

// The cheap syntactic pre-filter: an array literal with two or more elements, a map, or a name that may hold one.
function mayFanOut(iterable: TS.Expression): boolean {
  const inner = unwrapExpression(iterable);
  if (ts.isArrayLiteralExpression(inner)) {
    return inner.elements.length >= 2 || inner.elements.some(ts.isSpreadElement);
  }
  return ts.isIdentifier(inner) || ts.isBinaryExpression(inner) || mapFanOutOf(inner) !== undefined;
}

/**
 * How many units of work the tasks start, and how many of them can reject
 * and leave the others running;
 * a map or a push loop over an unknown collection counts as many (2).
 */
function unitsOfWork(source: FanOutSource, context: AnalysisContext, allowed: CalleeFilter): { working: number; rejecting: number } {
  const units = { working: 0, rejecting: 0 };
  const add = (count: number, rejects: boolean) => {
    units.working += count;
    if (rejects) units.rejecting += count;
  };
  if (source.shape === 'array') {
    for (const element of source.array.elements) {
      if (ts.isSpreadElement(element)) addMap(element.expression, context, allowed, add);
      else if (startsWork(element, context, allowed)) add(1, mayReject(element));
    }
  } else if (source.shape === 'pushed') {
    const working = source.pushed.filter((pushed) => startsWork(pushed, context, allowed));
    const count = source.inLoop && working.length > 0 ? 2 : working.length;
    add(count, working.some(mayReject));
  } else {
    addMap(source.map.call, context, allowed, add);
  }
  return units;
}

function addMap(expression: TS.Expression, context: AnalysisContext, allowed: CalleeFilter, add: (count: number, rejects: boolean) => void): void {
  const fanOut = mapFanOutOf(unwrapExpression(expression));
  if (!fanOut || !callbackStartsWork(fanOut.callback, context, allowed)) return;
  const items = unwrapExpression(fanOut.items);
  // `[only].map(load)` starts one; any other collection may hold many.
  const count = ts.isArrayLiteralExpression(items) && !items.elements.some(ts.isSpreadElement) ? items.elements.length : 2;
  // A task whose failure aborts the others' signal orphans nothing when it rejects.
  add(count, mayReject(fanOut.callback) && !abortsSiblingsOnFailure(fanOut.callback, context));
}
