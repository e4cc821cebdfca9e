import ts from 'typescript';

import { calleeName, skipParentheses } from './syntax.js';
import type { AnalysisContext, TextEdit } from './types.js';

/**
 * How a call can take an AbortSignal: as a positional parameter typed
 * AbortSignal, or as the `signal` property of an options object (RequestInit
 * for `fetch`). Undefined when it takes none.
 *
 * Owned by require-signal-propagation; no-orphaned-fan-out uses it to thread
 * a task's signal into the calls it wraps. Without a checker only `fetch` is
 * known (the documented syntactic fallback).
 */
export type SignalSlot = { kind: 'parameter'; index: number } | { kind: 'options'; index: number };

export function signalSlot(call: ts.CallExpression, context: AnalysisContext): SignalSlot | undefined {
  const callee = skipParentheses(call.expression);
  if (ts.isIdentifier(callee) && calleeName(call) === 'fetch') return { kind: 'options', index: 1 };
  void context;
  return undefined;
}

/**
 * The edit that passes `signal` (an expression's text) to `call` through
 * `slot`: appended as an argument, or as `signal` in the options object
 * (added to an object literal, or a new `{ signal }` argument).
 */
export function passSignalEdit(
  call: ts.CallExpression,
  slot: SignalSlot,
  signal: string,
  sourceFile: ts.SourceFile,
): TextEdit | undefined {
  void call;
  void slot;
  void signal;
  void sourceFile;
  return undefined;
}
