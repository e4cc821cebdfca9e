import { type Compiler, type Detector, type Fix, engineFor } from '@taskscope/core';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';

import { MigrationError, createMigrator } from '../src/index.js';
import { probeAll, probeTransforms, transform } from './probes.js';

const core = engineFor(ts as unknown as Compiler);
const migrator = createMigrator(probeTransforms);
const migrate = (text: string, fileName = 'file.ts') => migrator.migrate(core.parseSourceFile(fileName, text), undefined);

describe('engine', () => {
  it('applies a fix, adds the import in the file quote style and counts it', () => {
    const result = migrate('import x from "x";\n// keep me\nawait Promise.all([a(), b()]); // and me\n');
    expect(result.text).toBe('import x from "x";\nimport { all } from "taskscope";\n// keep me\nawait all([a(), b()]); // and me\n');
    expect(result.changed).toBe(true);
    expect(result.counts).toEqual({ 'promise-all': { rewritten: 1, marked: 0 } });
  });

  it('merges into an existing taskscope import and applies every fix of a file in one pass', () => {
    const result = migrate("import { map } from 'taskscope';\nawait Promise.all([a()]);\nawait Promise.all([b()]);\n");
    expect(result.text).toBe("import { map, all } from 'taskscope';\nawait all([a()]);\nawait all([b()]);\n");
    expect(result.counts['promise-all']?.rewritten).toBe(2);
  });

  it('skips statements under the ignore comment', () => {
    const text = '// taskscope-migrate-ignore\nawait Promise.all([a()]);\n';
    const result = migrate(text);
    expect(result).toMatchObject({ text, changed: false, ignored: 1 });
  });

  it('marks a review finding once per statement and never applies its editor-only fixes', () => {
    const result = migrate('function f() {\n  later(later());\n}\n');
    expect(result.text).toBe('function f() {\n  /* taskscope-migrate: floating outside an async function */\n  later(later());\n}\n');
    expect(result.markers).toBe(1);
    expect(migrate(result.text).changed).toBe(false);
  });

  it('marks a statement without braces above the statement that holds it, so a second run sees the marker', () => {
    const result = migrate('function f(x: boolean) {\n  if (x) later();\n}\n');
    expect(result.text).toBe('function f(x: boolean) {\n  /* taskscope-migrate: floating outside an async function */\n  if (x) later();\n}\n');
    expect(migrate(result.text).changed).toBe(false);
  });

  it('marks and rewrites when the finding has both a review and a fix with a transform', () => {
    const result = migrate('const r = await Promise.allSettled([a()]);\n');
    expect(result.text).toBe(
      "import { allSettled } from 'taskscope';\n\n/* taskscope-migrate: rejections are never read */\nconst r = await allSettled([a()]);\n",
    );
    expect(result.counts['all-settled']).toEqual({ rewritten: 1, marked: 1 });
  });

  it('marks a finding that has no rewrite at all, so it is not left behind silently', () => {
    const result = migrate('async function f() {\n  orphan();\n}\n');
    expect(result.text).toContain('  /* taskscope-migrate: no automatic rewrite (no-floating-promises) */\n  orphan();');
  });

  it('puts a marker above its statement where a rewrite moved or re-indented it', () => {
    const result = migrate('function f() {\n  indent(later());\n}\n');
    expect(result.text).toBe('function f() {\n    /* taskscope-migrate: floating outside an async function */\n    indent(later());\n}\n');
  });

  it('applies only the selected transforms', () => {
    const only = createMigrator(probeTransforms.filter((t) => t.id === 'floating'));
    const result = only.migrate(core.parseSourceFile('f.ts', 'Promise.all([a()]);\nlater();\n'), undefined);
    expect(result.text).toBe('Promise.all([a()]);\n/* taskscope-migrate: floating outside an async function */\nlater();\n');
  });

  it('defers a fix that overlaps an earlier one to the next run', () => {
    const first = migrate('wrap(wrap(1));\n');
    expect(first).toMatchObject({ text: 'done(wrap(1));\n', deferred: 1 });
    expect(migrate(first.text)).toMatchObject({ text: 'done(done(1));\n', deferred: 0 });
  });

  it('counts a second rewrite of the same site as superseded, not deferred', () => {
    // A copy of the probe proposes the same edit again at the same node.
    const twice = createMigrator([transform('promise-all', ['no-orphaned-fan-out'], [probeAll, { ...probeAll }])]);
    const result = twice.migrate(core.parseSourceFile('f.ts', 'Promise.all([a()]);\n'), undefined);
    expect(result).toMatchObject({ text: "import { all } from 'taskscope';\n\nall([a()]);\n", deferred: 0 });
  });

  it('drops a fix whose edits an earlier one already makes, and defers one that inserts at the same place', () => {
    // Two rules threading a signal into the same call, from different sites.
    const insert = (text: string, at: 'callee' | 'call'): Detector => ({
      rule: 'no-orphaned-fan-out',
      kinds: ['CallExpression'],
      messages: {},
      defaultOptions: {},
      check(node, { sourceFile }) {
        if (!ts.isCallExpression(node) || node.expression.getText(sourceFile) !== 'pass') return [];
        const edit = { start: node.arguments.end, end: node.arguments.end, text };
        const fix: Fix = { messageId: 'x', transform: 'promise-all', edits: [edit], imports: [] };
        return [{ rule: 'no-orphaned-fan-out', messageId: 'x', node: at === 'call' ? node : node.expression, fixes: [fix] }];
      },
    });
    const same = createMigrator([transform('promise-all', [], [insert(', signal', 'call'), insert(', signal', 'callee')])]);
    expect(same.migrate(core.parseSourceFile('f.ts', 'pass(1);\n'), undefined)).toMatchObject({ text: 'pass(1, signal);\n', deferred: 0 });
    const other = createMigrator([transform('promise-all', [], [insert(', signal', 'call'), insert(', s.signal', 'callee')])]);
    expect(other.migrate(core.parseSourceFile('f.ts', 'pass(1);\n'), undefined)).toMatchObject({ text: 'pass(1, signal);\n', deferred: 1 });
  });

  it('keeps CRLF line endings in inserted text', () => {
    const result = migrate('import x from "x";\r\nfunction f() {\r\n  later();\r\n}\r\n');
    expect(result.text).toBe('import x from "x";\r\nfunction f() {\r\n  /* taskscope-migrate: floating outside an async function */\r\n  later();\r\n}\r\n');
  });

  it('handles .tsx', () => {
    const result = migrate('const el = <div>{Promise.all([a()])}</div>;\n', 'view.tsx');
    expect(result.text).toBe("import { all } from 'taskscope';\n\nconst el = <div>{all([a()])}</div>;\n");
  });

  it('refuses a file that does not parse', () => {
    expect(() => migrate('const = ;\n')).toThrow(MigrationError);
    expect(() => migrate('const = ;\n')).toThrow(/does not parse: 1:7/);
  });

  it('refuses a rewrite whose output would not parse', () => {
    expect(() => migrate('broken();\n')).toThrow(/the rewrite \(promise-all\) would not parse/);
  });

  it('leaves a file without findings unchanged', () => {
    const text = 'export const x = 1;\n';
    expect(migrate(text)).toEqual({ text, changed: false, counts: {}, rewrites: [], markers: 0, ignored: 0, deferred: 0 });
  });

  it('records each rewrite with its transform, its line and whether it delivers a signal', () => {
    // `deliver(…)`: a rewrite whose tasks' signals reach the work in some of them.
    const delivering: Detector = {
      rule: 'no-orphaned-fan-out',
      kinds: ['CallExpression'],
      messages: {},
      defaultOptions: {},
      check(node, { sourceFile }) {
        if (!ts.isCallExpression(node) || node.expression.getText(sourceFile) !== 'deliver') return [];
        const callee = { start: node.expression.getStart(sourceFile), end: node.expression.end, text: 'delivered' };
        const fix: Fix = { messageId: 'x', transform: 'race', edits: [callee], imports: [], delivery: 'some' };
        return [{ rule: 'no-orphaned-fan-out', messageId: 'x', node, fixes: [fix] }];
      },
    };
    const migrator = createMigrator([...probeTransforms, transform('race', [], [delivering])]);
    const result = migrator.migrate(core.parseSourceFile('f.ts', 'await Promise.all([a()]);\n\ndeliver();\n'), undefined);
    expect(result.rewrites).toEqual([
      { transform: 'promise-all', line: 1, delivers: false },
      { transform: 'race', line: 3, delivers: true },
    ]);
  });

  it('wraps a long marker at 100 columns, its lines indented past the marker, and adds it once', () => {
    const reason = 'floating promise: it takes no AbortSignal, so a scope could only wait for it; await it, or .catch(report)';
    const long: Detector = {
      rule: 'no-floating-promises',
      kinds: ['CallExpression'],
      messages: {},
      defaultOptions: {},
      check(node, { sourceFile }) {
        if (!ts.isCallExpression(node) || node.expression.getText(sourceFile) !== 'long') return [];
        return [{ rule: 'no-floating-promises', messageId: 'x', node, fixes: [], review: { transform: 'floating', reason, node } }];
      },
    };
    const marking = createMigrator([transform('floating', ['no-floating-promises'], [long])]);
    const run = (text: string) => marking.migrate(core.parseSourceFile('f.ts', text), undefined);
    const result = run('async function f() {\n  if (ready) {\n    long();\n  }\n}\n');
    expect(result.text).toBe(
      'async function f() {\n' +
        '  if (ready) {\n' +
        '    /* taskscope-migrate: floating promise: it takes no AbortSignal, so a scope could only wait\n' +
        '       for it; await it, or .catch(report) */\n' +
        '    long();\n' +
        '  }\n' +
        '}\n',
    );
    expect(Math.max(...result.text.split('\n').map((line) => line.length))).toBeLessThanOrEqual(100);
    expect(run(result.text).changed).toBe(false);
  });
});
