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
  const { text } = sourceFile;
  let start = statement.getStart(sourceFile);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  // `;(async () => …)()`: the guarding `;` stays with its statement, below the marker (which then leads the `;`).
  if (/^[ \t]*;[ \t]*$/.test(text.slice(lineStart, start))) {
    start = text.indexOf(';', lineStart);
    if (endsWithMarker(text.slice(0, lineStart))) return undefined;
  }
  const indent = /^[ \t]*/.exec(text.slice(lineStart, start))?.[0] ?? '';
  return { start, end: start, text: `${markerComment(reason, indent)}\n${indent}` };
}

/** Markers are wrapped to this width, so no line they add is longer than code around them would be. */
const MARKER_WIDTH = 100;

/**
 * `/* taskscope-migrate: <reason> *\/`, wrapped at word boundaries so that each
 * line, with `indent` in front, fits MARKER_WIDTH; continuation lines are
 * indented to the text.
 */
export function markerComment(reason: string, indent: string): string {
  const words = reason.replaceAll('*/', '* /').split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = MARKER_PREFIX;
  for (const word of words) {
    if (line !== MARKER_PREFIX && indent.length + line.length + 1 + word.length > MARKER_WIDTH - 3) {
      lines.push(line);
      line = `${' '.repeat(3)}${word}`;
    } else {
      line = `${line} ${word}`;
    }
  }
  lines.push(`${line} */`);
  return lines.join(`\n${indent}`);
}

// The text before a line ends (blank lines aside) with a marker comment.
function endsWithMarker(before: string): boolean {
  const trimmed = before.trimEnd();
  return trimmed.endsWith('*/') && trimmed.slice(trimmed.lastIndexOf('/*')).startsWith(MARKER_PREFIX);
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
