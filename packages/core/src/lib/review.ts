import type * as TS from 'typescript';

import { ts } from './compiler.js';
import { enclosingStatement } from './syntax.js';
import type { TextEdit } from './types.js';

/** Every review marker starts with this, so `grep` finds them all. */
export const MARKER_PREFIX = '/* taskscope-migrate:';
/** A line comment that makes the codemod skip the statement after it. */
export const IGNORE_COMMENT = 'taskscope-migrate-ignore';

/**
 * The edit that puts `/* taskscope-migrate: <reason> *\/` on its own line above
 * the statement holding `node`. Undefined when that statement already carries
 * a marker, so running the codemod twice adds nothing.
 */
export function reviewMarkerEdit(sourceFile: TS.SourceFile, node: TS.Node, reason: string): TextEdit | undefined {
  const statement = markedStatement(node);
  if (leadingCommentTexts(sourceFile, statement).some((text) => text.startsWith(MARKER_PREFIX))) return undefined;
  const start = statement.getStart(sourceFile);
  const lineStart = sourceFile.text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(sourceFile.text.slice(lineStart, start))?.[0] ?? '';
  const safeReason = reason.replaceAll('*/', '* /');
  return { start, end: start, text: `${MARKER_PREFIX} ${safeReason} */\n${indent}` };
}

/** True when the statement holding `node` is preceded by `// taskscope-migrate-ignore`. */
export function isIgnored(sourceFile: TS.SourceFile, node: TS.Node): boolean {
  const statement = markedStatement(node);
  return leadingCommentTexts(sourceFile, statement).some((text) => text.includes(IGNORE_COMMENT));
}

/**
 * The statement a comment above `node` belongs to: the nearest one that stands
 * in a list of statements. `if (x) work();` is marked above the `if`: a comment
 * after `if (x)` would not lead `work();` on its own line.
 */
function markedStatement(node: TS.Node): TS.Node {
  let statement = enclosingStatement(node) ?? node;
  while (statement.parent && !isStatementList(statement.parent)) statement = enclosingStatement(statement.parent) ?? statement.parent;
  return statement;
}

function isStatementList(node: TS.Node): boolean {
  return ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node) || ts.isCaseClause(node) || ts.isDefaultClause(node);
}

function leadingCommentTexts(sourceFile: TS.SourceFile, node: TS.Node): string[] {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.getFullStart()) ?? [];
  return ranges.map((range) => sourceFile.text.slice(range.pos, range.end));
}
