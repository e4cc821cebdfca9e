import type * as TS from 'typescript';

import { combinatorFix, tasksReadSignal } from '../../lib/combinator-fix.js';
import { ts } from '../../lib/compiler.js';
import { calleeMatcher, fanOutSource, mapFanOutOf } from '../../lib/fan-out.js';
import { fanOutVerdict, orphansWork } from '../../lib/fan-out-verdict.js';
import { runsAsProgramEntry } from '../../lib/program-entry.js';
import { signalInScope } from '../../lib/signal-in-scope.js';
import { promiseCombinatorOf, unwrapExpression } from '../../lib/syntax.js';
import { isExampleFile, isTestFile } from '../../lib/test-code.js';
import type { AnalysisContext, Detector, Finding } from '../../lib/types.js';

export interface NoOrphanedFanOutOptions {
  /** Callee patterns (`fetchUser`, `db.*`, `cache.**`) whose calls don't count as work. */
  allow: string[];
  /** The concurrency limit the suggestion gives a fan-out over a collection of open size. */
  defaultConcurrency: number;
  /** Also report in test files (see `isTestFile`). */
  checkTestFiles: boolean;
  /** Also report in example code (see `isExampleFile`). */
  checkExamples: boolean;
}

/** What happens to the siblings, by combinator, for the message. */
const leftRunning = { all: 'one rejects', any: 'one fulfils' } as const;

export type NoOrphanedFanOutMessageId = 'orphanedFanOut' | 'orphanedUnboundedFanOut' | 'useTaskscope' | 'useBoundedMap';

/**
 * `Promise.all` / `Promise.any` whose tasks include work worth cancelling
 * (see `orphansWork`): when one rejects (for `any`, fulfils) the others keep
 * running with no owner. A fan-out over a collection of open size is reported
 * here once, with both problems and a bounded `map` as the fix;
 * no-unbounded-fan-out defers to it.
 */
export const noOrphanedFanOut: Detector<NoOrphanedFanOutOptions, NoOrphanedFanOutMessageId> = {
  rule: 'no-orphaned-fan-out',
  kinds: ['CallExpression'],
  messages: {
    orphanedFanOut: '`Promise.{{combinator}}` starts several tasks that nothing owns: when {{outcome}}, the others keep running.',
    orphanedUnboundedFanOut:
      '`Promise.{{combinator}}` starts a task for every item of `{{items}}`, all at once, and nothing owns them: when {{outcome}}, the others keep running.',
    useTaskscope: 'Run them as tasks of taskscope `{{name}}()`, which aborts and awaits the others.',
    useBoundedMap: 'Run them with taskscope `{{name}}()`, at most {{concurrency}} at a time; it aborts and awaits the others.',
  },
  optionsSchema: {
    type: 'object',
    properties: {
      allow: {
        type: 'array',
        items: { type: 'string' },
        description: 'Callee patterns whose calls are not counted as work (`*`: within a name segment, `**`: across segments).',
      },
      defaultConcurrency: { type: 'integer', minimum: 1, description: 'The concurrency limit suggested for a fan-out over a collection of open size.' },
      checkTestFiles: { type: 'boolean', description: 'Also report fan-outs in test files.' },
      checkExamples: { type: 'boolean', description: 'Also report fan-outs in example code.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { allow: [], defaultConcurrency: 8, checkTestFiles: false, checkExamples: false },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    const combinator = promiseCombinatorOf(node);
    if (combinator !== 'all' && combinator !== 'any') return [];
    const [iterable] = node.arguments;
    if (!iterable || !mayFanOut(iterable) || (!options.checkTestFiles && isTestFile(context)) || (!options.checkExamples && isExampleFile(context))) return [];
    const verdict = fanOutVerdict(iterable, context, calleeMatcher(options.allow));
    // In a script's entry a failure ends the program: nothing is left that its siblings' work was for.
    if (!verdict || !orphansWork(verdict, combinator) || runsAsProgramEntry(node)) return [];

    const unbounded = verdict.unbounded;
    const concurrency = Math.max(1, Math.floor(options.defaultConcurrency));
    const rewrite = unbounded
      ? combinatorFix(node, context, { messageId: 'useBoundedMap', transform: 'promise-all', concurrency })
      : combinatorFix(node, context, { messageId: 'useTaskscope', transform: 'promise-all' });
    // Tasks none of whose work takes a signal would be cancelled by nothing: such a rewrite only moves code.
    const fix = rewrite?.delivery === 'none' ? undefined : rewrite;
    const finding: Finding<NoOrphanedFanOutMessageId> = {
      rule: 'no-orphaned-fan-out',
      messageId: unbounded ? 'orphanedUnboundedFanOut' : 'orphanedFanOut',
      data: { combinator, outcome: leftRunning[combinator], ...(unbounded ? { items: unbounded.items.getText(context.sourceFile) } : {}) },
      node: node.expression,
      fixes: fix ? [{ ...fix, data: { ...fix.data, concurrency: String(concurrency) } }] : [],
    };
    if (!fix) finding.review = { transform: 'promise-all', reason: reviewReason(node, combinator, rewrite !== undefined, context), node };
    return [finding];
  },
};

/** Why the codemod leaves the site to a person, as precisely as it knows. */
function reviewReason(call: TS.CallExpression, combinator: string, rewritten: boolean, context: AnalysisContext): string {
  if (rewritten) return `Promise.${combinator}: no task takes an AbortSignal, so nothing could cancel them; give the work one first`;
  const source = fanOutSource(call.arguments[0]!, context);
  const outer = signalInScope(call, context)?.text;
  if (source && outer !== undefined && tasksReadSignal(source, outer, context)) {
    return `Promise.${combinator}: the tasks read ${outer} and settle their own way when it aborts, which a taskscope call would turn into a rejection; to stop the siblings on a failure, abort a controller linked to ${outer} by hand`;
  }
  if (source?.held) {
    const name = source.held.declaration.name.text;
    const where = source.shape === 'pushed' ? `as they are pushed into ${name}` : `where ${name} is declared`;
    return `Promise.${combinator}: the tasks start ${where}, not here; make them thunks there ((signal: AbortSignal) => …) and pass them to taskscope's ${combinator}`;
  }
  return `Promise.${combinator} leaves siblings running; move its work into taskscope tasks`;
}

// The cheap syntactic pre-filter: an array literal with two or more elements, a map, or a name that may hold one.
function mayFanOut(iterable: TS.Expression): boolean {
  const inner = unwrapExpression(iterable);
  if (ts.isArrayLiteralExpression(inner)) {
    return inner.elements.length >= 2 || inner.elements.some(ts.isSpreadElement);
  }
  return ts.isIdentifier(inner) || ts.isBinaryExpression(inner) || mapFanOutOf(inner) !== undefined;
}
