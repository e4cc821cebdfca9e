import type ts from 'typescript';

import type { AnalysisContext, Fix, TransformId } from './types.js';

/**
 * The rewrite of a `Promise.all / allSettled / race / any` call to the taskscope
 * combinator of the same name: each started unit of work becomes a task thunk
 * `(signal) => work(…, signal)` (signal threaded where the callee accepts one,
 * see signals.ts), and `Promise.x(items.map(fn))` becomes `map(items, …)` for
 * `all`. Undefined when the call's shape can't be rewritten faithfully.
 *
 * Owned by no-orphaned-fan-out; no-unchecked-settled and no-uncancelled-race
 * reuse it for their `allSettled` / `race` fixes.
 */
export function combinatorFix(
  call: ts.CallExpression,
  context: AnalysisContext,
  options: { messageId: string; transform: TransformId; concurrency?: number },
): Fix | undefined {
  void call;
  void context;
  void options;
  return undefined;
}
