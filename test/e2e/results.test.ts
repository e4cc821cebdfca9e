// How the harness reads the tools' output and compares a migrated run with the
// baseline: on small made-up outputs, so a mistake here shows in seconds and
// not after a twenty-minute run.
import { describe, expect, it } from 'vitest';

import { deliveryLines } from './report.js';
import { type JestJson, type Outcomes, beyond, compareTests, diagnosticKey, lintKey, outcomesOf, parseDiagnostics, parseEslint, timeRatio } from './results.js';
import type { MigrateReport } from './run-project.js';

const root = '/tmp/project';

const report = (...files: [string, [string[], string, string][], string?][]): JestJson => ({
  testResults: files.map(([name, tests, message = '']) => ({
    name: `${root}/${name}`,
    status: tests.some(([, , status]) => status === 'failed') || message ? 'failed' : 'passed',
    message,
    assertionResults: tests.map(([ancestorTitles, title, status]) => ({ ancestorTitles, title, status, failureMessages: status === 'failed' ? [`Error: ${title} broke\n    at fn (/tmp/project/node_modules/jest-circus/build/index.js:1:1)\n    at test.ts:3:1`] : [] })),
  })),
});

describe('outcomesOf', () => {
  it('names each test by file, describe blocks and title, numbering a repeated title', () => {
    const outcomes = outcomesOf(
      report([
        'test/a.test.ts',
        [
          [['client'], 'connects', 'passed'],
          [['client'], 'connects', 'failed'],
          [[], 'todo one', 'pending'],
        ],
      ]),
      root,
    );
    expect([...outcomes.keys()]).toEqual(['test/a.test.ts > client > connects', 'test/a.test.ts > client > connects #2', 'test/a.test.ts > todo one']);
    expect([...outcomes.values()].map((o) => o.status)).toEqual(['passed', 'failed', 'skipped']);
  });

  it("keeps the failure's first lines without the runner's stack frames", () => {
    const outcomes = outcomesOf(report(['a.test.ts', [[[], 'x', 'failed']]]), root);
    expect(outcomes.get('a.test.ts > x')?.message).toBe('Error: x broke\n    at test.ts:3:1');
  });

  it('makes a file that failed to run one failed id', () => {
    const outcomes = outcomesOf(report(['b.test.ts', [], 'Cannot find module taskscope']), root);
    expect(outcomes.get('b.test.ts (file)')).toEqual({ status: 'failed', message: 'Cannot find module taskscope' });
  });
});

describe('compareTests', () => {
  const run = (entries: Record<string, 'passed' | 'failed' | 'skipped'>): Outcomes => new Map(Object.entries(entries).map(([id, status]) => [id, { status, message: status === 'failed' ? `${id} failed` : '' }]));

  it('counts a test that passed in every baseline run and failed, or did not run, after', () => {
    const baseline = run({ a: 'passed', b: 'passed', c: 'failed', d: 'passed' });
    const { newFailures } = compareTests([baseline, baseline], [run({ a: 'passed', b: 'failed', c: 'failed' })]);
    expect(newFailures).toEqual([
      { id: 'b', status: 'failed', message: 'b failed' },
      { id: 'd', status: 'missing', message: '' },
    ]);
  });

  it('reports a test whose outcome flips between the baseline runs as flaky, not as a new failure', () => {
    const { newFailures, flaky } = compareTests([run({ a: 'passed' }), run({ a: 'failed' })], [run({ a: 'failed' })]);
    expect(newFailures).toEqual([]);
    expect(flaky).toEqual([{ id: 'a', statuses: ['passed', 'failed'] }]);
  });

  it('lists the tests that failed in a baseline run and passed after', () => {
    const { passedAfter } = compareTests([run({ a: 'failed', b: 'failed' })], [run({ a: 'passed', b: 'failed' })]);
    expect(passedAfter).toEqual(['a']);
  });

  it('counts a failing id the baseline never had (a file that no longer loads)', () => {
    const { newFailures } = compareTests([run({ a: 'passed' })], [run({ a: 'passed', 'x.test.ts (file)': 'failed' })]);
    expect(newFailures.map((f) => f.id)).toEqual(['x.test.ts (file)']);
  });

  it('reports a test that fails in one migrated run and passes in the other as flaky after, not as a new failure', () => {
    const baseline = run({ a: 'passed', b: 'passed' });
    const { newFailures, flakyAfter } = compareTests([baseline], [run({ a: 'failed', b: 'failed' }), run({ a: 'passed', b: 'failed' })]);
    expect(newFailures.map((f) => f.id)).toEqual(['b']);
    expect(flakyAfter).toEqual([{ id: 'a', statuses: ['failed', 'passed'] }]);
    // A new file-level failure counts only when it fails in both.
    const files = compareTests([baseline], [run({ ...{ a: 'passed', b: 'passed' }, 'x.test.ts (file)': 'failed' }), run({ a: 'passed', b: 'passed' })]);
    expect(files.newFailures).toEqual([]);
  });
});

describe('timeRatio', () => {
  it('compares the mean migrated time with the mean of the baseline runs', () => {
    expect(timeRatio([100], [120])).toBe(1.2);
    expect(timeRatio([80, 120], [150])).toBe(1.5);
    expect(timeRatio([100], [100, 140])).toBe(1.2);
  });
});

describe('beyond', () => {
  it('is a multiset difference: only the occurrences past the count before', () => {
    expect(beyond(['a', 'a', 'b'], ['b', 'a', 'a', 'a', 'c'], (x) => x)).toEqual(['a', 'c']);
    expect(beyond(['a', 'b'], ['a'], (x) => x)).toEqual([]);
  });
});

describe('parseDiagnostics', () => {
  const output = [
    'src/a.ts(3,7): error TS2322: Type \'string\' is not assignable to type \'number\'.',
    "src/b.ts(10,1): error TS2769: No overload matches this call.",
    "  Overload 1 of 2, '(tasks: TaskFn[]): Promise<unknown>', gave the following error.",
    'error TS5083: Cannot read file tsconfig.base.json.',
    'Found 3 errors.',
  ].join('\n');

  it('reads located, multi-line and global errors, with files relative to the root', () => {
    const diagnostics = parseDiagnostics(output, `${root}/packages/client`, root);
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['packages/client/src/a.ts', 3, 'TS2322'],
      ['packages/client/src/b.ts', 10, 'TS2769'],
      ['', 0, 'TS5083'],
    ]);
    expect(diagnostics[1]?.message).toBe("No overload matches this call.\n  Overload 1 of 2, '(tasks: TaskFn[]): Promise<unknown>', gave the following error.");
  });

  it('finds no new error where an edit only moved one', () => {
    const moved = output.replace('src/a.ts(3,7)', 'src/a.ts(5,7)');
    expect(beyond(parseDiagnostics(output, root, root), parseDiagnostics(moved, root, root), diagnosticKey)).toEqual([]);
  });
});

describe('parseEslint', () => {
  it('reads each message with its rule, a parse error as (parse), counted per file and rule', () => {
    const json = JSON.stringify([
      { filePath: `${root}/src/a.ts`, messages: [{ ruleId: 'simple-import-sort/imports', line: 2, message: 'Run autofix to sort these imports!' }] },
      { filePath: `${root}/src/b.ts`, messages: [{ ruleId: null, fatal: true, line: 9, message: "Parsing error: ')' expected." }] },
    ]);
    const problems = parseEslint(json, root);
    expect(problems.map((p) => `${p.file}:${p.line} ${p.rule}`)).toEqual(['src/a.ts:2 simple-import-sort/imports', 'src/b.ts:9 (parse)']);
    const moved = problems.map((p) => ({ ...p, line: p.line + 4 }));
    expect(beyond(problems, [...moved, moved[0]!], lintKey)).toHaveLength(1);
  });
});

describe('deliveryLines', () => {
  const migrateReport = (rewrites: { transform: string; line: number; delivers: boolean }[]): MigrateReport => ({
    summary: {},
    counts: {},
    markers: 0,
    files: [{ path: 'src/a.ts', status: 'changed', markers: 0, counts: {}, rewrites }],
  });

  it('gives the share per transform and names each rewrite that cancels nothing', () => {
    const lines = deliveryLines(
      migrateReport([
        { transform: 'signal', line: 3, delivers: true },
        { transform: 'promise-all', line: 9, delivers: false },
      ]),
    );
    expect(lines[0]).toContain('1/2 rewrites deliver cancellation (0.50; below the goal');
    expect(lines[0]).toContain('signal 1/1, promise-all 0/1');
    expect(lines[1]).toContain('does not deliver: src/a.ts:9 promise-all');
  });

  it('claims no share when there was nothing to rewrite', () => {
    expect(deliveryLines(migrateReport([]))).toEqual([expect.stringContaining('no rewrites')]);
  });
});
