import rule from '../../src/rules/no-orphaned-fan-out.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

const api = [
  'interface User { id: string }',
  'declare function callModel(id: string): Promise<User>;',
  'declare function saveOrders(id: string): Promise<number[]>;',
  'declare function load(id: string, signal?: AbortSignal): Promise<boolean>;',
  'declare function count(): number;',
  'declare const db: { query(sql: string): Promise<unknown>; users: { find(id: string): Promise<User> } };',
  'declare const ids: string[];',
].join('\n');

/** An intrinsic element for the .tsx cases, which have no React types. */
const jsx = (tag: string): string =>
  `declare global { namespace JSX { interface IntrinsicElements { ${tag}: { onClick?: () => unknown } } } }`;

/** `api` plus the code, which starts on line 8. */
const withApi = (code: string): string => `${api}\n${code}`;
/** What a suggestion that adds `import { names } from 'taskscope'` to a `withApi` file produces. */
const importing = (names: string, code: string): string => `import { ${names} } from 'taskscope';\n\n${withApi(code)}`;

typedTester.run('no-orphaned-fan-out (typed)', rule, {
  valid: [
    // One promise and an already settled one: nothing to orphan.
    withApi('async function f() { await Promise.all([callModel("a"), Promise.resolve(1)]); }'),
    // Promises started elsewhere are not counted here.
    withApi('async function f(a: Promise<User>, b: Promise<User>) { return Promise.all([a, b]); }'),
    // With types, a call that returns no promise is no unit of work.
    withApi('async function f() { return Promise.all([count(), callModel("a")]); }'),
    // Already inside a scope: the scope owns and cancels the work.
    withApi(
      "import { scope } from 'taskscope';\nawait scope(async () => Promise.all([callModel('a'), saveOrders('a')]));",
    ),
    withApi("import { all } from 'taskscope';\nawait all([(signal) => Promise.all([callModel('a'), load('b', signal)])]);"),
    withApi(
      "import { scope } from 'taskscope';\nawait scope(async (s) => { s.spawn(() => Promise.all([callModel('a'), saveOrders('a')])); });",
    ),
    // `allow` patterns: `db.*` is one segment, `db.**` any depth.
    {
      code: withApi("await Promise.all([db.query('a'), db.query('b'), callModel('c')]);"),
      options: [{ allow: ['db.*'] }],
    },
    {
      code: withApi("await Promise.all([db.query('a'), db.users.find('b')]);"),
      options: [{ allow: ['db.**'] }],
    },
    { code: withApi('await Promise.all(ids.map((id) => callModel(id)));'), options: [{ allow: ['call*'] }] },
    // A single element, or a map over a one-element literal.
    withApi('await Promise.all([callModel("a")]);'),
    withApi('await Promise.all(["a"].map((id) => callModel(id)));'),
    // Other combinators belong to other rules.
    withApi('await Promise.race([callModel("a"), saveOrders("a")]);'),
    withApi('await Promise.allSettled([callModel("a"), saveOrders("a")]);'),
    // An array of promises built elsewhere, and a map that starts nothing.
    withApi('declare const pending: Promise<User>[];\nawait Promise.all(pending);'),
    withApi('declare const users: { name: Promise<string> }[];\nawait Promise.all(users.map((u) => u.name));'),
    // Awaited one by one: nothing runs concurrently.
    {
      code: withApi('async function f() { return Promise.all([await callModel("a"), await callModel("b")]); }'),
      filename: 'react.tsx',
    },
    { code: 'async function get() { return 1; }\nconst x = 2;\nawait Promise.any([get(), x]);', filename: 'file.js' },
    // Module loads are cached and can't be cancelled; an async function that never suspends has finished when its call returns.
    withApi("await Promise.all([import('./a.js'), import('./b.js')]);"),
    withApi('async function size(id: string): Promise<number> { return id.length; }\nawait Promise.all(ids.map((id) => size(id)));'),
    { code: 'async function callModel(id) { return { id }; }\nexport const both = (a, b) => Promise.all([callModel(a), callModel(b)]);', filename: 'file.js' },
    // A failing task aborts the signal every task was given.
    withApi(
      'const round = new AbortController();\nawait Promise.all(ids.map(async (id) => {\n  try {\n    return await load(id, round.signal);\n  } catch (error) {\n    round.abort(error);\n    throw error;\n  }\n}));',
    ),
  ],
  invalid: [
    {
      // The work is awaited inside the object literal the callback returns.
      code: withApi('await Promise.all(ids.map(async (id) => ({ id, user: await callModel(id) })));'),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 7,
          suggestions: [{ messageId: 'useTaskscope', output: importing('map', 'await map(ids, async (id, signal) => ({ id, user: await callModel(id) }));') }],
        },
      ],
    },
    {
      // `start` on something that is no taskscope scope gives the work no owner.
      code: withApi("declare const worker: { start(job: () => unknown): void };\nworker.start(() => Promise.all([callModel('a'), saveOrders('a')]));"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 9,
          column: 20,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "declare const worker: { start(job: () => unknown): void };\nworker.start(() => all([(signal) => callModel('a'), (signal) => saveOrders('a')]));",
              ),
            },
          ],
        },
      ],
    },
    {
      // Tuple types survive: `all` keeps [User, number[]].
      code: withApi("const [u, o] = await Promise.all([callModel('a'), saveOrders('a')]);"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          data: { combinator: 'all', outcome: 'one rejects' },
          line: 8,
          column: 22,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'all' },
              output: importing('all', "const [u, o] = await all([(signal) => callModel('a'), (signal) => saveOrders('a')]);"),
            },
          ],
        },
      ],
    },
    {
      // The task's signal is threaded into callees that take one.
      code: withApi("await Promise.all([load('a'), fetch('/b', { method: 'POST' })]);"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "await all([\n  (signal) => load('a', signal),\n  (signal) => fetch('/b', { method: 'POST', signal }),\n]);",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi("const first = await Promise.any([callModel('a'), callModel('b')]);"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          data: { combinator: 'any', outcome: 'one fulfils' },
          line: 8,
          column: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'any' },
              output: importing('any', "const first = await any([(signal) => callModel('a'), (signal) => callModel('b')]);"),
            },
          ],
        },
      ],
    },
    {
      // `.map` over an array becomes taskscope `map`, with the signal second.
      code: withApi('const users = await Promise.all(ids.map((id) => load(id)));'),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'map' },
              output: importing('map', 'const users = await map(ids, (id, signal) => load(id, signal));'),
            },
          ],
        },
      ],
    },
    {
      code: withApi('await Promise.all(Array.from(new Set(ids), async (id, i) => {\n  const user = await callModel(id);\n  return [user, i];\n}));'),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'map',
                'await map(new Set(ids), async (id, signal, i) => {\n  const user = await callModel(id);\n  return [user, i];\n});',
              ),
            },
          ],
        },
      ],
    },
    {
      // Comments inside the array stay; `.then` chains count by their head.
      code: withApi(
        "await Promise.all([\n  // the user first\n  callModel('a').then((u) => u.id),\n  saveOrders('a'), /* then orders */\n]);",
      ),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "await all([\n  // the user first\n  (signal) => callModel('a').then((u) => u.id),\n  (signal) => saveOrders('a'), /* then orders */\n]);",
              ),
            },
          ],
        },
      ],
    },
    {
      // An element that already uses `signal` gets a differently named task parameter.
      code: withApi("async function f(signal: AbortSignal) {\n  await Promise.all([load('a', signal), callModel('b')]);\n}"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 9,
          column: 9,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "async function f(signal: AbortSignal) {\n  await all([(taskSignal) => load('a', signal), (taskSignal) => callModel('b')], { signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // Merged into an existing import; a local `map` is not shadowed.
      code: "import { sleep } from 'taskscope';\ndeclare function load(id: string): Promise<number>;\nconst map = new Map<string, number>();\nexport const run = (ids: string[]) => Promise.all(ids.map((id) => load(id)));\nvoid sleep;",
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 4,
          column: 39,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { sleep, map as scopedMap } from 'taskscope';\ndeclare function load(id: string): Promise<number>;\nconst map = new Map<string, number>();\nexport const run = (ids: string[]) => scopedMap(ids, (id, signal) => load(id));\nvoid sleep;",
            },
          ],
        },
      ],
    },
    {
      // `allow` removes only the matching calls: two units remain.
      code: withApi("await Promise['all']([db.query('a'), callModel('b'), saveOrders('c')]);"),
      options: [{ allow: ['db.*'] }],
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "await all([\n  (signal) => db.query('a'),\n  (signal) => callModel('b'),\n  (signal) => saveOrders('c'),\n]);",
              ),
            },
          ],
        },
      ],
    },
    {
      // A spread can't become tasks: reported, without a suggestion (the codemod marks it for review).
      code: withApi("await Promise.all([callModel('a'), ...ids.map((id) => callModel(id))]);"),
      errors: [{ messageId: 'orphanedFanOut', line: 8, column: 7, suggestions: [] }],
    },
    {
      // An `await` inside an element can't move into a task.
      code: withApi("async function f() {\n  return Promise.all([callModel('a'), saveOrders((await callModel('b')).id)]);\n}"),
      errors: [{ messageId: 'orphanedFanOut', line: 9, column: 10, suggestions: [] }],
    },
    {
      // A named unary callback is wrapped.
      code: withApi('export const users = () => Promise.all(ids.map(callModel));'),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 8,
          column: 28,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing('map', 'export const users = () => map(ids, (item, signal) => callModel(item));'),
            },
          ],
        },
      ],
    },
    {
      filename: 'react.tsx',
      code: withApi(
        "export function Profile({ id }: { id: string }) {\n  const load = () => Promise.all([callModel(id), saveOrders(id)]);\n  return <button onClick={load}>{id}</button>;\n}\n" + jsx('button'),
      ),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 9,
          column: 22,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "export function Profile({ id }: { id: string }) {\n  const load = () => all([(signal) => callModel(id), (signal) => saveOrders(id)]);\n  return <button onClick={load}>{id}</button>;\n}\n" + jsx('button'),
              ),
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: 'async function callModel(id) { return fetch(id); }\nexport const both = (a, b) => Promise.all([callModel(a), callModel(b)]);',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 31,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { all } from 'taskscope';\n\nasync function callModel(id) { return fetch(id); }\nexport const both = (a, b) => all([(signal) => callModel(a), (signal) => callModel(b)]);",
            },
          ],
        },
      ],
    },
    {
      // With types, `any` values (here an untyped parameter) are presumed to be promises.
      filename: 'file.js',
      code: 'export const sync = (api) => Promise.all([api.pull(), api.push()]);',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 1,
          column: 30,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: "import { all } from 'taskscope';\n\nexport const sync = (api) => all([(signal) => api.pull(), (signal) => api.push()]);",
            },
          ],
        },
      ],
    },
    {
      // Other `.map` receivers than arrays keep their map and return tasks instead.
      code: withApi(
        'declare const list: { map<U>(fn: (id: string) => U): U[] };\nawait Promise.any(list.map(async (id) => callModel(id)));',
      ),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 9,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'any',
                'declare const list: { map<U>(fn: (id: string) => U): U[] };\nawait any(list.map((id) => async (signal) => callModel(id)));',
              ),
            },
          ],
        },
      ],
    },
  ],
});

syntacticTester.run('no-orphaned-fan-out (syntactic)', rule, {
  valid: [
    // Without types: identifiers and literals start nothing; conditional elements are not looked into.
    'await Promise.all([p, q]);',
    'await Promise.all([ready ? a() : b(), 1]);',
    // A callback that only reads a property.
    'await Promise.all(users.map((u) => u.profile));',
  ],
  invalid: [
    {
      // Every call counts without types, whatever it returns.
      code: 'declare const a: () => number, b: () => string;\nawait Promise.all([a(), b()]);',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: "import { all } from 'taskscope';\n\ndeclare const a: () => number, b: () => string;\nawait all([(signal) => a(), (signal) => b()]);",
            },
          ],
        },
      ],
    },
    {
      // A named callback needs types to be wrapped safely (its arity is unknown).
      code: 'await Promise.all(ids.map(loadUser));',
      errors: [{ messageId: 'orphanedFanOut', line: 1, column: 7, suggestions: [] }],
    },
    {
      filename: 'react.tsx',
      // The new import follows the file's quote style.
      code: `const label = "save";\nexport const A = () => <b onClick={() => Promise.all([save(1), save(2)])}>{label}</b>;\ndeclare function save(n: number): Promise<void>;\n${jsx('b')}`,
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 42,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                `import { all } from "taskscope";\n\nconst label = "save";\nexport const A = () => <b onClick={() => all([(signal) => save(1), (signal) => save(2)])}>{label}</b>;\ndeclare function save(n: number): Promise<void>;\n${jsx('b')}`,
            },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('no-orphaned-fan-out (espree)', rule, {
  valid: ['await Promise.all([1, Promise.resolve(2)]);', 'await Promise.all([fetch(a)]);'],
  invalid: [
    {
      filename: 'file.js',
      code: 'export async function both(a, b) {\n  return Promise.all([fetch(a), fetch(b)]);\n}',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { all } from 'taskscope';\n\nexport async function both(a, b) {\n  return all([(signal) => fetch(a, { signal }), (signal) => fetch(b, { signal })]);\n}",
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: 'const pages = await Promise.all(urls.map(async (url) => (await fetch(url)).text()));',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 1,
          column: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { map } from 'taskscope';\n\nconst pages = await map(urls, async (url, signal) => (await fetch(url, { signal })).text());",
            },
          ],
        },
      ],
    },
  ],
});
