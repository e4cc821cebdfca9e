import { describe, expect, it } from 'vitest';

import type { AnalysisContext, Finding } from '../src/lib/types.js';
import { noUncheckedSettled } from '../src/rules/no-unchecked-settled/detector.js';
import {
  UNCHECKED_SETTLED_REASON,
  allSettledMigration,
  settledCallee,
  settledResultsUse,
} from '../src/rules/no-unchecked-settled/settled.js';
import { contextFor, findingsOf, firstCall, migrateFindings } from './typed-context.js';

const findings = (context: AnalysisContext): Finding[] => findingsOf(noUncheckedSettled, context, {});
const migrate = (context: AnalysisContext): string => migrateFindings(context, findings(context));

const firstSettled = (context: AnalysisContext) => firstCall(context.sourceFile, (call) => settledCallee(call, context) !== undefined);

const prelude = 'declare function load(id: string, signal?: AbortSignal): Promise<string>;\n';

describe('no-unchecked-settled: what the codemod gets', () => {
  it('rewrites Promise.allSettled and marks it when the results are never checked', () => {
    for (const typed of [true, false]) {
      const context = contextFor(`${prelude}async function f() {\n  await Promise.allSettled([load('a'), load('b')]);\n}`, typed);
      const [finding] = findings(context);
      expect(finding?.review).toMatchObject({ transform: 'all-settled', reason: UNCHECKED_SETTLED_REASON });
      expect(finding?.fixes.map((fix) => fix.transform)).toEqual(['all-settled']);
      expect(migrate(context)).toBe(
        `import { allSettled } from 'taskscope';\n\n${prelude}async function f() {\n  /* taskscope-migrate: ${UNCHECKED_SETTLED_REASON} */\n  await allSettled([(signal) => load('a', signal), (signal) => load('b', signal)]);\n}`,
      );
    }
  });

  it('rewrites an examined Promise.allSettled without a review only when asked (the codemod does, the rule does not)', () => {
    const examined = `${prelude}async function f() {\n  const rs = await Promise.allSettled([load('a'), load('b')]);\n  return rs.filter((r) => r.status === 'rejected');\n}`;
    for (const typed of [true, false]) {
      const context = contextFor(examined, typed);
      expect(findings(context)).toEqual([]);
      const asked = findingsOf(noUncheckedSettled, context, { rewriteChecked: true });
      expect(asked.map((f) => [f.messageId, f.review, f.fixes.map((fix) => fix.transform)])).toEqual([['unchecked', undefined, ['all-settled']]]);
      expect(migrateFindings(context, asked)).toContain("const rs = await allSettled([\n    (signal) => load('a', signal),\n    (signal) => load('b', signal),\n  ]);");
    }
    // An examined taskscope allSettled has nothing to rewrite: no finding, so no marker either.
    const own = contextFor(`import { allSettled } from 'taskscope';\n${prelude}const rs = await allSettled([(signal) => load('a', signal)]);\nconsole.log(rs[0]?.status === 'rejected');`, false);
    expect(findingsOf(noUncheckedSettled, own, { rewriteChecked: true })).toEqual([]);
  });

  it('offers no rewrite where no task takes a signal, and keeps the marker about the results', () => {
    const code = "declare function notify(id: string): Promise<string>;\nasync function f() {\n  await Promise.allSettled([notify('a'), notify('b')]);\n}";
    for (const typed of [true, false]) {
      const context = contextFor(code, typed);
      expect(findings(context).map((f) => [f.messageId, f.fixes, f.review?.reason])).toEqual([['discarded', [], UNCHECKED_SETTLED_REASON]]);
      expect(migrate(context)).toBe(code.replace('  await', `  /* taskscope-migrate: ${UNCHECKED_SETTLED_REASON} */\n  await`));
    }
    // A checked site, which is reported only for the codemod to rewrite, has nothing to rewrite.
    const checked = code.replace('await Promise', 'const rs = await Promise').replace(');\n}', ");\n  return rs.filter((r) => r.status === 'rejected');\n}");
    for (const typed of [true, false]) expect(findingsOf(noUncheckedSettled, contextFor(checked, typed), { rewriteChecked: true })).toEqual([]);
  });

  it("only marks taskscope's allSettled", () => {
    const code = `import { allSettled } from 'taskscope';\n${prelude}declare const tasks: ((signal: AbortSignal) => Promise<string>)[];\nconst rs = await allSettled(tasks);\nconsole.log(rs.length);`;
    const context = contextFor(code, false);
    expect(findings(context).map((f) => [f.messageId, f.fixes.length, f.review?.transform])).toEqual([['unchecked', 0, 'all-settled']]);
    expect(migrate(context)).toBe(code.replace('const rs', `/* taskscope-migrate: ${UNCHECKED_SETTLED_REASON} */\nconst rs`));
  });

  it('offers the migration of a checked site without a review, for the codemod to rewrite every Promise.allSettled', () => {
    const context = contextFor(`${prelude}const rs = await Promise.allSettled([load('a')]);\nif (rs[0]?.status === 'rejected') throw rs[0].reason;`, true);
    expect(findings(context)).toEqual([]);
    const call = firstSettled(context);
    const use = settledResultsUse(call, context);
    expect(use).toBe('examined');
    const migration = allSettledMigration(call, 'Promise', use, context);
    expect(migration.review).toBeUndefined();
    expect(migration.fixes.map((fix) => fix.transform)).toEqual(['all-settled']);
  });
});

describe('no-unchecked-settled: nothing is lost where no entry can reject', () => {
  const cases: [string, string, string[]][] = [
    ['every entry handled with .catch', "await Promise.allSettled([load('a').catch(() => null), load('b').catch(() => null)]);", []],
    ['one entry left unhandled', "await Promise.allSettled([load('a').catch(() => null), load('b')]);", ['discarded']],
    ['a handler that throws again', "await Promise.allSettled([load('a').catch((e) => { throw new Error('load failed', { cause: e }); })]);", ['discarded']],
    ['a callback that catches everything', 'await Promise.allSettled(ids.map(async (id) => {\n  try { await load(id); } catch (e) { console.error(e); }\n}));', []],
    ['a callback whose catch rethrows', 'await Promise.allSettled(ids.map(async (id) => {\n  try { await load(id); } catch (e) { console.error(e); throw e; }\n}));', ['discarded']],
    ['a callback that returns its work from the try unawaited', 'await Promise.allSettled(ids.map(async (id) => {\n  try { return load(id); } catch (e) { console.error(e); }\n}));', ['discarded']],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    for (const typed of [true, false]) {
      const context = contextFor(`${prelude}declare const ids: string[];\nasync function f() {\n${body}\n}`, typed);
      expect(findings(context).map((f) => f.messageId), typed ? 'typed' : 'syntactic').toEqual(expected);
    }
  });
});

describe('no-unchecked-settled in test files', () => {
  const code = `${prelude}it('loads', async () => {\n  await Promise.allSettled([load('a'), load('b')]);\n});\ndeclare function it(name: string, body: () => Promise<void>): void;`;
  it('is quiet by default: a failure that matters fails the test', () => {
    for (const typed of [true, false]) expect(findings(contextFor(code, typed, 'case.spec.ts'))).toEqual([]);
  });
  it('reports with checkTestFiles', () => {
    for (const typed of [true, false]) {
      expect(findingsOf(noUncheckedSettled, contextFor(code, typed, 'case.spec.ts'), { checkTestFiles: true }).map((f) => f.messageId)).toEqual(['discarded']);
    }
  });
});

describe('settledResultsUse', () => {
  const cases: [string, string, 'examined' | 'unchecked' | 'discarded'][] = [
    ['a statement', "Promise.allSettled([load('a')]);", 'discarded'],
    ['awaited as a statement', "await Promise.allSettled([load('a')]);", 'discarded'],
    ['void', "void Promise.allSettled([load('a')]);", 'discarded'],
    ['a never-read variable', "const rs = await Promise.allSettled([load('a')]);", 'unchecked'],
    ['a named then handler', "Promise.allSettled([load('a')]).then(console.log);", 'examined'],
    ['then without a handler, then awaited', "const rs = await Promise.allSettled([load('a')]).then();\nrs.forEach((r) => r.reason);", 'examined'],
    ['a status switch without rejected', "for (const r of await Promise.allSettled([load('a')])) switch (r.status) { case 'fulfilled': }", 'unchecked'],
    ['a rest element', "const [first, ...rest] = await Promise.allSettled([load('a'), load('b')]);\nreport(first);\nrest.length;", 'unchecked'],
    ['find of a rejected entry', "const rs = await Promise.allSettled([load('a')]);\nconst bad = rs.find((r) => r.status === 'rejected');", 'examined'],
    ['at(0).reason', "const rs = await Promise.allSettled([load('a')]);\nconsole.log(rs.at(0)?.reason);", 'examined'],
    ['index then value', "const rs = await Promise.allSettled([load('a')]);\nconst v = rs[0]!.status === 'fulfilled' ? 1 : 0;", 'unchecked'],
    ['a sorted copy examined', "const rs = await Promise.allSettled([load('a')]);\nrs.slice().forEach((r) => r.status !== 'fulfilled' && report(r));", 'examined'],
    ['a fulfilled-only filter handed on', "const rs = await Promise.allSettled([load('a')]);\nreport(rs.filter((r) => r.status === 'fulfilled'));", 'unchecked'],
    ['a filter that keeps rejections, handed on', "const rs = await Promise.allSettled([load('a')]);\nreport(rs.filter((_, i) => i > 0));", 'examined'],
    ['`??` passes the value on', "const rs = (await Promise.allSettled([load('a')])) ?? [];\nreport(rs);", 'examined'],
    ['a truthiness test only', "const rs = await Promise.allSettled([load('a')]);\nif (rs) console.log('done');", 'unchecked'],
    ['an assignment cycle ends', "let a;\nlet b;\na = await Promise.allSettled([load('a')]);\nb = a;\na = b;", 'unchecked'],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    for (const typed of [true, false]) {
      const context = contextFor(`${prelude}declare function report(x: unknown): void;\n${body}`, typed);
      expect(settledResultsUse(firstSettled(context), context), typed ? 'typed' : 'syntactic').toBe(expected);
    }
  });
});

describe('no-unchecked-settled never throws', () => {
  const files: [string, string][] = [
    ['decorators and overloads', '@sealed class A { @log m(): void; m(x?: number) { Promise.allSettled(); } }\ndeclare function f(): void;'],
    ['no arguments and spreads', 'Promise.allSettled();\nPromise.allSettled(...xs).then(([a, , ...b]) => b);\nconst { x } = await Promise.allSettled(y);'],
    ['odd bindings', 'for (r of await Promise.allSettled(xs)) r.status;\nfor (const [k, v] of await Promise.allSettled(xs)) v;\nlet [{ status: s = 1 }] = await Promise.allSettled(xs); s === "rejected";'],
    ['deep nesting', `${'(() => '.repeat(200)}Promise.allSettled([a()])${')'.repeat(200)};`],
    ['jsx in js', 'const el = <div onClick={async () => { const r = await Promise.allSettled([a()]); r.map((x) => <b>{x.status}</b>); }} />;'],
  ];
  it.each(files)('%s', (_name, code) => {
    for (const [typed, fileName] of [
      [true, 'case.tsx'],
      [false, 'case.tsx'],
      [false, 'case.js'],
    ] as const) {
      expect(() => findings(contextFor(code, typed, fileName))).not.toThrow();
    }
  });
});
