// Shapes the labelled real-code corpus taught the detectors (fixtures/real-corpus/labels.tsv):
// each case is the smallest code that shows one, checked typed and syntactic.
import { describe, expect, it } from 'vitest';

import type { AnalysisContext, Detector } from '../src/lib/types.js';
import { noFloatingPromises } from '../src/rules/no-floating-promises/detector.js';
import { noOrphanedFanOut } from '../src/rules/no-orphaned-fan-out/detector.js';
import { noUnboundedFanOut } from '../src/rules/no-unbounded-fan-out/detector.js';
import { noUncancelledRace } from '../src/rules/no-uncancelled-race/detector.js';
import { noUncheckedSettled } from '../src/rules/no-unchecked-settled/detector.js';
import { requireSignalPropagation } from '../src/rules/require-signal-propagation/detector.js';
import { contextFor, findingsOf } from './typed-context.js';

const prelude = [
  'declare function get(url: string, init?: { signal?: AbortSignal }): Promise<string>;',
  'declare function later(): Promise<void>;',
  'declare const urls: string[];',
  'declare function noop(): void;',
].join('\n');

type Case = [name: string, code: string, reported: boolean];

/** Each case in an async function after the prelude; `modes` says where the answer must hold. */
function check<Options>(detector: Detector<Options>, options: Options, cases: Case[], modes: readonly boolean[] = [true, false]): void {
  it.each(cases)('%s', (_name, code, reported) => {
    for (const typed of modes) {
      const context: AnalysisContext = contextFor(`${prelude}\nasync function f(signal: AbortSignal) {\n${code}\n}`, typed);
      expect(findingsOf(detector, context, options).length > 0, typed ? 'typed' : 'syntactic').toBe(reported);
    }
  });
}

describe('no-floating-promises', () => {
  const strict = { ...noFloatingPromises.defaultOptions, checkHandled: true };
  check(noFloatingPromises, strict, [
    ['a handled call still floats (checkHandled)', 'later().catch(noop);', true],
    ['handling a promise held elsewhere starts nothing', 'const held = later();\nheld.catch(noop);\nawait held;', false],
    ['a handled promise awaited late cannot reject unobserved', 'const beat = later().catch(noop);\nawait get("/a");\nawait beat;', false],
    ['an unhandled one awaited late can', 'const beat = fetch("/beat");\nawait get("/a");\nawait beat;', true],
    ['awaiting a method of the promise itself first', 'const p = later() as Promise<void> & { raw(): Promise<void> };\nawait p.raw();\nawait p;', false],
    ['a resolve-only deferred never rejects', 'let done!: () => void;\nconst closed = new Promise<void>((resolve) => { done = resolve; });\nawait get("/a");\nreturn { closed, done };', false],
  ]);
});

describe('no-orphaned-fan-out', () => {
  check(noOrphanedFanOut, noOrphanedFanOut.defaultOptions, [
    ['tasks that can reject', 'await Promise.all(urls.map((u) => fetch(u)));', true],
    ['every task handles its rejection', 'await Promise.all(urls.map((u) => fetch(u).catch(noop)));', false],
    ['a callback that catches everything', 'await Promise.all(urls.map(async (u) => {\n  const url = u.trim();\n  try { return await fetch(url); } catch { return ""; }\n}));', false],
    ['a callback whose catch rethrows', 'await Promise.all(urls.map(async (u) => {\n  try { return await fetch(u); } catch (e) { throw e; }\n}));', true],
    ['Promise.any ends at the first that fulfils, handled or not', 'await Promise.any(urls.map((u) => fetch(u).catch(noop)));', true],
    ['an awaited call in an expression body', 'await Promise.all(urls.map(async (u) => await fetch(u)));', true],
  ]);
  it('does not count methods that hand out a promise the object holds as work', () => {
    const code = `${prelude}\nclass Call {\n  constructor(private response: Promise<string>) {}\n  parse() { return this.response.then((r) => r.trim()); }\n  raw() { return this.response; }\n  summarize() { return fetch('/summary'); }\n  async both() { return Promise.all([this.parse(), this.raw()]); }\n  async work() { return Promise.all([this.parse(), this.summarize(), fetch('/b')]); }\n}`;
    for (const typed of [true, false]) {
      const lines = findingsOf(noOrphanedFanOut, contextFor(code, typed), noOrphanedFanOut.defaultOptions).map((f) => f.node.getSourceFile().getLineAndCharacterOfPosition(f.node.getStart()).line);
      expect(lines).toEqual([10]);
    }
  });
});

describe('no-unbounded-fan-out', () => {
  check(noUnboundedFanOut, noUnboundedFanOut.defaultOptions, [
    ['a collection of unknown size', 'await Promise.allSettled(urls.map((u) => fetch(u)));', true],
    ['sliced to a const', 'const MAX = 5;\nawait Promise.allSettled(urls.slice(0, MAX).map((u) => fetch(u)));', false],
    ['a pool sized by Math.min with a const', 'const POOL = 8;\nawait Promise.allSettled(Array.from({ length: Math.min(POOL, urls.length) }, async () => { while (urls.length) await fetch(urls.pop()!); }));', false],
    ['workers draining a queue, however many', 'const jobs = urls.length;\nawait Promise.allSettled(Array.from({ length: jobs }, (_, i) => i).map(async () => { while (urls.length) await fetch(urls.pop()!); }));', false],
    ['one task per item of a length', 'await Promise.allSettled(Array.from({ length: urls.length }, (_, i) => fetch(urls[i]!)));', true],
  ]);
});

describe('no-uncancelled-race', () => {
  check(noUncancelledRace, {}, [
    ['a merge loop races the losers again', 'const tasks = new Map(urls.map((u) => [u, get(u)] as const));\nwhile (tasks.size) {\n  const winner = await Promise.race(tasks.values());\n  tasks.delete(winner);\n}', false],
    ['each racer released in a loop after', 'const subs = urls.map((u) => ({ promise: get(u), unsubscribe: noop }));\ntry { await Promise.race(subs.map((s) => s.promise)); } finally { for (const s of subs) s.unsubscribe(); }', false],
    ['each racer released through forEach', 'const subs = urls.map((u) => get(u));\ntry { await Promise.race(subs); } finally { subs.forEach(({ unsubscribe }: any) => unsubscribe()); }', false],
    ['what the work runs on handed to a dispose helper', 'const sibling = {};\nconst work = negotiate({ transport: sibling });\ntry { await Promise.race([work, new Promise<void>((r) => { void r; })]); } finally { await disposeSibling(sibling); }\nfunction disposeSibling(_: object) { return Promise.resolve(); }\nfunction negotiate(_: { transport: object }) { return Promise.resolve(); }', false],
    ['the same, never disposed', 'const sibling = {};\nconst work = negotiate({ transport: sibling });\nawait Promise.race([work, get("/b")]);\nfunction negotiate(_: { transport: object }) { return Promise.resolve(); }', true],
    ['a deferred made here and timed out stands for work nobody stops', 'const { promise, resolve } = withResolvers();\nvoid resolve;\nlet t: any;\ntry { await Promise.race([promise, new Promise((_, reject) => { t = setTimeout(reject, 5); })]); } finally { clearTimeout(t); }\nfunction withResolvers(): { promise: Promise<void>; resolve: () => void } { throw 0; }', true],
    ['the same, with the work killed after', 'const exited = new Promise<void>((r) => proc.once("exit", r));\nawait Promise.race([exited, new Promise((r) => setTimeout(r, 5).unref())]);\nproc.kill();\ndeclare const proc: { once(e: string, f: () => void): void; kill(): void };', false],
    ['a promise waiting for an abort, computing its error', 'await Promise.race([later(), new Promise((_, reject) => { if (signal.aborted) reject(toError(signal)); signal.addEventListener("abort", () => reject(toError(signal))); })]).finally(noop);\nfunction toError(s: AbortSignal) { return s.reason; }', true],
    ['the caller’s promise against an abort', 'const caller = Promise.resolve() as Promise<void>;\nawait Promise.race([caller, new Promise((_, reject) => { if (signal.aborted) reject(toError(signal)); signal.addEventListener("abort", () => reject(toError(signal))); })]);\nfunction toError(s: AbortSignal) { return s.reason; }', false],
  ]);
});

describe('no-unchecked-settled', () => {
  check(noUncheckedSettled, {}, [
    ['an else branch that only gives a fallback value', 'const rs = await Promise.allSettled([get("/a"), get("/b")]);\nreturn rs.map((r) => { if (r.status === "fulfilled") { return r.value; } else { return ""; } });', true],
    ['an else branch that does something', 'const rs = await Promise.allSettled([get("/a"), get("/b")]);\nreturn rs.map((r) => { if (r.status === "fulfilled") { return r.value; } else { noop(); return ""; } });', false],
  ]);
});

describe('require-signal-propagation (typed)', () => {
  const typedOnly = [true] as const;
  check(requireSignalPropagation, {}, [
    ['async work without the signal', 'await get("/a");', true],
    ['a synchronous function that takes one is no work', 'merge({});\nfunction merge(o: { signal?: AbortSignal }): object { return o; }', false],
    ['a listener on another target outlives the signal', 'window.addEventListener("resize", noop);', true],
    ['a listener on another signal is plumbing', 'other.addEventListener("abort", noop, { once: true });\ndeclare const other: AbortSignal;', false],
  ], typedOnly);

  it('counts handing on the object the signal comes from', () => {
    const body = (call: string) => `${prelude}\ninterface Init { signal?: AbortSignal; method?: string }\ndeclare function send(url: string, init?: Init): Promise<void>;\nasync function f(init: { signal: AbortSignal; method?: string }) {\n${call}\n}`;
    const count = (call: string) => findingsOf(requireSignalPropagation, contextFor(body(call), true), {}).length;
    expect(count('await send("/a");')).toBe(1);
    expect(count('await send("/a", init);')).toBe(0);
    expect(count('await send("/a", { ...init, method: "GET" });')).toBe(0);
    expect(count('const copy = { method: "GET", ...init };\nawait send("/a", copy);')).toBe(0);
    expect(count('const made = { method: "GET", signal: init.signal };\nawait send("/a", made);')).toBe(0);
    expect(count('const other = { method: "GET" };\nawait send("/a", other);')).toBe(1);
  });

  it('leaves fetch(request) alone: the Request carries its signal', () => {
    const code = `${prelude}\nasync function f(signal: AbortSignal, request: Request) {\n  await fetch(request);\n  await fetch("/a");\n}`;
    expect(findingsOf(requireSignalPropagation, contextFor(code, true), {}).map((f) => f.data?.['callee'])).toEqual(['fetch']);
  });
});

describe('round 2: held-out shapes', () => {
  const strict = { ...noFloatingPromises.defaultOptions, checkHandled: true };
  const typedOnly = [true] as const;
  const thenables = [
    'function makeStream(): PromiseLike<string> & { text: AsyncIterable<string> } { throw 0; }',
    'function makeRunner(): PromiseLike<void> & { runUntilDone(): Promise<void> } { throw 0; }',
  ].join('\n');
  describe('no-floating-promises: a thenable used through its own members', () => {
    check(noFloatingPromises, strict, [
      ['iterating a view of it', `${thenables}\nconst stream = makeStream();\nfor await (const delta of stream.text) noop();`, false],
      ['awaiting a method of it', `${thenables}\nconst runner = makeRunner();\nawait runner.runUntilDone();`, false],
      ['never used', `${thenables}\nconst runner = makeRunner();`, true],
      ['used only after another await', `${thenables}\nconst runner = makeRunner();\nawait later();\nawait runner.runUntilDone();`, true],
    ], typedOnly);
    check(noFloatingPromises, strict, [
      ['a member a promise does not have is a forgotten await', 'const response = fetch("/a");\nconsole.log(response.ok);', true],
    ]);
  });

  it('no-floating-promises: a handled entry point in a module-level block is no floating promise', () => {
    const code = `${prelude}\ndeclare const entry: boolean;\nif (entry) {\n  later().catch(console.error);\n}\nexport function f() {\n  if (entry) {\n    later().catch(console.error);\n  }\n}`;
    for (const typed of [true, false]) {
      const context = contextFor(code, typed);
      const lines = findingsOf(noFloatingPromises, context, strict).map((f) => context.sourceFile.getLineAndCharacterOfPosition(f.node.getStart()).line);
      expect(lines, typed ? 'typed' : 'syntactic').toEqual([10]);
    }
  });

  const waiter = (s: string) => `new Promise<never>((_, reject) => {\n  if (${s}?.aborted) return reject(new Error("aborted"));\n  ${s}?.addEventListener("abort", () => reject(new Error("aborted")));\n})`;
  const aborted = 'function aborted(s?: AbortSignal) {\n  return new Promise<void>((resolve) => {\n    if (!s) return;\n    if (s.aborted) resolve();\n    else s.addEventListener("abort", () => resolve(), { once: true });\n  });\n}';
  describe('no-uncancelled-race: work that loses only to the abort of a signal it was given', () => {
    check(noUncancelledRace, {}, [
      ['given the signal', `await Promise.race([fetch("/a", { signal }), ${waiter('signal')}]);`, false],
      ['given the request init that carries it', `const send = (init?: RequestInit) => Promise.race([fetch("/a", init), ${waiter('init.signal')}]);\nawait send();`, false],
      ['through an alias of the carried signal', `const send = (init: RequestInit) => {\n  const s = init.signal;\n  return Promise.race([fetch("/a", init), ${waiter('s')}]);\n};\nawait send({});`, false],
      ['not given it', `await Promise.race([fetch("/a"), ${waiter('signal')}]);`, true],
      ['given another signal', `const other = new AbortController();\nawait Promise.race([fetch("/a", { signal: other.signal }), ${waiter('signal')}]);`, true],
      ['a third racer can win without an abort', `await Promise.race([fetch("/a", { signal }), ${waiter('signal')}, later()]);`, true],
      ['a waiter that settles on something else too', `let resume = noop;\nawait Promise.race([fetch("/a", { signal }), new Promise<void>((resolve) => {\n  resume = resolve;\n  signal.addEventListener("abort", () => resolve());\n})]);\nresume();`, true],
      ['a same-file helper waiting for it', `${aborted}\nawait Promise.race([fetch("/a", { signal }), aborted(signal)]);`, false],
      ['a same-file helper waiting for another', `${aborted}\nconst other = new AbortController();\nawait Promise.race([fetch("/a", { signal }), aborted(other.signal)]);`, true],
    ]);
  });

  describe('no-uncancelled-race: a bag of values that holds the signal is not given it (typed)', () => {
    const call = 'function call(values: Record<string, unknown>): Promise<void> { void values; return later(); }';
    check(noUncancelledRace, {}, [
      ['a bag of values', `${call}\nconst values: Record<string, unknown> & { signal: AbortSignal } = { signal };\nawait Promise.race([call(values), ${waiter('values.signal')}]);`, true],
      ['an options parameter', `const send = (init: RequestInit) => Promise.race([fetch("/a", init), ${waiter('init.signal')}]);\nawait send({});`, false],
    ], typedOnly);
  });

  describe('no-uncancelled-race: a same-file helper returning a new Promise is that promise', () => {
    check(noUncancelledRace, {}, [
      ['the caller’s promise against a helper that only listens', `${aborted}\nconst wait = (serving: Promise<void>, s?: AbortSignal) => Promise.race([serving, aborted(s)]);\nawait wait(later());`, false],
      ['the caller’s promise against a helper that starts a timer', 'function sleep(ms: number) {\n  return new Promise<void>((resolve) => setTimeout(resolve, ms));\n}\nconst wait = (serving: Promise<void>) => Promise.race([serving, sleep(5)]);\nawait wait(later());', true],
    ]);
  });
});
