import rule from '../../src/rules/no-unbounded-fan-out.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

const api = [
  'interface User { id: string; name: string }',
  'declare function getUser(id: string): Promise<User>;',
  'declare function load(id: string, signal?: AbortSignal): Promise<boolean>;',
  'declare const ids: string[];',
  'declare const users: User[];',
].join('\n');

/** `api` plus the code, which starts on line 6. */
const withApi = (code: string): string => `${api}\n${code}`;
/** What a suggestion that adds `import { names } from 'taskscope'` to a `withApi` file produces. */
const importing = (names: string, code: string): string => `import { ${names} } from 'taskscope';\n\n${withApi(code)}`;

typedTester.run('no-unbounded-fan-out (typed)', rule, {
  valid: [
    // Not a map, or a map over a collection of known size.
    withApi("await Promise.all([getUser('a'), getUser('b')]);"),
    withApi("await Promise.all(['a', 'b'].map((id) => getUser(id)));"),
    withApi("const fixed = ['a', 'b', 'c'] as const;\nawait Promise.all(fixed.map((id) => getUser(id)));"),
    withApi("const few = ['a', 'b'];\nawait Promise.all(few.map((id) => getUser(id)));"),
    withApi('declare const pair: [string, string];\nawait Promise.allSettled(pair.map((id) => getUser(id)));'),
    withApi('await Promise.all(ids.slice(0, 5).map((id) => getUser(id)));'),
    withApi('await Promise.any(ids.slice(-3).map((id) => getUser(id)));'),
    withApi('await Promise.all(Array.from({ length: 3 }, (_, i) => getUser(String(i))));'),
    withApi('await Promise.all(Object.keys({ a: 1, b: 2 }).map((id) => getUser(id)));'),
    withApi('const MAX = 10;\nawait Promise.all(Array.from({ length: MAX + 1 }, (_, i) => getUser(String(i))));'),
    // A limit is given (or may be, in an options object we can't see into).
    withApi(
      "import { all } from 'taskscope';\nawait all(ids.map((id) => (signal: AbortSignal) => load(id, signal)), { concurrency: 4 });",
    ),
    withApi(
      "import { allSettled, type ScopeOptions } from 'taskscope';\ndeclare const opts: ScopeOptions;\nawait allSettled(ids.map((id) => (signal: AbortSignal) => load(id, signal)), opts);",
    ),
    // The map starts no work, or the combinator is not ours.
    withApi('await Promise.all(users.map((u) => u.name));'),
    withApi('await Promise.race(ids.map((id) => getUser(id)));'),
    // A local `all` is not taskscope's.
    withApi('declare function all(xs: unknown[]): Promise<void>;\nawait all(ids.map((id) => getUser(id)));'),
    { code: withApi("await Promise.all(['a', 'b'].filter(Boolean).map((id) => getUser(id)));"), filename: 'react.tsx' },
    {
      code: "const urls = ['/a', '/b'];\nexport const pages = () => Promise.all(urls.map((url) => fetch(url)));",
      filename: 'file.js',
    },
  ],
  invalid: [
    {
      // A const filled in a loop has as many items as the loop runs.
      code: withApi('const picked: string[] = [];\nfor (const id of ids) picked.push(id);\nawait Promise.all(picked.map((id) => getUser(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 8,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'map',
                'const picked: string[] = [];\nfor (const id of ids) picked.push(id);\nawait map(picked, (id, signal) => getUser(id), { concurrency: 8 });',
              ),
            },
          ],
        },
      ],
    },
    {
      // A cast around the map hides nothing; map() gives the result its type.
      code: withApi('const flags = await Promise.all(ids.map((id) => load(id)) as Promise<boolean>[]);'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.all' },
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'map', concurrency: '8' },
              output: importing('map', 'const flags = await map(ids, (id, signal) => load(id, signal), { concurrency: 8 });'),
            },
          ],
        },
      ],
    },
    {
      code: withApi('const flags = await Promise.all(ids.map((id) => load(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.all' },
          line: 6,
          column: 21,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'map', concurrency: '8' },
              output: importing('map', 'const flags = await map(ids, (id, signal) => load(id, signal), { concurrency: 8 });'),
            },
          ],
        },
      ],
    },
    {
      code: withApi('await Promise.all(users.map(async (user) => {\n  await load(user.id);\n}));'),
      options: [{ defaultConcurrency: 4 }],
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'map', concurrency: '4' },
              output: importing(
                'map',
                'await map(users, async (user, signal) => {\n  await load(user.id, signal);\n}, { concurrency: 4 });',
              ),
            },
          ],
        },
      ],
    },
    {
      // allSettled keeps its result shape: the tasks get the limit, not a `map`.
      code: withApi('const results = await Promise.allSettled(ids.map((id) => load(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'Promise.allSettled' },
          line: 6,
          column: 23,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'allSettled', concurrency: '8' },
              output: importing(
                'allSettled',
                'const results = await allSettled(ids.map((id) => (signal) => load(id, signal)), { concurrency: 8 });',
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi('const first = await Promise.any(ids.map(async (id) => getUser(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 6,
          column: 21,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing('any', 'const first = await any(ids.map((id) => async (signal) => getUser(id)), { concurrency: 8 });'),
            },
          ],
        },
      ],
    },
    {
      // Taskscope's own combinators get the option added.
      code: withApi("import { all } from 'taskscope';\nawait all(ids.map((id) => (signal: AbortSignal) => load(id, signal)));"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'all' },
          line: 7,
          column: 7,
          endColumn: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              data: { name: 'all', concurrency: '8' },
              output: withApi(
                "import { all } from 'taskscope';\nawait all(ids.map((id) => (signal: AbortSignal) => load(id, signal)), { concurrency: 8 });",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(
        "import { allSettled } from 'taskscope';\nexport async function f(signal: AbortSignal) {\n  return allSettled(ids.map((id) => (s: AbortSignal) => load(id, s)), { signal });\n}",
      ),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 8,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: withApi(
                "import { allSettled } from 'taskscope';\nexport async function f(signal: AbortSignal) {\n  return allSettled(ids.map((id) => (s: AbortSignal) => load(id, s)), { signal, concurrency: 8 });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi("import * as task from 'taskscope';\nawait task.all(users.map((u) => () => getUser(u.id)), {});"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          data: { callee: 'all' },
          line: 7,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: withApi(
                "import * as task from 'taskscope';\nawait task.all(users.map((u) => () => getUser(u.id)), { concurrency: 8 });",
              ),
            },
          ],
        },
      ],
    },
    {
      // A slice of unknown length, a `let`, a spread and a filter of an unknown collection are all unbounded.
      code: withApi('export const first = (n: number) => Promise.all(ids.slice(0, n).map((id) => getUser(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 6,
          column: 37,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'map',
                'export const first = (n: number) => map(ids.slice(0, n), (id, signal) => getUser(id), { concurrency: 8 });',
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi("let some = ['a'];\nsome = ids;\nawait Promise.all(some.map((id) => getUser(id)));"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 8,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing('map', "let some = ['a'];\nsome = ids;\nawait map(some, (id, signal) => getUser(id), { concurrency: 8 });"),
            },
          ],
        },
      ],
    },
    {
      code: withApi("await Promise.all([...ids, 'x'].filter(Boolean).map((id) => getUser(id)));"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'map',
                "await map([...ids, 'x'].filter(Boolean), (id, signal) => getUser(id), { concurrency: 8 });",
              ),
            },
          ],
        },
      ],
    },
    {
      // A parameter shadowing a bounded const is unbounded.
      code: withApi("const list = ['a'];\nexport const f = (list: string[]) => Promise.all(list.map((id) => getUser(id)));"),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 7,
          column: 38,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'map',
                "const list = ['a'];\nexport const f = (list: string[]) => map(list, (id, signal) => getUser(id), { concurrency: 8 });",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi('await Promise.all(Array.from(new Set(ids), (id) => getUser(id)));'),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 6,
          column: 7,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing('map', 'await map(new Set(ids), (id, signal) => getUser(id), { concurrency: 8 });'),
            },
          ],
        },
      ],
    },
    {
      // A named callback that takes a second parameter can't be wrapped: no suggestion.
      code: withApi('declare function put(id: string, i: number): Promise<void>;\nawait Promise.all(ids.map(put));'),
      errors: [{ messageId: 'unboundedFanOut', line: 7, column: 7, suggestions: [] }],
    },
    {
      filename: 'react.tsx',
      code: withApi(
        'export const Names = () => {\n  const refresh = () => Promise.all(users.map((u) => getUser(u.id)));\n  return <ul onClick={refresh} />;\n};\ndeclare global { namespace JSX { interface IntrinsicElements { ul: { onClick?: () => unknown } } } }',
      ),
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 7,
          column: 25,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output: importing(
                'map',
                'export const Names = () => {\n  const refresh = () => map(users, (u, signal) => getUser(u.id), { concurrency: 8 });\n  return <ul onClick={refresh} />;\n};\ndeclare global { namespace JSX { interface IntrinsicElements { ul: { onClick?: () => unknown } } } }',
              ),
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: 'async function save(row) { return row; }\nexport const saveAll = (rows) => Promise.all(rows.map(save));',
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 34,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { map } from 'taskscope';\n\nasync function save(row) { return row; }\nexport const saveAll = (rows) => map(rows, (item, signal) => save(item), { concurrency: 8 });",
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
    "const urls = ['/a', '/b'];\nexport const pages = () => Promise.all(urls.map((url) => fetch(url)));",
    'declare const rows: { id: string }[];\nawait Promise.all(rows.map((row) => row.id));',
    // Options we can't see into are trusted without types.
    "import { all } from 'taskscope';\ndeclare const rows: string[], opts: {};\nawait all(rows.map((r) => () => fetch(r)), opts);",
  ],
  invalid: [
    {
      // Without types the nearest binding decides: here a parameter, not the outer const.
      code: "const urls = ['/a'];\nexport function pages(urls: string[]) {\n  return Promise.all(urls.map((url) => fetch(url)));\n}",
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { map } from 'taskscope';\n\nconst urls = ['/a'];\nexport function pages(urls: string[]) {\n  return map(urls, (url, signal) => fetch(url, { signal }), { concurrency: 8 });\n}",
            },
          ],
        },
      ],
    },
    {
      // Without types a named callback is presumed to start work, but its arity is unknown: no suggestion.
      code: 'declare const rows: string[];\ndeclare function save(row: string): Promise<void>;\nawait Promise.all(rows.map(save));',
      errors: [{ messageId: 'unboundedFanOut', line: 3, column: 7, suggestions: [] }],
    },
    {
      filename: 'react.tsx',
      code: 'declare const rows: string[];\nexport const f = () => Promise.allSettled(rows.map((r) => fetch(r)));',
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 24,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { allSettled } from 'taskscope';\n\ndeclare const rows: string[];\nexport const f = () => allSettled(rows.map((r) => (signal) => fetch(r, { signal })), { concurrency: 8 });",
            },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('no-unbounded-fan-out (espree)', rule, {
  valid: ['await Promise.all([1, 2].map(async (n) => fetch(`/${n}`)));', 'await Promise.all(rows.slice(0, 10).map((r) => fetch(r)));'],
  invalid: [
    {
      filename: 'file.js',
      code: 'export async function texts(urls) {\n  return Promise.all(urls.map(async (url) => (await fetch(url)).text()));\n}',
      errors: [
        {
          messageId: 'unboundedFanOut',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'limitConcurrency',
              output:
                "import { map } from 'taskscope';\n\nexport async function texts(urls) {\n  return map(urls, async (url, signal) => (await fetch(url, { signal })).text(), { concurrency: 8 });\n}",
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
