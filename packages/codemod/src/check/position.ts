import type { ts } from 'ts-morph';

/** A place in a file as ESLint reports it: line and column both 1-based (columns in UTF-16 code units). */
export interface Position {
  line: number;
  column: number;
}

export function positionOf(sourceFile: ts.SourceFile, offset: number): Position {
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(offset);
  return { line: line + 1, column: character + 1 };
}

/** The text of the line `at` is on, trimmed. */
export function lineText(sourceFile: ts.SourceFile, at: Position): string {
  const starts = sourceFile.getLineStarts();
  return sourceFile.text.slice(starts[at.line - 1], starts[at.line] ?? sourceFile.text.length).trim();
}
