import type * as TS from 'typescript';

import { ts } from './compiler.js';

/**
 * The deepest node spanning exactly [start, end) (start excludes trivia), or,
 * when `kinds` is given, the nearest such node of one of those kinds. This is
 * how a parser that gives no TypeScript nodes (espree on .js files) is mapped
 * onto a SourceFile parsed from the same text.
 */
export function findNodeByRange(
  sourceFile: TS.SourceFile,
  start: number,
  end: number,
  kinds?: readonly TS.SyntaxKind[],
): TS.Node | undefined {
  let match: TS.Node | undefined;
  let node: TS.Node = sourceFile;
  descend: for (;;) {
    for (const child of node.getChildren(sourceFile)) {
      if (child.pos > start || child.end < end) continue;
      if (child.getStart(sourceFile) === start && child.end === end) {
        if (!kinds || kinds.includes(child.kind)) match = child;
      }
      node = child;
      continue descend;
    }
    return match;
  }
}

/** Parses text the way the rules' syntactic fallback needs it: with parents, by file extension. */
export function parseSourceFile(fileName: string, text: string): TS.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
}

export function scriptKindOf(fileName: string): TS.ScriptKind {
  if (/\.tsx$/i.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(fileName)) return ts.ScriptKind.TS;
  if (/\.json$/i.test(fileName)) return ts.ScriptKind.JSON;
  // JSX is legal in any .js file, so parse plain JS as JSX.
  return ts.ScriptKind.JSX;
}
