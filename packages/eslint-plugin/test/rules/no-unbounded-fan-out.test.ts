import rule from '../../src/rules/no-unbounded-fan-out.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

// Costly work (a model call, a callee that takes a signal), a read, and a reporting handler out of sight.
const api = [
  'interface User { id: string; name: string }',
  'declare function callModel(id: string): Promise<User>;',
  'declare function embed(id: string, signal?: AbortSignal): Promise<boolean>;',
  'declare function getUser(id: string): Promise<User>;',
  'declare function report(error: unknown): void;',
  'declare const ids: string[];',
  'declare const users: User[];',
].join('\n');

/** `api` plus the code, which starts on line 8. */
const withApi = (code: string): string => `${api}\n${code}`;
/** The body in an exported async function (its first line is line 9 after `api`). */
const inHandler = (body: string): string => `export async function handle() {\n${body}\n}`;
/** What a suggestion that adds `import { names } from 'taskscope'` to a `withApi` file produces. */
const importing = (names: string, code: string): string => `import { ${names} } from 'taskscope';\n\n${withApi(code)}`;

typedTester.run('no-unbounded-fan-out (typed)', rule, {
  valid: [
    // Not a map, or a map over a collection of known size (allSettled: nothing else would stop the rule).
    withApi(inHandler("return Promise.allSettled([callModel('a'), callModel('b')]);")),
    withApi(inHandler("return Promise.allSettled(['a', 'b'].map((id) => callModel(id)));")),
    withApi(`const fixed = ['a', 'b', 'c'] as const;\n${inHandler('return Promise.allSettled(fixed.map((id) => callModel(id)));')}`),
    withApi(`const few = ['a', 'b'];\n${inHandler('return Promise.allSettled(few.map((id) => callModel(id)));')}`),
    withApi(`declare const pair: [string, string];\n${inHandler('return Promise.allSettled(pair.map((id) => callModel(id)));')}`),
    withApi(inHandler('return Promise.allSettled(ids.slice(0, 5).map((id) => callModel(id)));')),
    withApi(`const LIMITS = { topK: 3 };\n${inHandler('return Promise.allSettled(ids.slice(-LIMITS.topK).map((id) => callModel(id)));')}`),
    withApi(inHandler('return Promise.allSettled(Array.from({ length: 3 }, (_, i) => callModel(String(i))));')),
    withApi(inHandler('return Promise.allSettled(Object.keys({ a: 1, b: 2 }).map((id) => callModel(id)));')),
    withApi(`const MAX = 10;\n${inHandler('return Promise.allSettled(Array.from({ length: MAX + 1 }, (_, i) => callModel(String(i))));')}`),
    // The batches of a batching loop: at most 50 at a time.
    withApi(
      `declare function chunk<T>(items: T[], size: number): T[][];\n${inHandler('for (const batch of chunk(ids, 50)) await Promise.allSettled(batch.map((id) => callModel(id)));')}`,
    ),
    withApi(inHandler('for (let i = 0; i < ids.length; i += 20) await Promise.allSettled(ids.slice(i, i + 20).map((id) => callModel(id)));')),
    // Each task waits for a limiter: p-limit's `limit`, a queue's `add`.
    withApi(
      `declare const limit: <T>(fn: () => Promise<T>) => Promise<T>;\n${inHandler('return Promise.allSettled(ids.map(async (id) => {\n  const user = await limit(() => callModel(id));\n  return user.name;\n}));')}`,
    ),
    withApi(
      `declare const queue: { add<T>(fn: () => Promise<T>): Promise<T> };\n${inHandler('return Promise.allSettled(ids.map(async (id) => {\n  await queue.add(() => callModel(id));\n}));')}`,
    ),
    // A limit is given (or may be, in an options object we can't see into).
    withApi(
      `import { all } from 'taskscope';\n${inHandler('await all(ids.map((id) => (signal: AbortSignal) => embed(id, signal)), { concurrency: 4 });')}`,
    ),
    withApi(
      `import { allSettled, type ScopeOptions } from 'taskscope';\ndeclare const opts: ScopeOptions;\n${inHandler('await allSettled(ids.map((id) => (signal: AbortSignal) => embed(id, signal)), opts);')}`,
    ),
    // The map starts no work, or the combinator is not ours.
    withApi(inHandler('await Promise.allSettled(users.map((u) => u.name));')),
    withApi(inHandler('await Promise.race(ids.map((id) => callModel(id)));')),
    // A local `all` is not taskscope's.
    withApi(`declare function all(xs: unknown[]): Promise<void>;\n${inHandler('await all(ids.map((id) => callModel(id)));')}`),
    // Reads and local work: many at once costs nothing worth limiting.
    withApi(inHandler('return Promise.allSettled(ids.map((id) => getUser(id)));')),
    withApi(`declare function checksum(path: string): Promise<string>;\n${inHandler('return Promise.allSettled(ids.map((id) => checksum(id)));')}`),
    // Releases and notifications: every one should run, and should not wait for the others.
    withApi(
      `class Connection {\n  constructor(private url: string) {}\n  async close() { await fetch(this.url, { method: 'DELETE' }); }\n}\ndeclare const conns: Connection[];\n${inHandler('return Promise.allSettled(conns.map((c) => c.close()));')}`,
    ),
    withApi(
      `class Alerting {\n  async handleError(error: unknown) { await callModel(String(error)); }\n}\ndeclare const handlers: Alerting[];\n${inHandler('await Promise.all(handlers.map((h) => h.handleError(new Error("down")).catch(report)));')}`,
    ),
    // One site, one finding: no-orphaned-fan-out reports these, with both problems.
    withApi(inHandler('await Promise.all(ids.map((id) => callModel(id)));')),
    withApi(inHandler('await Promise.any(ids.map(async (id) => callModel(id)));')),
    // A test: its collections are fixtures.
    { code: withApi(inHandler('return Promise.allSettled(ids.map((id) => callModel(id)));')), filename: 'fan-out.spec.ts' },
    { code: withApi("await Promise.all(['a', 'b'].filter(Boolean).map((id) => embed(id).catch(report)));\nexport {};"), filename: 'react.tsx' },
    {
      code: "const urls = ['/a', '/b'];\nexport const pages = () => Promise.allSettled(urls.map((url) => fetch(url)));",
      filename: 'file.js',
    },
  ],
  invalid: [
    {
      // A const filled in a loop has as many items as the loop runs; allSettled keeps its result shape.
      code: withApi(
        inHandler('const picked: string[] = [];\nfor (const id of ids) picked.push(id);\nreturn Promise.allSettled(picked.map((id) => embed(id)));'),
      ),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.allSettled', items: 'picked' },
          line: 11,
          column: 8,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'allSettled', concurrency: '8' },
              output: importing(
                'allSettled',
                inHandler(
                  'const picked: string[] = [];\nfor (const id of ids) picked.push(id);\nreturn allSettled(\n  picked.map((id) => (signal: AbortSignal) => embed(id, signal)),\n  { concurrency: 8 },\n);',
                ),
              ),
            },
          ],
        },
      ],
    },
    {
      // Tasks that cannot reject orphan nothing, but still all start at once: this rule's, not no-orphaned-fan-out's.
      code: withApi(inHandler('const flags = await Promise.all(ids.map((id) => embed(id).catch(() => false)));')),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.all', items: 'ids' },
          line: 9,
          column: 21,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'map', concurrency: '8' },
              output: importing('map', inHandler('const flags = await map(\n  ids,\n  (id, signal) => embed(id, signal).catch(() => false),\n  { concurrency: 8 },\n);')),
            },
          ],
        },
      ],
    },
    {
      // A cast around the map hides nothing; map() gives the result its type.
      code: withApi(inHandler('await Promise.all(ids.map((id) => embed(id).catch(report)) as Promise<unknown>[]);')),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing('map', inHandler('await map(ids, (id, signal) => embed(id, signal).catch(report), { concurrency: 8 });')),
            },
          ],
        },
      ],
    },
    {
      // A callback that catches everything.
      code: withApi(inHandler('await Promise.all(users.map(async (user) => {\n  try {\n    await embed(user.id);\n  } catch (error) {\n    report(error);\n  }\n}));')),
      options: [{ defaultConcurrency: 4 }],
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'map', concurrency: '4' },
              output: importing(
                'map',
                inHandler('await map(users, async (user, signal) => {\n  try {\n    await embed(user.id, signal);\n  } catch (error) {\n    report(error);\n  }\n}, { concurrency: 4 });'),
              ),
            },
          ],
        },
      ],
    },
    {
      // Taskscope's own combinators get the option added.
      code: withApi(`import { all } from 'taskscope';\n${inHandler('await all(ids.map((id) => (signal: AbortSignal) => embed(id, signal)));')}`),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'all', items: 'ids' },
          line: 10,
          column: 7,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'all', concurrency: '8' },
              output: withApi(
                `import { all } from 'taskscope';\n${inHandler('await all(ids.map((id) => (signal: AbortSignal) => embed(id, signal)), { concurrency: 8 });')}`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(
        "import { allSettled } from 'taskscope';\nexport async function f(signal: AbortSignal) {\n  return allSettled(ids.map((id) => (s: AbortSignal) => embed(id, s)), { signal });\n}",
      ),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 10,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: withApi(
                "import { allSettled } from 'taskscope';\nexport async function f(signal: AbortSignal) {\n  return allSettled(ids.map((id) => (s: AbortSignal) => embed(id, s)), { signal, concurrency: 8 });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(`import * as task from 'taskscope';\n${inHandler('await task.all(users.map((u) => () => callModel(u.id)), {});')}`),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'all', items: 'users' },
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: withApi(`import * as task from 'taskscope';\n${inHandler('await task.all(users.map((u) => () => callModel(u.id)), { concurrency: 8 });')}`),
            },
          ],
        },
      ],
    },
    {
      // The work passes the outer `signal`: the task's own (linked to it) replaces it, and the outer one goes to allSettled.
      code: withApi('export async function refresh(signal: AbortSignal) {\n  return Promise.allSettled(ids.map((id) => embed(id, signal)));\n}'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                'export async function refresh(signal: AbortSignal) {\n  return allSettled(\n    ids.map((id) => (taskSignal: AbortSignal) => embed(id, taskSignal)),\n    { concurrency: 8, signal },\n  );\n}',
              ),
            },
          ],
        },
      ],
    },
    {
      // A slice of unknown length, a `let`, a spread and a filter of an unknown collection are all unbounded.
      code: withApi('export const first = (n: number) => Promise.allSettled(ids.slice(0, n).map((id) => callModel(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.allSettled', items: 'ids.slice(0, n)' },
          line: 8,
          column: 37,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                'export const first = (n: number) => allSettled(\n  ids.slice(0, n).map((id) => (signal: AbortSignal) => callModel(id)),\n  { concurrency: 8 },\n);',
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(inHandler("let some = ['a'];\nsome = ids;\nreturn Promise.allSettled(some.map((id) => callModel(id)));")),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 11,
          column: 8,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                inHandler("let some = ['a'];\nsome = ids;\nreturn allSettled(some.map((id) => (signal: AbortSignal) => callModel(id)), { concurrency: 8 });"),
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(inHandler("return Promise.allSettled([...ids, 'x'].filter(Boolean).map((id) => callModel(id)));")),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 8,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                inHandler("return allSettled(\n  [...ids, 'x'].filter(Boolean).map((id) => (signal: AbortSignal) => callModel(id)),\n  { concurrency: 8 },\n);"),
              ),
            },
          ],
        },
      ],
    },
    {
      // A parameter shadowing a bounded const is unbounded.
      code: withApi("const list = ['a'];\nexport const f = (list: string[]) => Promise.allSettled(list.map((id) => callModel(id)));"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 38,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                "const list = ['a'];\nexport const f = (list: string[]) => allSettled(\n  list.map((id) => (signal: AbortSignal) => callModel(id)),\n  { concurrency: 8 },\n);",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(inHandler('await Promise.all(Array.from(new Set(ids), (id) => callModel(id).catch(report)));')),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.all', items: 'new Set(ids)' },
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing('map', inHandler('await map(new Set(ids), (id, signal) => callModel(id).catch(report), { concurrency: 8 });')),
            },
          ],
        },
      ],
    },
    {
      // A named callback that takes a second parameter can't be wrapped: no suggestion.
      code: withApi(`declare function put(id: string, i: number): Promise<void>;\n${inHandler('return Promise.allSettled(ids.map(put));')}`),
      errors: [{ messageId: 'unboundedFanOut', line: 10, column: 8, suggestions: [] }],
    },
    {
      filename: 'react.tsx',
      code: withApi(
        'export const Names = () => {\n  const refresh = () => Promise.allSettled(users.map((u) => callModel(u.id)));\n  return <ul onClick={refresh} />;\n};\ndeclare global { namespace JSX { interface IntrinsicElements { ul: { onClick?: () => unknown } } } }',
      ),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 9,
          column: 25,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'allSettled',
                'export const Names = () => {\n  const refresh = () => allSettled(\n    users.map((u) => (signal: AbortSignal) => callModel(u.id)),\n    { concurrency: 8 },\n  );\n  return <ul onClick={refresh} />;\n};\ndeclare global { namespace JSX { interface IntrinsicElements { ul: { onClick?: () => unknown } } } }',
              ),
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: "async function save(row) { return fetch('/rows', { method: 'POST', body: row }); }\nexport const saveAll = (rows) => Promise.allSettled(rows.map(save));",
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 34,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { allSettled } from 'taskscope';\n\nasync function save(row) { return fetch('/rows', { method: 'POST', body: row }); }\nexport const saveAll = (rows) => allSettled(\n  rows.map((item) => (signal) => save(item)),\n  { concurrency: 8 },\n);",
            },
          ],
        },
      ],
    },
  ],
});

syntacticTester.run('no-unbounded-fan-out (syntactic)', rule, {
  valid: [
    // A const literal found by name in an enclosing block; a map that starts nothing.
    "const urls = ['/a', '/b'];\nexport const pages = () => Promise.allSettled(urls.map((url) => fetch(url)));",
    'export const ids = (rows: { id: string }[]) => Promise.allSettled(rows.map((row) => row.id));',
    // Options we can't see into are trusted without types.
    "import { all } from 'taskscope';\nexport const f = (rows: string[], opts: {}) => all(rows.map((r) => () => fetch(r)), opts);",
  ],
  invalid: [
    {
      // Without types the nearest binding decides: here a parameter, not the outer const.
      code: "const urls = ['/a'];\nexport function pages(urls: string[]) {\n  return Promise.allSettled(urls.map((url) => fetch(url)));\n}",
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { allSettled } from 'taskscope';\n\nconst urls = ['/a'];\nexport function pages(urls: string[]) {\n  return allSettled(\n    urls.map((url) => (signal: AbortSignal) => fetch(url, { signal })),\n    { concurrency: 8 },\n  );\n}",
            },
          ],
        },
      ],
    },
    {
      // Without types a named callback is presumed to start work, but its arity is unknown: no suggestion.
      code: 'declare function save(row: string): Promise<void>;\nexport const saveAll = (rows: string[]) => Promise.allSettled(rows.map(save));',
      errors: [{ messageId: 'unboundedFanOut', line: 2, column: 44, suggestions: [] }],
    },
  ],
});

espreeTester.run('no-unbounded-fan-out (espree)', rule, {
  valid: [
    'export const f = () => Promise.allSettled([1, 2].map(async (n) => fetch(`/${n}`)));',
    'export const f = (rows) => Promise.allSettled(rows.slice(0, 10).map((r) => fetch(r)));',
  ],
  invalid: [
    {
      filename: 'file.js',
      code: "export async function texts(urls) {\n  return Promise.all(urls.map((url) => fetch(url).then((r) => r.text()).catch(() => '')));\n}",
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { map } from 'taskscope';\n\nexport async function texts(urls) {\n  return map(\n    urls,\n    (url, signal) => fetch(url, { signal }).then((r) => r.text()).catch(() => ''),\n    { concurrency: 8 },\n  );\n}",
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: "import { all } from 'taskscope';\nexport const run = (jobs) => all(jobs.map((job) => (signal) => job.run(signal)), {\n  signal: AbortSignal.timeout(1000),\n});",
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 30,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { all } from 'taskscope';\nexport const run = (jobs) => all(jobs.map((job) => (signal) => job.run(signal)), {\n  signal: AbortSignal.timeout(1000), concurrency: 8,\n});",
            },
          ],
        },
      ],
    },
  ],
});
