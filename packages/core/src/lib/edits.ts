import type * as TS from 'typescript';

import { runtimeImportEdit } from './runtime-imports.js';
import type { Fix, TextEdit } from './types.js';

/**
 * The one check every fix passes before it leaves core (see `detect`): its
 * edits inside the text, sorted, and no two overlapping, which is what ESLint
 * asserts of a suggestion and `applyEdits` of a file. Identical edits and
 * edits that change nothing are merged away; a whitespace-only edit inside
 * another edit's replaced range is subsumed by it (a re-indented line that a
 * replacement removes anyway). A fix that still overlaps itself is dropped:
 * undefined.
 */
export function checkFix(text: string, fix: Fix): Fix | undefined {
  const edits = sortEdits(
    fix.edits.filter((edit, index) => edit.text !== text.slice(edit.start, edit.end) && fix.edits.findIndex((other) => sameEdit(edit, other)) === index),
  );
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    if (!(Number.isInteger(edit.start) && Number.isInteger(edit.end) && 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) {
      return undefined;
    }
    const previous = kept.at(-1);
    if (!previous || edit.start >= previous.end) kept.push(edit);
    else if (edit.end <= previous.end && isLayout(text, edit)) continue;
    else if (edit.start === previous.start && previous.end <= edit.end && isLayout(text, previous)) kept[kept.length - 1] = edit;
    else return undefined;
  }
  return kept.every((edit, index) => edit === fix.edits[index]) && kept.length === fix.edits.length ? fix : { ...fix, edits: kept };
}

/**
 * All edits of `fixes` plus one import edit for the runtime names they use,
 * sorted by position: the one place that decides which fixes can be applied
 * together (the fixes must have passed `checkFix`). A fix is `skipped`, to
 * wait for another pass over the rewritten text, when an edit of it overlaps
 * an earlier fix's, or inserts something else where an earlier fix inserts
 * (two rules adding `, signal` and `, s.signal` to one call would pass two
 * signals). An edit identical to an earlier one is shared (two findings
 * declaring the same parameter), and a fix whose every edit is shared is
 * `redundant`: it is done already.
 */
export function planEdits(sourceFile: TS.SourceFile, fixes: readonly Fix[]): { edits: TextEdit[]; skipped: Fix[]; redundant: Fix[] } {
  const accepted: { fix: Fix; edits: TextEdit[] }[] = [];
  const skipped: Fix[] = [];
  const redundant: Fix[] = [];
  // Where a fix inserts, applied now or retried on the next pass: no other fix inserts there.
  const claimed = new Set<number>();
  for (const fix of fixes) {
    const taken = accepted.flatMap((a) => a.edits);
    const fresh = fix.edits.filter((edit) => !taken.some((other) => sameEdit(edit, other)));
    const insertions = fresh.filter((edit) => edit.start === edit.end);
    if (fresh.length === 0) redundant.push(fix);
    else if (insertions.some((edit) => claimed.has(edit.start))) skipped.push(fix);
    else {
      for (const edit of insertions) claimed.add(edit.start);
      if (fresh.some((edit) => taken.some((other) => overlaps(edit, other)))) skipped.push(fix);
      else accepted.push({ fix, edits: fresh });
    }
  }
  // The import goes where no fix edits; a fix that edits there waits (rare: it rewrites the import).
  for (;;) {
    const importEdit = runtimeImportEdit(sourceFile, new Set(accepted.flatMap((a) => a.fix.imports)));
    const clash = importEdit && accepted.findIndex((a) => a.edits.some((edit) => overlaps(edit, importEdit)));
    if (clash === undefined || clash === -1) {
      const edits = accepted.flatMap((a) => a.edits);
      return { edits: sortEdits(importEdit ? [...edits, importEdit] : edits), skipped, redundant };
    }
    skipped.push(accepted.splice(clash, 1)[0]!.fix);
  }
}

/** Applies non-overlapping edits to text in one pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = '';
  let cursor = 0;
  for (const edit of sortEdits(edits)) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

// Two insertions at one point do not overlap; a replacement overlaps anything strictly inside it.
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start < b.end && b.start < a.end;
}

/** An edit that only adds or removes whitespace. */
function isLayout(text: string, edit: TextEdit): boolean {
  return /^\s*$/.test(edit.text) && /^\s*$/.test(text.slice(edit.start, edit.end));
}

// Stable, so insertions at one offset keep the order the fix gave them.
function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}
