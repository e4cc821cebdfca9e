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

/**
 * `edits` with the rewrite of `node` laid out as Prettier would where its
 * first line grows past MAX_LINE_LENGTH: the arguments of the call that heads
 * the new expression (`withTimeout(…)` in `withTimeout(…).catch(…)`) one per
 * line, with a trailing comma. The line breaks go into the edits' texts or
 * between them, so the edits stay as small as they were and other fixes can
 * still be applied beside them. Unchanged where the line was too long already
 * (the file does not keep to the width), where that call spans lines after
 * the rewrite, where a comment sits between the arguments, or where a break
 * would straddle an edit's end.
 */
export function argumentsOnTheirOwnLines(node: TS.Node, edits: readonly TextEdit[], sourceFile: TS.SourceFile): TextEdit[] {
  const { text } = sourceFile;
  const start = node.getStart(sourceFile);
  const line = lineAt(text, start);
  if (line.end - line.start > MAX_LINE_LENGTH) return [...edits];
  const inside = edits.filter((e) => e.start >= start && e.end <= node.end).sort((a, b) => a.start - b.start || a.end - b.end);
  if (edits.some((e) => !inside.includes(e) && e.start < node.end && e.end > start)) return [...edits];

  // The rewritten text, as pieces that are either original text or an edit's text.
  const pieces: { at: number; length: number; original?: number; edit?: TextEdit }[] = [];
  let rewritten = '';
  let cursor = start;
  const add = (piece: string, source: { original?: number; edit?: TextEdit }) => {
    if (piece.length > 0) pieces.push({ at: rewritten.length, length: piece.length, ...source });
    rewritten += piece;
  };
  for (const edit of inside) {
    add(text.slice(cursor, edit.start), { original: cursor });
    add(edit.text, { edit });
    cursor = Math.max(cursor, edit.end);
  }
  add(text.slice(cursor, node.end), { original: cursor });
  const after = node.end <= line.end ? text.slice(node.end, line.end) : '';
  const firstLine = text.slice(line.start, start) + rewritten + after;
  if ((firstLine.includes('\n') ? firstLine.indexOf('\n') : firstLine.length) <= MAX_LINE_LENGTH) return [...edits];

  const parsed = ts.createSourceFile(sourceFile.languageVariant === ts.LanguageVariant.JSX ? 'rewrite.tsx' : 'rewrite.ts', rewritten, ts.ScriptTarget.Latest, true);
  const statement = parsed.statements[0];
  let head: TS.Expression | undefined = statement && ts.isExpressionStatement(statement) ? statement.expression : undefined;
  while (head && ts.isCallExpression(head) && ts.isPropertyAccessExpression(head.expression) && ts.isCallExpression(head.expression.expression)) {
    head = head.expression.expression;
  }
  if (!head || !ts.isCallExpression(head) || head.arguments.length === 0 || rewritten.slice(head.getStart(parsed), head.end).includes('\n')) return [...edits];

  const indent = indentAt(text, start);
  const step = `\n${indent}${indentUnitOf(text)}`;
  const args = head.arguments;
  // Each break replaces the gap before an argument, or after the last one, in the rewritten text.
  const breaks = [
    { from: args.pos, to: args[0]!.getStart(parsed), text: step },
    ...args.slice(1).map((arg, i) => ({ from: args[i]!.end, to: arg.getStart(parsed), text: `,${step}` })),
    { from: args[args.length - 1]!.end, to: head.end - 1, text: `,\n${indent}` },
  ];
  // A comment between the arguments would be lost with its gap.
  if (breaks.some((gap) => rewritten.slice(gap.from, gap.to).replace(',', '').trim() !== '')) return [...edits];
  const laidOut = new Map(inside.map((edit) => [edit, edit.text]));
  const added: TextEdit[] = [];
  for (const gap of breaks.reverse()) {
    const piece = pieces.find((p) => p.at <= gap.from && gap.to <= p.at + p.length);
    if (!piece) return [...edits];
    const offset = gap.from - piece.at;
    if (piece.edit) {
      const current = laidOut.get(piece.edit)!;
      laidOut.set(piece.edit, current.slice(0, offset) + gap.text + current.slice(offset + gap.to - gap.from));
    } else {
      added.push({ start: piece.original! + offset, end: piece.original! + offset + gap.to - gap.from, text: gap.text });
    }
  }
  return [...edits.map((edit) => (laidOut.has(edit) ? { ...edit, text: laidOut.get(edit)! } : edit)), ...added];
}
