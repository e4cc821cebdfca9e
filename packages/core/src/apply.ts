import type ts from 'typescript';

import { runtimeImportEdit } from './runtime-imports.js';
import type { Fix, TextEdit } from './types.js';

/**
 * All edits of `fixes` plus one import edit for the runtime names they use,
 * sorted by position. Fixes whose edits overlap an earlier fix's are dropped
 * (and returned in `skipped`), so one pass over the file is always consistent.
 */
export function planEdits(sourceFile: ts.SourceFile, fixes: readonly Fix[]): { edits: TextEdit[]; skipped: Fix[] } {
  const accepted: TextEdit[] = [];
  const skipped: Fix[] = [];
  const imports = new Set<string>();
  for (const fix of fixes) {
    // An edit identical to one already accepted is shared (two findings declaring the same
    // parameter, say), not a conflict: it is applied once.
    const fresh = fix.edits.filter((edit) => !accepted.some((other) => sameEdit(edit, other)));
    if (fresh.some((edit) => accepted.some((other) => overlaps(edit, other)))) {
      skipped.push(fix);
      continue;
    }
    accepted.push(...fresh);
    for (const name of fix.imports) imports.add(name);
  }
  const importEdit = runtimeImportEdit(sourceFile, imports);
  if (importEdit) accepted.push(importEdit);
  return { edits: sortEdits(accepted), skipped };
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

function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
}
