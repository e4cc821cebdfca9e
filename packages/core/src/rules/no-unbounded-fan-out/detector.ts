import type * as TS from 'typescript';

import { hasBoundedConcurrency } from '../../lib/collection-size.js';
import { combinatorFix } from '../../lib/combinator-fix.js';
import { ts } from '../../lib/compiler.js';
import { calleeMatcher, fanOutSource } from '../../lib/fan-out.js';
import { fanOutVerdict, orphansWork } from '../../lib/fan-out-verdict.js';
import { taskscopeCallee } from '../../lib/runtime-api.js';
import { promiseCombinatorOf, skipParentheses } from '../../lib/syntax.js';
import { runsAsProgramEntry } from '../../lib/program-entry.js';
import { isExampleFile, isTestFile } from '../../lib/test-code.js';
import type { AnalysisContext, Detector, Finding, Fix, TextEdit, TransformId } from '../../lib/types.js';
import { doesCostlyWork } from '../../lib/work.js';

export interface NoUnboundedFanOutOptions {
  /** The limit the suggestion proposes. */
  defaultConcurrency: number;
  /** Also report in test files (see `isTestFile`). */
  checkTestFiles: boolean;
  /** Also report in example code (see `isExampleFile`). */
  checkExamples: boolean;
}

const promiseCombinators: ReadonlySet<string> = new Set(['all', 'allSettled', 'any']);
const taskscopeCombinators: ReadonlySet<string> = new Set(['all', 'allSettled']);

export type NoUnboundedFanOutMessageId = 'unboundedFanOut' | 'limitConcurrency';

/**
 * `Promise.all / allSettled / any` or taskscope `all / allSettled` over the
 * `.map` (or `Array.from`) of a collection of open size (see
 * `hasBoundedConcurrency`), whose tasks do work that costs or has effects,
 * with no concurrency limit: every item's work starts at once. A fan-out that
 * also orphans its tasks is no-orphaned-fan-out's, which reports both.
 */
export const noUnboundedFanOut: Detector<NoUnboundedFanOutOptions, NoUnboundedFanOutMessageId> = {
  rule: 'no-unbounded-fan-out',
  kinds: ['CallExpression'],
  messages: {
    unboundedFanOut: '`{{callee}}` starts a task for every item of `{{items}}`, all at once; give it a concurrency limit.',
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
      checkTestFiles: { type: 'boolean', description: 'Also report fan-outs in test files.' },
      checkExamples: { type: 'boolean', description: 'Also report fan-outs in example code.' },
    },
    additionalProperties: false,
  },
  defaultOptions: { defaultConcurrency: 8, checkTestFiles: false, checkExamples: false },
  check(node, context, options) {
    if (!ts.isCallExpression(node)) return [];
    const [iterable, limits] = node.arguments;
    const combinator = promiseCombinatorOf(node);
    const name = combinator ? undefined : taskscopeCallee(node, context.sourceFile);
    if (!iterable || !(combinator ? promiseCombinators.has(combinator) : name !== undefined && taskscopeCombinators.has(name))) return [];
    if ((!options.checkTestFiles && isTestFile(context)) || (!options.checkExamples && isExampleFile(context))) return [];
    const source = fanOutSource(iterable, context);
    if (source?.shape !== 'map') return [];
    const fanOut = source.map;
    const concurrency = Math.max(1, Math.floor(options.defaultConcurrency));

    let fix: Fix<NoUnboundedFanOutMessageId> | undefined;
    let callee: string;
    let transform: TransformId = 'promise-all';
    if (combinator) {
      if (limits) return [];
      const verdict = fanOutVerdict(iterable, context, calleeMatcher([]));
      if (!verdict?.unbounded || !verdict.costly || verdict.broadcast) return [];
      // no-orphaned-fan-out reports this site, with both problems; where it stands aside (a script's entry) this rule does.
      const orphanedReports = combinator !== 'allSettled' && orphansWork(verdict, combinator as 'all' | 'any') && !runsAsProgramEntry(node);
      if (orphanedReports) return [];
      callee = `Promise.${combinator}`;
      if (combinator === 'allSettled') transform = 'all-settled';
      fix = combinatorFix(node, context, { messageId: 'limitConcurrency', transform, concurrency });
    } else {
      if (node.arguments.length > 2) return [];
      if ((limits && !lacksConcurrency(limits)) || hasBoundedConcurrency(fanOut, context) || !thunksDoCostlyWork(fanOut.callback, context)) return [];
      callee = name!;
      fix = concurrencyOptionFix(node, name!, concurrency, context);
    }

    const finding: Finding<NoUnboundedFanOutMessageId> = {
      rule: 'no-unbounded-fan-out',
      messageId: 'unboundedFanOut',
      data: { callee, items: fanOut.items.getText(context.sourceFile) },
      node: node.expression,
      fixes: fix ? [{ ...fix, data: { ...fix.data, concurrency: String(concurrency) } }] : [],
    };
    if (!fix) {
      finding.review = { transform, reason: 'unbounded fan-out; add a concurrency limit', node };
    }
    return [finding];
  },
};

// `items.map((x) => (signal) => work(x, signal))`: the thunks a taskscope combinator runs.
function thunksDoCostlyWork(callback: TS.Expression, context: AnalysisContext): boolean {
  const fn = skipParentheses(callback);
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && doesCostlyWork(fn, context);
}

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
