import type * as TS from 'typescript';

import { ts } from './compiler.js';

/**
 * Finds the nodes of `sourceFile` by their exact range [start, end) (start
 * excludes trivia): the deepest node of one of `kinds` there. This is how a
 * parser that gives no TypeScript nodes (espree on .js files) is mapped onto a
 * SourceFile parsed from the same text. The file is walked once, here; each
 * lookup is then a map read.
 */
export function rangeIndex(sourceFile: TS.SourceFile): (start: number, end: number, kinds: readonly TS.SyntaxKind[]) => TS.Node | undefined {
  const byStart = new Map<number, TS.Node[]>();
  const visit = (node: TS.Node): void => {
    const start = node.getStart(sourceFile);
    let nodes = byStart.get(start);
    if (!nodes) byStart.set(start, (nodes = []));
    nodes.push(node);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(sourceFile, visit);
  return (start, end, kinds) => byStart.get(start)?.findLast((node) => node.end === end && kinds.includes(node.kind));
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
