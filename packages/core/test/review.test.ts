// Review markers: wrapped to 100 columns, above the statement they mark (and above its guarding `;`), once.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { applyEdits } from '../src/lib/edits.js';
import { markerComment, reviewMarkerEdit } from '../src/lib/review.js';
import { contextFor } from './typed-context.js';

const reason =
  'floating promise: it takes no AbortSignal, so a scope could only wait for it; await it, or .catch(report), and give it a signal when it can take one';

describe('markerComment', () => {
  it('keeps a short reason on one line', () => {
    expect(markerComment('look here', '    ')).toBe('/* taskscope-migrate: look here */');
  });

  it.each([
    ['no indent', ''],
    ['a deep indent', ' '.repeat(24)],
    ['tabs', '\t\t'],
  ])('wraps at 100 columns with %s, continuation lines 3 spaces past the indent', (_name, indent) => {
    const lines = `${indent}${markerComment(reason, indent)}`.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    expect(lines[0]).toMatch(/^\s*\/\* taskscope-migrate: floating promise:/);
    for (const line of lines.slice(1)) expect(line.startsWith(`${indent}   `) && line[indent.length + 3] !== ' ', line).toBe(true);
    expect(lines.at(-1)).toMatch(/ \*\/$/);
    // Only the line breaks changed: the words are all there, in order.
    const words = lines.join(' ').replace('/* taskscope-migrate:', '').replace(/\*\/$/, '').split(/\s+/).filter(Boolean);
    expect(words.join(' ')).toBe(reason);
  });

  it('cannot be closed early by the reason', () => {
    expect(markerComment('a */ b', '')).toBe('/* taskscope-migrate: a * / b */');
  });
});

describe('reviewMarkerEdit', () => {
  const markAt = (code: string, needle: string): string => {
    const { sourceFile } = contextFor(code, false);
    const at = code.indexOf(needle);
    const find = (node: ts.Node): ts.Node | undefined => (node.getStart(sourceFile) === at && ts.isCallExpression(node) ? node : ts.forEachChild(node, find));
    const edit = reviewMarkerEdit(sourceFile, find(sourceFile)!, reason);
    return edit ? applyEdits(code, [edit]) : code;
  };

  it('puts the wrapped marker above the statement, indented like it', () => {
    const code = 'export async function f() {\n  if (ready) {\n    work();\n  }\n}\n';
    expect(markAt(code, 'work()')).toBe(
      `export async function f() {\n  if (ready) {\n    ${markerComment(reason, '    ')}\n    work();\n  }\n}\n`,
    );
  });

  it('goes above a guarding `;`, which stays with its statement', () => {
    const code = 'const a = 1\n;(async () => {\n  await work();\n})();\n';
    expect(markAt(code, '(async')).toBe(`const a = 1\n${markerComment(reason, '')}\n;(async () => {\n  await work();\n})();\n`);
  });

  it('adds nothing where the statement already has a marker', () => {
    const code = 'work();\n';
    const once = markAt(code, 'work()');
    expect(once).not.toBe(code);
    expect(markAt(once, 'work()')).toBe(once);
  });
});
