import { describe, expect, it } from 'vitest';

import type { AnalysisContext } from '../src/lib/types.js';
import { noOrphanedFanOut } from '../src/rules/no-orphaned-fan-out/detector.js';
import { noUnboundedFanOut } from '../src/rules/no-unbounded-fan-out/detector.js';
import { contextFor, findingsOf, migrateFindings } from './typed-context.js';

const prelude = 'declare function get(url: string, init?: { signal?: AbortSignal }): Promise<string>;\ndeclare const urls: string[] | undefined;\n';
const orphaned = (context: AnalysisContext) => findingsOf(noOrphanedFanOut, context, { allow: [] });
const unbounded = (context: AnalysisContext) => findingsOf(noUnboundedFanOut, context, { defaultConcurrency: 4 });

/** The code in an async function after the prelude, typed and syntactic. */
function each(body: string, check: (context: AnalysisContext, typed: boolean) => void): void {
  for (const typed of [true, false]) check(contextFor(`${prelude}async function f() {\n${body}\n}`, typed), typed);
}

describe('no-orphaned-fan-out: the tasks behind a name or a fallback', () => {
  const cases: [string, string, boolean][] = [
    ['an array held in a const', "const tasks = [get('/a'), get('/b')];\nawait Promise.all(tasks);", true],
    ['a map held in a const', "const tasks = (urls ?? []).map((u) => get(u));\nawait Promise.all(tasks);", true],
    ['work pushed in a loop', "const tasks = [];\nfor (const u of urls ?? []) tasks.push(get(u));\nawait Promise.all(tasks);", true],
    ['work pushed in a forEach callback', "const tasks: Promise<string>[] = [];\n(urls ?? []).forEach((u) => { tasks.push(get(u)); });\nawait Promise.all(tasks);", true],
    ['one push outside a loop', "const tasks = [];\ntasks.push(get('/a'));\nawait Promise.all(tasks);", false],
    ['an optional chain with a fallback', 'await Promise.all(urls?.filter(Boolean).map((u) => get(u)) ?? []);', true],
    ['an optional map with a fallback', 'await Promise.all(urls?.map((u) => get(u)) || []);', true],
    ['a const of inert values', 'const values = [Promise.resolve(1), Promise.resolve(2)];\nawait Promise.all(values);', false],
    ['a let (it may be reassigned)', "let tasks = [get('/a'), get('/b')];\nawait Promise.all(tasks);", false],
    ['a parameter-like name from elsewhere', 'await Promise.all(pending);', false],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(`declare const pending: Promise<string>[];\n${body}`, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
  });
});

describe('no-orphaned-fan-out: rewrites', () => {
  it('turns the elements of the const right before the call into tasks', () => {
    each("const tasks = [get('/a'), get('/b')];\nawait Promise.all(tasks);", (context, typed) => {
      const signal = typed ? ', { signal }' : '';
      expect(migrateFindings(context, orphaned(context))).toContain(
        `const tasks = [(signal) => get('/a'${signal}), (signal) => get('/b'${signal})];\nawait all(tasks);`,
      );
    });
  });

  it('marks a const that is used elsewhere, typed, or declared earlier, instead of moving the work', () => {
    for (const body of [
      "const tasks = [get('/a'), get('/b')];\nawait Promise.all(tasks);\nconsole.log(tasks);",
      "const tasks: Promise<string>[] = [get('/a'), get('/b')];\nawait Promise.all(tasks);",
      "const tasks = [get('/a'), get('/b')];\nawait get('/c');\nawait Promise.all(tasks);",
      'const tasks = [];\nfor (const u of urls ?? []) tasks.push(get(u));\nawait Promise.all(tasks);',
    ]) {
      each(body, (context) => {
        const [finding] = orphaned(context);
        expect(finding?.fixes).toEqual([]);
        expect(finding?.review?.transform).toBe('promise-all');
      });
    }
  });

  it('keeps the fallback when an optional chain becomes the items of map()', () => {
    each('await Promise.all(urls?.filter(Boolean).map((u) => get(u)) ?? []);', (context, typed) => {
      expect(migrateFindings(context, orphaned(context))).toContain(
        `await map(urls?.filter(Boolean) ?? [], (u, signal) => get(u${typed ? ', { signal }' : ''}));`,
      );
    });
    each('await Promise.all(urls?.map((u) => get(u)) ?? []);', (context, typed) => {
      expect(migrateFindings(context, orphaned(context))).toContain(`await map(urls ?? [], (u, signal) => get(u${typed ? ', { signal }' : ''}));`);
    });
  });

  it('sees the same shapes in no-unbounded-fan-out', () => {
    each('await Promise.all(urls?.map((u) => get(u)) ?? []);', (context) => expect(unbounded(context)).toHaveLength(1));
    each('const tasks = (urls ?? []).map((u) => get(u));\nawait Promise.all(tasks);', (context) => {
      const [finding] = unbounded(context);
      expect(finding?.fixes.map((fix) => fix.messageId)).toEqual(['limitConcurrency']);
      expect(migrateFindings(context, [finding!])).toContain('await all(tasks, { concurrency: 4 });');
    });
  });
});
