import type * as TS from 'typescript';

import { ts } from '../../lib/compiler.js';
import { indentAt } from '../../lib/layout.js';
import type { Detector, Fix } from '../../lib/types.js';
import { type UncancelledReader, uncancelledReader } from './reader.js';

export type NoUncancelledReaderMessageId = 'uncancelledReader' | 'cancelInFinally';

/** The codemod's marker where there is no `finally` to cancel the reader in. */
export const UNCANCELLED_READER_REASON = 'never cancelled: cancel the reader in a finally around the read loop';

/**
 * A stream reader an async generator yields from, that the generator never
 * cancels (see `uncancelledReader`). Candidates: `x.getReader()` calls, by
 * shape; the rule needs no types.
 *
 * Fix (`cancel-reader`): `await reader.cancel().catch(() => undefined)` at the
 * head of the `finally` around the read loop, before a `releaseLock()` there.
 * After the stream ended it does nothing; after it failed, the catch keeps the
 * failure already under way. Without such a `finally`, a review.
 */
export const noUncancelledReader: Detector<Record<string, never>, NoUncancelledReaderMessageId> = {
  rule: 'no-uncancelled-reader',
  kinds: ['CallExpression'],
  messages: {
    uncancelledReader:
      '`{{reader}}` is read in a generator that yields, and nothing cancels it: when the consumer stops early, the stream and the request behind it keep running. Cancel it in a `finally`, as `for await` over the stream would.',
    cancelInFinally: 'Cancel `{{reader}}` in the `finally` block.',
  },
  defaultOptions: {},
  check(node, context) {
    if (!ts.isCallExpression(node)) return [];
    const reader = uncancelledReader(node, context);
    if (!reader) return [];
    const fix = cancelInFinally(reader, context.sourceFile);
    return [
      {
        rule: 'no-uncancelled-reader',
        messageId: 'uncancelledReader',
        data: { reader: reader.name.text },
        node,
        fixes: fix ? [fix] : [],
        review: fix ? undefined : { transform: 'cancel-reader', reason: UNCANCELLED_READER_REASON, node },
      },
    ];
  },
};

function cancelInFinally({ name, cleanup }: UncancelledReader, sourceFile: TS.SourceFile): Fix<NoUncancelledReaderMessageId> | undefined {
  const statements = cleanup?.finallyBlock?.statements;
  if (!statements || statements.length === 0) return undefined;
  const before = statements.find((statement) => isReleaseLockOf(statement, name.text)) ?? statements[0]!;
  const start = before.getStart(sourceFile);
  return {
    messageId: 'cancelInFinally',
    data: { reader: name.text },
    transform: 'cancel-reader',
    edits: [{ start, end: start, text: `await ${name.text}.cancel().catch(() => undefined);\n${indentAt(sourceFile.text, start)}` }],
    imports: [],
    // The cancel reaches the stream itself.
    delivery: 'all',
  };
}

function isReleaseLockOf(statement: TS.Statement, reader: string): boolean {
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const callee = statement.expression.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'releaseLock' && ts.isIdentifier(callee.expression) && callee.expression.text === reader;
}
