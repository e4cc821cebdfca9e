import type * as TS from 'typescript';

import { ts } from './compiler.js';
import type { TextEdit } from './types.js';

/**
 * Text layout for rewrites that move code between lines: they keep the file's
 * indentation, and never touch the inside of a string that spans lines.
 */

/** Lines longer than this after a rewrite get wrapped (Prettier's common `printWidth` setting). */
export const MAX_LINE_LENGTH = 100;

/** The whitespace that starts the line holding `position`. */
export function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, position))![0];
}

/** `[start, end)` of the line holding `position`, without its line break. */
export function lineAt(text: string, position: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', position - 1) + 1;
  const newline = text.indexOf('\n', position);
  const end = newline === -1 ? text.length : newline;
  return { start, end: text[end - 1] === '\r' ? end - 1 : end };
}

/** The file's indentation step: a tab, or the smallest run of leading spaces (two when none is found). */
export function indentUnitOf(text: string): string {
  let smallest = Infinity;
  for (const [, indent] of text.matchAll(/^([ \t]+)\S/gm)) {
    if (indent!.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, indent!.length);
  }
  return ' '.repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** The string and template literals in `node` that span lines: their line starts are text, not indentation. */
export function multilineLiterals(node: TS.Node, sourceFile: TS.SourceFile): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  const visit = (child: TS.Node): void => {
    if (ts.isTemplateExpression(child) || ts.isNoSubstitutionTemplateLiteral(child) || ts.isStringLiteral(child)) {
      const start = child.getStart(sourceFile);
      if (sourceFile.text.slice(start, child.end).includes('\n')) ranges.push({ start, end: child.end });
      return;
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return ranges;
}

/** Edits that take `unit` off every line of `node` after its first (up to `end`), where the line starts with it. */
export function dedentEdits(node: TS.Node, unit: string, sourceFile: TS.SourceFile, end = node.end): TextEdit[] {
  const { text } = sourceFile;
  const verbatim = multilineLiterals(node, sourceFile);
  const edits: TextEdit[] = [];
  for (let at = text.indexOf('\n', node.getStart(sourceFile)) + 1; at > 0 && at < end; at = text.indexOf('\n', at) + 1) {
    if (!text.startsWith(unit, at) || verbatim.some((range) => range.start < at && at < range.end)) continue;
    edits.push({ start: at, end: at + unit.length, text: '' });
  }
  return edits;
}
