// The eslint-disable comments of a file, read as ESLint 9 and 10 read them, so
// that `taskscope check` suppresses exactly what ESLint would:
//   /* eslint-disable */ and /* eslint-enable */ (block comments only), from
//   the comment on; `eslint-disable-line` (the comment's line; a block comment
//   must not span lines) and `eslint-disable-next-line` (the line after the
//   comment ends), as line or block comments. Each takes an optional list of
//   rule names (`taskscope/no-floating-promises, taskscope/no-orphaned-fan-out`)
//   and a justification after ` -- `; no list means every rule.
import { ts } from 'ts-morph';

import { type Position, positionOf } from './position.js';

/** Why a problem is not reported: an eslint-disable comment (`directive`) or the bulk suppressions file (`file`), as ESLint says. */
export interface Suppression {
  kind: 'directive' | 'file';
  justification: string;
}

/** Answers, for a problem's rule and start, the comments that disable it (empty: it is reported). */
export type Suppressor = (rule: string, at: Position) => Suppression[];

interface Directive extends Position {
  type: 'disable' | 'enable';
  /** Undefined: every rule. */
  rule: string | undefined;
  justification: string;
}

const LABEL = /^eslint-(disable-next-line|disable-line|disable|enable)(?:\s|$)/;

export function suppressorFor(sourceFile: ts.SourceFile): Suppressor {
  const block: Directive[] = [];
  const line: Directive[] = [];
  for (const comment of commentsMentioning(sourceFile, /eslint-(?:disable|enable)/g)) {
    const text = sourceFile.text.slice(comment.pos, comment.end);
    const isBlock = comment.kind === ts.SyntaxKind.MultiLineCommentTrivia;
    const { directive, justification } = splitJustification(isBlock ? text.slice(2, -2) : text.slice(2));
    const label = LABEL.exec(directive)?.[1];
    if (label === undefined || (!isBlock && (label === 'disable' || label === 'enable'))) continue;
    const start = positionOf(sourceFile, comment.pos);
    const end = positionOf(sourceFile, comment.end);
    if (label === 'disable-line' && start.line !== end.line) continue;
    const rules = ruleList(directive.slice('eslint-'.length + label.length));
    for (const rule of rules.length > 0 ? rules : [undefined]) {
      const base = { rule, justification };
      if (label === 'disable' || label === 'enable') block.push({ ...base, type: label, ...start });
      else {
        // As ESLint does: a disable at the line's first column and an enable before the next line.
        const at = label === 'disable-line' ? start.line : end.line + 1;
        line.push({ ...base, type: 'disable', line: at, column: 1 }, { ...base, type: 'enable', line: at + 1, column: 0 });
      }
    }
  }
  if (block.length === 0 && line.length === 0) return () => [];
  block.sort(compare);
  line.sort(compare);
  return (rule, at) => [...disabling(block, rule, at), ...disabling(line, rule, at)].map((d) => ({ kind: 'directive', justification: d.justification }));
}

/** The disable directives still in force for `rule` at `at`: an enable that names it, or names none, ends them all. */
function disabling(directives: readonly Directive[], rule: string, at: Position): Directive[] {
  let active: Directive[] = [];
  for (const directive of directives) {
    if (compare(directive, at) > 0) break;
    if (directive.rule !== undefined && directive.rule !== rule) continue;
    if (directive.type === 'disable') active.push(directive);
    else active = [];
  }
  return active;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.column - b.column;
}

/** The directive and its justification: the text before and after the first ` -- ` (two or more dashes). */
function splitJustification(value: string): { directive: string; justification: string } {
  const match = /\s-{2,}\s/.exec(value);
  if (!match) return { directive: value.trim(), justification: '' };
  return { directive: value.slice(0, match.index).trim(), justification: value.slice(match.index + match[0].length).trim() };
}

/** `a, 'b', "c"` → the names, unquoted. */
function ruleList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim().replace(/^(['"]?)(.*)\1$/s, '$2'))
    .filter(Boolean);
}

/**
 * The comments whose text matches `pattern`, in order. The text is searched
 * first, and a match counts only inside a comment: found by going down the
 * tree to the token whose leading trivia holds it, so strings, templates and
 * JSX text that mention a directive are no comment.
 */
function commentsMentioning(sourceFile: ts.SourceFile, pattern: RegExp): ts.CommentRange[] {
  const found = new Map<number, ts.CommentRange>();
  const { text } = sourceFile;
  for (const match of text.matchAll(pattern)) {
    const comment = commentAt(sourceFile, match.index);
    if (comment && !found.has(comment.pos)) found.set(comment.pos, comment);
  }
  return [...found.values()].sort((a, b) => a.pos - b.pos);
}

function commentAt(sourceFile: ts.SourceFile, offset: number): ts.CommentRange | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child = node.getChildren(sourceFile).find((c) => c.pos <= offset && offset < c.end);
    // Past the last token's end: the file's closing trivia, held by the end-of-file token.
    if (!child) return undefined;
    if (offset >= child.getStart(sourceFile)) {
      if (child.getChildCount(sourceFile) === 0 || ts.isJSDoc(child)) return undefined;
      node = child;
      continue;
    }
    // In the trivia before `child`: the comments on the line it starts on (trailing the token before), then the rest.
    const comments = [...(ts.getTrailingCommentRanges(sourceFile.text, child.pos) ?? []), ...(ts.getLeadingCommentRanges(sourceFile.text, child.pos) ?? [])];
    return comments.find((c) => c.pos <= offset && offset < c.end);
  }
}
