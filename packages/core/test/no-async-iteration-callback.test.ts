import { describe, expect, it } from 'vitest';

import { applyEdits } from '../src/lib/edits.js';
import type { Finding } from '../src/lib/types.js';
import { noAsyncIterationCallback } from '../src/rules/no-async-iteration-callback/detector.js';
import { contextFor, findingsOf } from './typed-context.js';

const findings = (code: string, typed: boolean): Finding[] => findingsOf(noAsyncIterationCallback, contextFor(code, typed), {});

const save = 'declare function save(id: string): Promise<void>;\n';
const saveWithSignal = 'declare function store(id: string, signal?: AbortSignal): Promise<void>;\n';

// The codemod marks what it can't rewrite; the rule's tests can't see reviews, so they are checked here.
describe('no-async-iteration-callback reviews', () => {
  it.each([
    ['a sync function', `${save}function f(ids: string[]) { ids.forEach(async (id) => save(id)); }`, 'async forEach callback outside an async function'],
    ['the top level', `${save}declare const ids: string[];\nids.map(async (id) => save(id));`, 'discarded async map outside an async function'],
    ['an expression', `${save}async function f(ids: string[]) { return ids.forEach(async (id) => save(id)); }`, 'async forEach callback inside an expression'],
    ['a thisArg', `${save}async function f(ids: string[]) { ids.forEach(async (id) => save(id), null); }`, 'async forEach callback with a thisArg'],
    ['an optional chain', `${save}async function f(ids?: string[]) { ids?.forEach(async (id) => save(id)); }`, 'async forEach callback on an optional chain'],
    ['a Map', `${save}async function f(ids: Map<string, string>) { ids.forEach(async (id) => save(id)); }`, 'async forEach callback over something other than an array'],
    ['a rest parameter', `${save}async function f(ids: string[]) { ids.forEach(async (...args) => save(args[0])); }`, 'async forEach callback with a rest parameter'],
    ['the array argument', `${save}async function f(ids: string[]) { ids.forEach(async (id, i, all) => save(all[i] ?? id)); }`, 'async forEach callback that uses the array argument'],
    [
      'a reference taking the index',
      'declare function put(id: string, index: number): Promise<void>;\nasync function f(ids: string[]) { ids.forEach(put); }',
      'async forEach callback passed by reference',
    ],
  ])('marks %s for review', (_, code, reason) => {
    const [finding] = findings(code, true);
    expect(finding?.fixes).toEqual([]);
    expect(finding?.review).toMatchObject({ transform: 'async-foreach', reason });
  });

  it('neither fixes nor marks the predicates and reduce, which have no rewrite', () => {
    const found = findings(`${save}async function f(ids: string[]) {\n  ids.filter(async (id) => save(id));\n  ids.reduce(async (a, id) => a, 0);\n}`, false);
    expect(found.map((f) => [f.messageId, f.fixes.length, f.review])).toEqual([
      ['asyncPredicate', 0, undefined],
      ['asyncReducer', 0, undefined],
    ]);
  });

  it('fixes an array forEach whose work takes a signal with the async-foreach transform', () => {
    const code = `${saveWithSignal}async function f(ids: string[]) { ids.forEach(async (id) => store(id)); }`;
    for (const typed of [true, false]) {
      const [finding] = findings(code, typed);
      expect(finding?.fixes).toMatchObject([{ transform: 'async-foreach', imports: ['map'], delivery: 'all' }]);
      expect(finding?.review).toBeUndefined();
      expect(applyEdits(code, finding!.fixes[0]!.edits)).toContain('await map(ids, async (id, signal) => store(id, signal));');
    }
  });

  it('fixes a forEach whose work is given the signal in scope, the task\'s signal in its place', () => {
    const code = `${saveWithSignal}async function f(ids: string[], signal: AbortSignal) {\n  ids.forEach(async (id) => store(id, signal));\n}`;
    for (const typed of [true, false]) {
      const [finding] = findings(code, typed);
      expect(finding?.review).toBeUndefined();
      expect(applyEdits(code, finding!.fixes[0]!.edits)).toContain('  await map(ids, async (id, taskSignal) => store(id, taskSignal), { signal });');
    }
  });

  it.each([
    ['forEach', 'ids.forEach(async (id) => save(id));', 'async forEach callback'],
    ['a discarded map', 'ids.map(async (id) => save(id));', 'discarded async map'],
    ['forEach given a reference', 'ids.forEach(save);', 'async forEach callback'],
  ])('marks %s whose work takes no signal, with no fix: nothing could cancel the iterations', (_, statement, subject) => {
    for (const typed of [true, false]) {
      const [finding] = findings(`${save}async function f(ids: string[]) {\n  ${statement}\n}`, typed);
      if (!typed && statement === 'ids.forEach(save);') {
        // Without types, a reference is not known to be async: no finding.
        expect(finding).toBeUndefined();
        continue;
      }
      expect(finding?.fixes, typed ? 'typed' : 'syntactic').toEqual([]);
      expect(finding?.review).toMatchObject({
        transform: 'async-foreach',
        reason: `${subject} takes no AbortSignal; await the iterations (for…of, or Promise.all over a map) if the caller should wait`,
      });
    }
  });
});

describe('no-async-iteration-callback: callbacks that cannot reject', () => {
  const guarded = 'try { return await save(id); } catch (e) { console.error(e); return undefined; }';
  it.each([
    ['a discarded map that handles each failure', 'ids.map(async (id) => { await save(id).catch(console.error); });', []],
    ['a discarded map whose try returns the work unawaited', 'ids.map(async (id) => { try { return save(id); } catch (e) { console.error(e); } });', ['discardedAsyncMap']],
    ['a predicate still tests a promise', `ids.some(async (id) => { ${guarded} });`, ['asyncPredicate']],
    ['a reducer still gets a promise of the accumulator', `ids.reduce(async (_acc, id) => { ${guarded} }, undefined);`, ['asyncReducer']],
  ])('%s', (_, statement, expected) => {
    for (const typed of [true, false]) {
      const code = `${save}export async function f(ids: string[]) {\n  ${statement}\n}`;
      expect(findings(code, typed).map((f) => f.messageId), typed ? 'typed' : 'syntactic').toEqual(expected);
    }
  });
});
