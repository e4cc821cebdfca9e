import { describe, expect, it } from 'vitest';

import { promiseCombinatorOf } from '../src/lib/syntax.js';
import type { AnalysisContext, Finding } from '../src/lib/types.js';
import { noOrphanedFanOut } from '../src/rules/no-orphaned-fan-out/detector.js';
import { noUncancelledRace } from '../src/rules/no-uncancelled-race/detector.js';
import { timeoutRace } from '../src/rules/no-uncancelled-race/timeout.js';
import { contextFor, findingsOf, firstCall, migrateFindings } from './typed-context.js';

const findings = (context: AnalysisContext): Finding[] => findingsOf(noUncancelledRace, context, {});
const migrate = (context: AnalysisContext): string => migrateFindings(context, findings(context));

const firstRace = (context: AnalysisContext) => firstCall(context.sourceFile, (call) => promiseCombinatorOf(call) === 'race');

const prelude = 'declare function get(url: string, init?: { signal?: AbortSignal }): Promise<string>;\n';

describe('no-uncancelled-race: what the codemod gets', () => {
  const timer = "new Promise<never>((_, reject) => setTimeout(() => reject(new Error('t')), ms))";
  // `outer`: the signal in scope, whose own deadline's TimeoutError passes through unchanged.
  const keepError = (error: string, name = 'error', outer?: string) =>
    `.catch((${name}: unknown) => {\n    throw ${name} instanceof TimeoutError${outer === undefined ? '' : ` && !${outer}.aborted`} ? ${error} : ${name};\n  })`;

  it('rewrites a timeout race to withTimeout, the signal threaded into the work and the timer\'s own error kept', () => {
    for (const typed of [true, false]) {
      const context = contextFor(`async function f(ms: number) {\n  return Promise.race([fetch('/a'), ${timer}]);\n}`, typed);
      const [finding] = findings(context);
      expect(finding?.review).toBeUndefined();
      expect(finding?.fixes.map((fix) => [fix.messageId, fix.transform, fix.delivery])).toEqual([['useWithTimeout', 'race', 'all']]);
      expect(migrate(context)).toBe(
        `import { TimeoutError, withTimeout } from 'taskscope';\n\nasync function f(ms: number) {\n  return withTimeout(ms, (signal) => fetch('/a', { signal }))${keepError("new Error('t')")};\n}`,
      );
    }
  });

  it('keeps an error handed to setTimeout, catching under a name that does not hide it', () => {
    const context = contextFor(
      `${prelude}const error = new RangeError('slow');\nexport async function f(ms: number) {\n  return Promise.race([get('/a'), new Promise<never>((_, reject) => setTimeout(reject, ms, error))]);\n}`,
      true,
    );
    expect(migrate(context)).toContain(`  return withTimeout(ms, (signal) => get('/a', { signal }))${keepError('error', 'error2')};\n`);
  });

  it('rewrites a race whose caller inspects the timer\'s error, since that error is what it still gets', () => {
    const context = contextFor(
      `${prelude}async function f() {\n  try {\n    return await Promise.race([get('/a'), new Promise<never>((_, reject) => setTimeout(reject, 10, new Error('slow')))]);\n  } catch (e) {\n    if ((e as Error).message === 'slow') return '';\n    throw e;\n  }\n}`,
      true,
    );
    const [finding] = findings(context);
    expect(finding?.review).toBeUndefined();
    expect(migrate(context)).toContain(
      "    return await withTimeout(10, (signal) => get('/a', { signal })).catch((error: unknown) => {\n      throw error instanceof TimeoutError ? new Error('slow') : error;\n    });\n",
    );
  });

  it('gives the work the task\'s signal in place of the one in scope, which withTimeout follows', () => {
    const context = contextFor(`${prelude}export async function f(ms: number, signal: AbortSignal) {\n  return Promise.race([get('/a', { signal }), ${timer}]);\n}`, true);
    expect(migrate(context)).toContain(
      `  return withTimeout(ms, (taskSignal) => get('/a', { signal: taskSignal }), { signal })${keepError("new Error('t')", 'error', 'signal')};\n`,
    );
  });

  it('lists the names it imports with the other rewrites\' sorted as words, whatever their case', () => {
    const context = contextFor(
      `export async function f(ms: number, urls: string[]) {\n  await Promise.all(urls.map((url) => fetch(url)));\n  return Promise.race([fetch('/a'), ${timer}]);\n}`,
      true,
    );
    const fanOut = findingsOf(noOrphanedFanOut, context, noOrphanedFanOut.defaultOptions);
    expect(fanOut).toHaveLength(1);
    expect(migrateFindings(context, [...fanOut, ...findings(context)])).toMatch(/^import \{ map, TimeoutError, withTimeout \} from 'taskscope';\n/);
  });

  it('marks a timeout race whose work takes no signal, with no fix: no timeout could stop it', () => {
    const reason = 'timeout race: the work takes no AbortSignal, so no timeout can stop it; give it one, then use withTimeout';
    const code = `declare function plain(url: string): Promise<string>;\nexport async function f(ms: number) {\n  return Promise.race([plain('/a'), ${timer}]);\n}`;
    for (const typed of [true, false]) {
      const context = contextFor(code, typed);
      const [finding] = findings(context);
      expect(finding?.messageId).toBe('uncancelledTimeout');
      expect(finding?.fixes).toEqual([]);
      expect(finding?.review).toMatchObject({ transform: 'race', reason });
      expect(migrate(context)).toBe(
        code.replace(
          '  return',
          '  /* taskscope-migrate: timeout race: the work takes no AbortSignal, so no timeout can stop it;\n     give it one, then use withTimeout */\n  return',
        ),
      );
    }
  });

  it('marks a timeout race whose timer\'s error uses the helper\'s parameters, with no fix', () => {
    const code = `${prelude}function timeout(ms: number, message: string) {\n  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(message)), ms));\n}\nexport async function f(ms: number) {\n  return Promise.race([get('/a'), timeout(ms, 'slow')]);\n}`;
    for (const typed of [true, false]) {
      const [finding] = findings(contextFor(code, typed));
      expect(finding?.fixes).toEqual([]);
      expect(finding?.review?.reason).toBe("timeout race: its timer's error can't be kept by withTimeout; keep it by hand");
    }
  });

  it('rewrites another race to race() only when every racer takes the signal', () => {
    for (const typed of [true, false]) {
      const context = contextFor("export async function f() {\n  return Promise.race([fetch('/a'), fetch('/b')]);\n}", typed);
      expect(findings(context).map((f) => [f.messageId, f.review, f.fixes.map((fix) => [fix.messageId, fix.delivery])])).toEqual([
        ['uncancelled', undefined, [['useRace', 'all']]],
      ]);
      expect(migrate(context)).toContain("  return race([(signal) => fetch('/a', { signal }), (signal) => fetch('/b', { signal })]);");
    }
    // race() waits for its aborted losers: one that takes no signal would run to its end first.
    const code = "declare function plain(url: string): Promise<string>;\nexport async function f() {\n  return Promise.race([fetch('/a'), plain('/b')]);\n}";
    for (const typed of [true, false]) {
      const [finding] = findings(contextFor(code, typed));
      expect(finding?.fixes).toEqual([]);
      expect(finding?.review?.reason).toBe('Promise.race: a racer takes no AbortSignal, and race() would wait for it; give each one a signal first');
    }
  });

  it('rewrites a race whose racers pass the signal in scope, giving each the task\'s signal instead', () => {
    const context = contextFor(`${prelude}export async function f(signal: AbortSignal) {\n  return Promise.race([get('/a', { signal }), get('/b', { signal })]);\n}`, true);
    expect(migrate(context)).toContain(
      "  return race([\n    (taskSignal) => get('/a', { signal: taskSignal }),\n    (taskSignal) => get('/b', { signal: taskSignal }),\n  ], { signal });",
    );
  });
});

describe('no-uncancelled-race: every loser must be cancelled', () => {
  const timer = (body: string) => `new Promise<never>((_, reject) => { ${body} })`;
  const cases: [string, string, string | undefined][] = [
    [
      'a cleared timer leaves the work running when it fires',
      `let t: any;\ntry { return await Promise.race([get('/a'), ${timer("t = setTimeout(() => reject(new Error('x')), 5);")}]); } finally { clearTimeout(t); }`,
      'uncancelledTimeout',
    ],
    [
      'an aborted controller leaves the timer running when the work wins',
      `const c = new AbortController();\ntry { return await Promise.race([get('/a', { signal: c.signal }), ${timer("setTimeout(() => reject(new Error('x')), 5);")}]); } finally { c.abort(); }`,
      'uncancelledTimeout',
    ],
    [
      'both cancelled',
      `const c = new AbortController();\nlet t: any;\ntry { return await Promise.race([get('/a', { signal: c.signal }), ${timer("t = setTimeout(() => reject(new Error('x')), 5);")}]); } finally { clearTimeout(t); c.abort(); }`,
      undefined,
    ],
    [
      'a timer that aborts the work when it fires, cleared when the work wins',
      `const c = new AbortController();\nlet t: any;\ntry { return await Promise.race([next(), ${timer("t = setTimeout(() => { c.abort(); reject(new Error('x')); }, 5);")}]); } finally { clearTimeout(t); }`,
      undefined,
    ],
    ['a promise that only waits for an abort event', `return Promise.race([get('/a', { signal: ac.signal }), ${timer("signal.addEventListener('abort', () => reject(signal.reason), { once: true });")}]).finally(() => ac.abort());`, undefined],
    ['an unref()ed timer holds nothing', `const c = new AbortController();\nawait Promise.race([get('/a', { signal: c.signal }), new Promise((r) => setTimeout(r, 5).unref())]);\nc.abort();`, undefined],
    ['a promise that captures its resolver', `const c = new AbortController();\nawait Promise.race([get('/a', { signal: c.signal }), new Promise<void>((r) => { resume = r; })]);\nc.abort();`, undefined],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    const code = `${prelude}declare function next(): Promise<string>;\ndeclare const signal: AbortSignal;\ndeclare const ac: AbortController;\nlet resume: () => void;\nasync function f() {\n${body}\n}`;
    for (const typed of [true, false]) expect(findings(contextFor(code, typed)).map((f) => f.messageId)).toEqual(expected ? [expected] : []);
  });
});

describe('no-uncancelled-race: losers already dealt with, and their counterparts', () => {
  const timer = "new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('slow')), 50); })";
  const connection = 'declare function connect(host: string): { ready(): Promise<void>; close(): void };\n';
  const cases: [string, string, string[]][] = [
    [
      "the caller's work against a timer cleared in finally",
      `export async function within<T>(work: Promise<T>) {\n  let timer: any;\n  try { return await Promise.race([work, ${timer}]); } finally { clearTimeout(timer); }\n}`,
      [],
    ],
    ['the same timer never cleared', `export async function within<T>(work: Promise<T>) {\n  let timer: any;\n  return Promise.race([work, ${timer}]);\n}`, ['uncancelledTimeout']],
    [
      'a connection closed in catch when the timer wins',
      `${connection}export async function open(host: string) {\n  const conn = connect(host);\n  let timer: any;\n  try {\n    await Promise.race([conn.ready(), ${timer}]);\n    return conn;\n  } catch (error) {\n    conn.close();\n    throw error;\n  } finally {\n    clearTimeout(timer);\n  }\n}`,
      [],
    ],
    [
      'the same connection left open',
      `${connection}export async function open(host: string) {\n  const conn = connect(host);\n  let timer: any;\n  try {\n    await Promise.race([conn.ready(), ${timer}]);\n    return conn;\n  } finally {\n    clearTimeout(timer);\n  }\n}`,
      ['uncancelledTimeout'],
    ],
  ];
  it.each(cases)('%s', (_name, code, expected) => {
    for (const typed of [true, false]) expect(findings(contextFor(code, typed)).map((f) => f.messageId), typed ? 'typed' : 'syntactic').toEqual(expected);
  });
});

describe('no-uncancelled-race: racers pushed into a const array are racers', () => {
  const code = (body: string) =>
    `${prelude}export async function f() {\n  const c = new AbortController();\n  let timer: any;\n  const racers = [get('/a', { signal: c.signal })];\n  racers.push(new Promise<never>((_, reject) => { timer = setTimeout(reject, 50); }));\n${body}\n}`;
  const cases: [string, string, string[]][] = [
    ['the work aborted and the pushed timer cleared', 'try { return await Promise.race(racers); } finally { c.abort(); clearTimeout(timer); }', []],
    ['the work aborted, the pushed timer left running', 'try { return await Promise.race(racers); } finally { c.abort(); }', ['uncancelled']],
    ['the pushed timer cleared, the work left running', 'try { return await Promise.race(racers); } finally { clearTimeout(timer); }', ['uncancelled']],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    for (const typed of [true, false]) expect(findings(contextFor(code(body), typed)).map((f) => f.messageId), typed ? 'typed' : 'syntactic').toEqual(expected);
  });
});

describe('no-uncancelled-race: an abort listener held in a variable still waits for that abort', () => {
  // The listener is kept so the `finally` can remove it; the waiter settles only when it runs.
  const code = (work: string) =>
    `export function send(url: string, signal: AbortSignal, other: AbortSignal) {\n  let listener: (() => void) | undefined;\n  return Promise.race([\n    ${work},\n    new Promise<never>((_, reject) => {\n      listener = () => reject(new Error('aborted'));\n      signal.addEventListener('abort', listener);\n    }),\n  ]).finally(() => signal.removeEventListener('abort', listener!));\n}`;
  const cases: [string, string, string[]][] = [
    ['the work is given that signal', 'fetch(url, { signal })', []],
    ['the work is given no signal', 'fetch(url)', ['uncancelled']],
    ['the work is given another signal', 'fetch(url, { signal: other })', ['uncancelled']],
  ];
  it.each(cases)('%s', (_name, work, expected) => {
    for (const typed of [true, false]) expect(findings(contextFor(code(work), typed)).map((f) => f.messageId), typed ? 'typed' : 'syntactic').toEqual(expected);
  });

  it('sees the signal reach work given the object that carries it, held in a const, through a generic parameter', () => {
    const body = [
      'interface Values { signal?: AbortSignal; q: string }',
      'declare function format(values: Values): Promise<Values>;',
      'export class Chain<RunInput> {',
      '  declare run: (values: RunInput) => Promise<string>;',
      '  async call(values: Values) {',
      '    const full = await format(values);',
      '    let listener: (() => void) | undefined;',
      '    return Promise.race([',
      '      this.run(full as RunInput),',
      '      new Promise<never>((_, reject) => {',
      "        listener = () => reject(new Error('aborted'));",
      "        full.signal?.addEventListener('abort', listener);",
      '      }),',
      '    ]);',
      '  }',
      '}',
    ].join('\n');
    for (const typed of [true, false]) expect(findings(contextFor(body, typed)), typed ? 'typed' : 'syntactic').toEqual([]);
  });
});

describe('timeoutRace', () => {
  const helper = (params: string, delay: string): string =>
    `function timeout(${params}) { return new Promise<never>((_, reject) => setTimeout(() => reject(new Error('t')), ${delay})); }\n`;
  const cases: [string, string, string | undefined][] = [
    ['an inline timer', "Promise.race([get('/a'), new Promise((_, reject) => setTimeout(reject, 5))]);", '5'],
    ['a function-expression executor with a block', "Promise.race([get('/a'), new Promise(function (res, rej) { window.setTimeout(function () { rej(new Error('x')); }, 7); })]);", '7'],
    ['a helper with the delay as parameter', `${helper('ms: number', 'ms')}Promise.race([timeout(20 * 2), get('/a')]);`, '20 * 2'],
    ['a helper with a number default', `${helper('ms = 1000', 'ms')}Promise.race([get('/a'), timeout()]);`, '1000'],
    ['a helper with a fixed delay', `${helper('', '300')}Promise.race([get('/a'), timeout()]);`, '300'],
    ['a helper with another default', `${helper('ms = base', 'ms')}Promise.race([get('/a'), timeout()]);`, undefined],
    ['a timer that resolves', "Promise.race([get('/a'), new Promise((resolve) => setTimeout(resolve, 5))]);", undefined],
    ['a delay computed from the executor', "Promise.race([get('/a'), new Promise((_, reject) => setTimeout(reject, reject.length))]);", undefined],
    ['two timers', "Promise.race([new Promise((_, r) => setTimeout(r, 1)), new Promise((_, r) => setTimeout(r, 2))]);", undefined],
    ['three racers', "Promise.race([get('/a'), get('/b'), new Promise((_, r) => setTimeout(r, 1))]);", undefined],
  ];
  it.each(cases)('%s', (_name, body, delay) => {
    for (const typed of [true, false]) {
      const context = contextFor(`${prelude}declare const base: number;\n${body}`, typed);
      expect(timeoutRace(firstRace(context), context)?.delay).toBe(delay);
    }
  });
});

describe('no-uncancelled-race never throws', () => {
  const files: [string, string][] = [
    ['decorators and overloads', '@sealed class A { @log m(): void; m(x?: number) { Promise.race(); } }\ndeclare function f(): void;'],
    ['odd arguments', 'Promise.race(...xs);\nPromise.race([, a(), ...b]);\nPromise.race([a()], extra);\nPromise.race<number>([a()]);'],
    ['odd handles', 'const { signal: { aborted } } = c;\nPromise.race([a(signal), b(this.x[k].signal)]);\nclearTimeout();\nc.abort;'],
    ['deep nesting', `${'(() => '.repeat(200)}Promise.race([a(), b()])${')'.repeat(200)};`],
    ['jsx in js', 'const el = <div onClick={() => Promise.race([a(), new Promise((_, r) => setTimeout(r))])} />;'],
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
