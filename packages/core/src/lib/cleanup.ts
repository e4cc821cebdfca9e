import type * as TS from 'typescript';

import { ts } from './compiler.js';

/**
 * Whether `block` is cleanup, which runs because the work is ending and must
 * not be cancelled with it: a `finally` block, or a `catch` block that
 * rethrows (it undoes and passes the failure on; when the failure is the
 * abort itself, a signal would stop the undoing at once). A `catch` that
 * doesn't rethrow holds a fallback, which is real work.
 */
export function isCleanupBlock(block: TS.Node): boolean {
  const parent = block.parent;
  if (ts.isTryStatement(parent)) return parent.finallyBlock === block;
  return ts.isCatchClause(parent) && block === parent.block && parent.block.statements.some(ts.isThrowStatement);
}

/** Whether `node` runs as cleanup: inside a cleanup block, directly or in a callback the block calls. */
export function inCleanup(node: TS.Node): boolean {
  for (let current = node; !ts.isSourceFile(current.parent); current = current.parent) {
    if (isCleanupBlock(current)) return true;
    const parent = current.parent;
    if (ts.isFunctionLike(parent) && !isCallArgument(parent)) return false;
  }
  return false;
}

function isCallArgument(fn: TS.Node): boolean {
  let argument = fn;
  while (ts.isParenthesizedExpression(argument.parent)) argument = argument.parent;
  return ts.isCallExpression(argument.parent) && argument.parent.arguments.includes(argument as TS.Expression);
}
