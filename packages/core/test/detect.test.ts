// The one check every fix passes (checkFix, called by detect), and what a
// detector error costs: one node's findings, never the file's.
import { afterEach, describe, expect, it } from 'vitest';

import { detect } from '../src/lib/detect.js';
import { checkFix } from '../src/lib/edits.js';
import type { Detector, Fix, TextEdit } from '../src/lib/types.js';
import { contextFor } from './typed-context.js';

const fix = (...edits: TextEdit[]): Fix => ({ messageId: 'm', edits, imports: [] });
const edit = (start: number, end: number, text: string): TextEdit => ({ start, end, text });

describe('checkFix', () => {
  const text = 'Promise.all(\n    xs.map(f),\n  );\n';

  it('sorts the edits, keeping the order of insertions at one offset', () => {
    const checked = checkFix(text, fix(edit(5, 6, 'X'), edit(0, 0, 'a'), edit(0, 0, 'b')));
    expect(checked?.edits).toEqual([edit(0, 0, 'a'), edit(0, 0, 'b'), edit(5, 6, 'X')]);
  });

  it('merges identical edits and drops edits that change nothing', () => {
    const checked = checkFix(text, fix(edit(0, 7, 'all'), edit(0, 7, 'all'), edit(8, 11, 'all')));
    expect(checked?.edits).toEqual([edit(0, 7, 'all')]);
  });

  it('lets a replacement subsume a layout edit inside it (a dedent on a line it removes)', () => {
    const close = text.lastIndexOf(')');
    const lineStart = text.lastIndexOf('\n', close) + 1;
    const checked = checkFix(text, fix(edit(text.indexOf('f') + 1, text.length, ');\n'), edit(lineStart, lineStart + 2, '')));
    expect(checked?.edits).toEqual([edit(text.indexOf('f') + 1, text.length, ');\n')]);
  });

  it('drops a fix whose edits overlap, or fall outside the text', () => {
    expect(checkFix(text, fix(edit(0, 10, 'a'), edit(5, 15, 'b')))).toBeUndefined();
    expect(checkFix(text, fix(edit(0, 10, 'a'), edit(4, 4, 'inside')))).toBeUndefined();
    expect(checkFix(text, fix(edit(3, 2, 'a')))).toBeUndefined();
    expect(checkFix(text, fix(edit(0, text.length + 1, 'a')))).toBeUndefined();
  });

  it('passes a fix that needs nothing as it is', () => {
    const good = fix(edit(0, 7, 'all'), edit(12, 12, ' '));
    expect(checkFix(text, good)).toBe(good);
  });
});

describe('detect', () => {
  const saved = process.env.TASKSCOPE_STRICT;
  afterEach(() => {
    process.env.TASKSCOPE_STRICT = saved;
  });
  // Made in each test: core reads nodes only once the suite's compiler is in place.
  const setup = () => {
    const context = contextFor('Promise.all([a(), b()]);\n', false);
    const statement = context.sourceFile.statements[0]!;
    const finding = (...fixes: Fix[]) => ({ rule: 'no-orphaned-fan-out' as const, messageId: 'x', node: statement, fixes });
    return { context, statement, finding };
  };
  const detector = (check: Detector['check']): Detector => ({ rule: 'no-orphaned-fan-out', kinds: ['ExpressionStatement'], messages: {}, defaultOptions: {}, check });

  it('loses only the node a detector throws on, unless TASKSCOPE_STRICT=1', () => {
    const { context, statement } = setup();
    const throwing = detector(() => {
      throw new Error('detector bug');
    });
    delete process.env.TASKSCOPE_STRICT;
    expect(detect(throwing, statement, context, {})).toEqual([]);
    process.env.TASKSCOPE_STRICT = '1';
    expect(() => detect(throwing, statement, context, {})).toThrow('detector bug');
  });

  it('reports the finding with the fixes that pass checkFix, and says so under TASKSCOPE_STRICT=1', () => {
    const { context, statement, finding } = setup();
    const good = fix(edit(0, 11, 'all'));
    const bad = fix(edit(0, 11, 'all'), edit(5, 6, 'x'));
    const mixed = detector(() => [finding(good, bad)]);
    delete process.env.TASKSCOPE_STRICT;
    expect(detect(mixed, statement, context, {}).map((f) => f.fixes)).toEqual([[good]]);
    process.env.TASKSCOPE_STRICT = '1';
    expect(() => detect(mixed, statement, context, {})).toThrow("no-orphaned-fan-out: fix 'm' has overlapping edits at 0");
  });
});
