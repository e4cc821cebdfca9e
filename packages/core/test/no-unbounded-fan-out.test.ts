import { describe, expect, it } from 'vitest';

import type { AnalysisContext } from '../src/lib/types.js';
import { noUnboundedFanOut } from '../src/rules/no-unbounded-fan-out/detector.js';
import { contextFor, findingsOf } from './typed-context.js';

const prelude = 'declare function send(url: string, init?: { signal?: AbortSignal }): Promise<string>;\ndeclare const urls: string[];\n';
const unbounded = (context: AnalysisContext) => findingsOf(noUnboundedFanOut, context, noUnboundedFanOut.defaultOptions);

/** Whether the code, in an async function after the prelude, is reported: the same typed and syntactic. */
function reported(body: string): boolean[] {
  return [true, false].map((typed) => unbounded(contextFor(`${prelude}async function f() {\n${body}\n}`, typed)).length > 0);
}

describe('no-unbounded-fan-out: known sizes', () => {
  const cases: [string, string, boolean][] = [
    ['a length of arithmetic on a const', "const MAX = 10;\nawait Promise.allSettled(Array.from({ length: MAX + 1 }, () => send('/a')));", false],
    ['a length of arithmetic on a collection size', "const MAX = 10;\nawait Promise.allSettled(Array.from({ length: MAX + urls.length }, () => send('/a')));", true],
    ['slice bounds of arithmetic on consts', 'const PAGE = 5;\nawait Promise.allSettled(urls.slice(PAGE, PAGE * 2).map((u) => send(u)));', false],
    ['an empty const pushed into in a loop', 'const picked: string[] = [];\nfor (const u of urls) picked.push(u);\nawait Promise.allSettled(picked.map((u) => send(u)));', true],
    ['an empty const pushed into a known number of times', "const picked: string[] = [];\npicked.push('/a');\npicked.push('/b');\nawait Promise.allSettled(picked.map((u) => send(u)));", false],
    ['a const literal pushed a spread into', "const picked = ['/a'];\npicked.push(...urls);\nawait Promise.allSettled(picked.map((u) => send(u)));", true],
  ];
  it.each(cases)('%s', (_name, body, expected) => {
    expect(reported(body)).toEqual([expected, expected]);
  });
});

describe('no-unbounded-fan-out: work per item', () => {
  it('is not asked of an async method that never suspends', () => {
    const store = (method: string) =>
      `class Store {\n  m = new Map<string, string>();\n  async lookup(k: string) { return this.m.get(k) ?? ''; }\n  async fetched(k: string) { return send(k); }\n  all() { return Promise.allSettled(urls.map((k) => this.${method}(k))); }\n}`;
    expect(reported(store('lookup'))).toEqual([false, false]);
    expect(reported(store('fetched'))).toEqual([true, true]);
  });
});
