import rule from '../../src/rules/no-orphaned-fan-out.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

// Costly work (a model call and an embedding that take a signal, writes that take none), a read, and local work.
const api = [
  'interface User { id: string }',
  'declare function callModel(id: string, signal?: AbortSignal): Promise<User>;',
  'declare function saveOrders(id: string): Promise<number[]>;',
  'declare function embed(id: string, signal?: AbortSignal): Promise<boolean>;',
  'declare function getUser(id: string): Promise<User>;',
  'declare function count(): number;',
  'declare const db: { insert(row: string): Promise<void>; users: { update(id: string): Promise<User> } };',
  'declare const ids: string[];',
].join('\n');

/** An intrinsic element for the .tsx cases, which have no React types. */
const jsx = (tag: string): string =>
  `declare global { namespace JSX { interface IntrinsicElements { ${tag}: { onClick?: () => unknown } } } }`;

/** `api` plus the code, which starts on line 9. */
const withApi = (code: string): string => `${api}\n${code}`;
/**
 * The body in an exported async function (its first line is line 10 after `api`):
 * module-level code is a script's entry, which the rule leaves alone.
 */
const inHandler = (body: string): string => `export async function handle() {\n${body}\n}`;
/** What a suggestion that adds `import { names } from 'taskscope'` to a `withApi` file produces. */
const importing = (names: string, code: string): string => `import { ${names} } from 'taskscope';\n\n${withApi(code)}`;

/** The data of `orphanedUnboundedFanOut` for a `Promise.all` over `ids`. */
const everyId = { combinator: 'all', outcome: 'one rejects', items: 'ids' };

typedTester.run('no-orphaned-fan-out (typed)', rule, {
  valid: [
    // One promise and an already settled one: nothing to orphan.
    withApi(inHandler('await Promise.all([callModel("a"), Promise.resolve(1)]);')),
    // Promises started elsewhere are not counted here.
    withApi('async function f(a: Promise<User>, b: Promise<User>) { return Promise.all([a, b]); }'),
    // With types, a call that returns no promise is no unit of work.
    withApi('async function f() { return Promise.all([count(), callModel("a")]); }'),
    // `allow` patterns: `db.*` is one segment, `db.**` any depth.
    { code: withApi(inHandler("await Promise.all([db.insert('a'), db.insert('b'), callModel('c')]);")), options: [{ allow: ['db.*'] }] },
    { code: withApi(inHandler("await Promise.all([db.insert('a'), db.users.update('b')]);")), options: [{ allow: ['db.**'] }] },
    { code: withApi(inHandler('await Promise.all(ids.map((id) => callModel(id)));')), options: [{ allow: ['call*'] }] },
    // A single element, or a map over a one-element literal.
    withApi(inHandler('await Promise.all([callModel("a")]);')),
    withApi(inHandler('await Promise.all(["a"].map((id) => callModel(id)));')),
    // Other combinators belong to other rules.
    withApi(inHandler('await Promise.race([callModel("a"), saveOrders("a")]);')),
    withApi(inHandler('await Promise.allSettled([callModel("a"), saveOrders("a")]);')),
    // An array of promises built elsewhere, and a map that starts nothing.
    withApi(`declare const pending: Promise<User>[];\n${inHandler('await Promise.all(pending);')}`),
    withApi(`declare const users: { name: Promise<string> }[];\n${inHandler('await Promise.all(users.map((u) => u.name));')}`),
    // Awaited one by one: nothing runs concurrently.
    {
      code: withApi('async function f() { return Promise.all([await callModel("a"), await callModel("b")]); }'),
      filename: 'react.tsx',
    },
    { code: 'async function send() { return 1; }\nconst x = 2;\nexport const f = () => Promise.any([send(), x]);', filename: 'file.js' },
    // Module loads are cached and can't be cancelled; an async function that never suspends has finished when its call returns.
    withApi(inHandler("await Promise.all([import('./a.js'), import('./b.js')]);")),
    withApi(`async function size(id: string): Promise<number> { return id.length; }\n${inHandler('await Promise.all(ids.map((id) => size(id)));')}`),
    { code: 'async function callModel(id) { return { id }; }\nexport const both = (a, b) => Promise.all([callModel(a), callModel(b)]);', filename: 'file.js' },
    // A failing task aborts the signal every task was given.
    withApi(
      inHandler(
        'const round = new AbortController();\nawait Promise.all(ids.map(async (id) => {\n  try {\n    return await embed(id, round.signal);\n  } catch (error) {\n    round.abort(error);\n    throw error;\n  }\n}));',
      ),
    ),
    // No task can reject, so none ends the fan-out early: a quiet `.catch` (a reporting handler out of sight counts as one)...
    withApi(inHandler("await Promise.all([callModel('a').catch(() => undefined), saveOrders('a').catch(console.error)]);")),
    // ...a callback that catches everything...
    withApi(inHandler('await Promise.all(ids.map(async (id) => {\n  try {\n    return await callModel(id);\n  } catch {\n    return undefined;\n  }\n}));')),
    // ...or a function of this file that does, returning the error as a value.
    withApi(
      `async function attempt(id: string): Promise<[User, undefined] | [undefined, unknown]> {\n  try {\n    return [await callModel(id), undefined];\n  } catch (error) {\n    return [undefined, error];\n  }\n}\n${inHandler('await Promise.all(ids.map((id) => attempt(id)));')}`,
    ),
    // Reads (by name, or on a retriever) and local work: nothing worth cancelling keeps running.
    withApi(
      `declare const retriever: { invoke(query: string): Promise<string[]> };\n${inHandler("await Promise.all([getUser('a'), retriever.invoke('a')]);")}`,
    ),
    withApi(`declare function checksum(path: string): Promise<string>;\n${inHandler('await Promise.all(ids.map((id) => checksum(id)));')}`),
    // Releases and notifications: each one should run to its end, whatever its siblings do.
    withApi(
      `class Connection {\n  constructor(private url: string) {}\n  async close() { await fetch(this.url, { method: 'DELETE' }); }\n}\ndeclare const conns: Connection[];\n${inHandler('await Promise.all(conns.map((c) => c.close()));')}`,
    ),
    withApi(
      `class Session {\n  constructor(private url: string) {}\n  async detach() { await fetch(this.url, { method: 'DELETE' }); }\n}\ndeclare const sessions: Session[];\n${inHandler('await Promise.all(sessions.map((s) => s.detach()));')}`,
    ),
    withApi(
      `class Alerting {\n  async handleError(error: unknown) { await callModel(String(error)); }\n}\ndeclare const handlers: Alerting[];\n${inHandler('try {\n  await saveOrders("a");\n} catch (e) {\n  await Promise.all(handlers.map((h) => h.handleError(e)));\n}')}`,
    ),
    // A test: what it starts ends with it, and a failure fails the test.
    { code: withApi(inHandler('await Promise.all(ids.map((id) => callModel(id)));')), filename: 'fan-out.spec.ts' },
    // A handful of calls written side by side, none of them billed (a model call, a charge, a message to a person):
    // a read or a write that should land anyway is left to finish.
    withApi(inHandler("await Promise.all([saveOrders('a'), db.insert('b')]);")),
    withApi("export async function both(signal: AbortSignal) {\n  await Promise.all([fetch('/a', { signal }), fetch('/b', { method: 'POST', signal })]);\n}"),
    // A script's entry: module-level code, and the function the module calls first. A failure ends the program.
    withApi("await Promise.all([callModel('a'), saveOrders('a')]);"),
    withApi("async function main() {\n  await Promise.all(ids.map((id) => callModel(id)));\n}\nmain().catch(console.error);"),
  ],
  invalid: [
    {
      // The work is awaited inside the object literal the callback returns.
      code: withApi(inHandler('await Promise.all(ids.map(async (id) => ({ id, user: await callModel(id) })));')),
      errors: [
        {
          // "starts a task for every item of `ids`, all at once, and nothing owns them": both problems, one finding.
          messageId: 'orphanedUnboundedFanOut',
          data: everyId,
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              data: { name: 'map', concurrency: '8' },
              output: importing('map', inHandler('await map(\n  ids,\n  async (id, signal) => ({ id, user: await callModel(id, signal) }),\n  { concurrency: 8 },\n);')),
            },
          ],
        },
      ],
    },
    {
      // A scope's body is no task of the scope: its Promise.all still leaves the siblings running.
      code: withApi(`import { scope } from 'taskscope';\n${inHandler("await scope(async () => Promise.all([callModel('a'), saveOrders('a')]));")}`),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 11,
          column: 25,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: withApi(
                `import { scope, all } from 'taskscope';\n${inHandler("await scope(async ({ signal }) => all([\n  (signal) => callModel('a', signal),\n  (signal) => saveOrders('a'),\n], { signal }));")}`,
              ),
            },
          ],
        },
      ],
    },
    {
      // `start` on something that is no taskscope scope gives the work no owner.
      code: withApi("declare const worker: { start(job: () => unknown): void };\nworker.start(() => Promise.all([callModel('a'), saveOrders('a')]));"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 20,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "declare const worker: { start(job: () => unknown): void };\nworker.start(() => all([(signal) => callModel('a', signal), (signal) => saveOrders('a')]));",
              ),
            },
          ],
        },
      ],
    },
    {
      // Tuple types survive: `all` keeps [User, number[]].
      code: withApi(inHandler("const [u, o] = await Promise.all([callModel('a'), saveOrders('a')]);")),
      errors: [
        {
          messageId: 'orphanedFanOut',
          data: { combinator: 'all', outcome: 'one rejects' },
          line: 10,
          column: 22,
          endColumn: 33,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'all' },
              output: importing('all', inHandler("const [u, o] = await all([(signal) => callModel('a', signal), (signal) => saveOrders('a')]);")),
            },
          ],
        },
      ],
    },
    {
      // The task's signal is threaded into callees that take one.
      code: withApi(inHandler("await Promise.all([embed('a'), fetch('/b', { method: 'POST' })]);")),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                inHandler("await all([\n  (signal) => embed('a', signal),\n  (signal) => fetch('/b', { method: 'POST', signal }),\n]);"),
              ),
            },
          ],
        },
      ],
    },
    {
      // Work that takes no signal: a task's signal could cancel nothing, so no suggestion (the codemod marks the site).
      code: withApi(inHandler('await Promise.all(ids.map((id) => saveOrders(id)));')),
      errors: [{ messageId: 'orphanedUnboundedFanOut', data: everyId, line: 10, column: 7, suggestions: [] }],
    },
    {
      // Every task passes the outer `signal` already: the task's own replaces it, and `all` is given the outer one.
      code: withApi("export async function both(signal: AbortSignal) {\n  await Promise.all([fetch('/a', { signal }), callModel('b', signal)]);\n}"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "export async function both(signal: AbortSignal) {\n  await all([\n    (taskSignal) => fetch('/a', { signal: taskSignal }),\n    (taskSignal) => callModel('b', taskSignal),\n  ], { signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi('export async function saveAll(signal: AbortSignal) {\n  await Promise.all(ids.map((id) => embed(id, signal)));\n}'),
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          data: everyId,
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              output: importing('map', 'export async function saveAll(signal: AbortSignal) {\n  await map(ids, (id, taskSignal) => embed(id, taskSignal), { concurrency: 8, signal });\n}'),
            },
          ],
        },
      ],
    },
    {
      // The outer signal read from options is replaced the same way, in an options literal and as a parameter.
      code: withApi("export async function both(opts: { signal: AbortSignal }) {\n  await Promise.all([fetch('/a', { signal: opts.signal }), embed('b', opts.signal)]);\n}"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "export async function both(opts: { signal: AbortSignal }) {\n  await all([\n    (taskSignal) => fetch('/a', { signal: taskSignal }),\n    (taskSignal) => embed('b', taskSignal),\n  ], { signal: opts.signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // Tasks held in a `const` become thunks where they are declared; with no contextual type, their signal is annotated.
      code: withApi(inHandler("const tasks = [callModel('a'), saveOrders('a')];\nawait Promise.all(tasks);")),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 11,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing('all', inHandler("const tasks = [\n  (signal: AbortSignal) => callModel('a', signal),\n  (signal: AbortSignal) => saveOrders('a'),\n];\nawait all(tasks);")),
            },
          ],
        },
      ],
    },
    {
      // A fixed pair of tasks: `any` ends at the first that fulfils.
      code: withApi(inHandler("const first = await Promise.any([callModel('a'), callModel('b')]);")),
      errors: [
        {
          messageId: 'orphanedFanOut',
          data: { combinator: 'any', outcome: 'one fulfils' },
          line: 10,
          column: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'any' },
              output: importing('any', inHandler("const first = await any([\n  (signal) => callModel('a', signal),\n  (signal) => callModel('b', signal),\n]);")),
            },
          ],
        },
      ],
    },
    {
      // `.map` over an array becomes taskscope `map`, with the signal second and a limit.
      code: withApi(inHandler('const flags = await Promise.all(ids.map((id) => embed(id)));')),
      options: [{ defaultConcurrency: 4 }],
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          data: everyId,
          line: 10,
          column: 21,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              data: { name: 'map', concurrency: '4' },
              output: importing('map', inHandler('const flags = await map(ids, (id, signal) => embed(id, signal), { concurrency: 4 });')),
            },
          ],
        },
      ],
    },
    {
      // Each batch of a chunking loop has a known size: orphaned, not unbounded, so no limit is added.
      code: withApi(
        `declare function chunk<T>(items: T[], size: number): T[][];\n${inHandler('for (const batch of chunk(ids, 50)) await Promise.all(batch.map((id) => callModel(id)));')}`,
      ),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 11,
          column: 43,
          suggestions: [
            {
              messageId: 'useTaskscope',
              data: { name: 'map' },
              output: importing(
                'map',
                `declare function chunk<T>(items: T[], size: number): T[][];\n${inHandler('for (const batch of chunk(ids, 50)) await map(batch, (id, signal) => callModel(id, signal));')}`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: withApi(inHandler('await Promise.all(Array.from(new Set(ids), async (id, i) => {\n  const user = await callModel(id);\n  return [user, i];\n}));')),
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          data: { ...everyId, items: 'new Set(ids)' },
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              output: importing(
                'map',
                inHandler('await map(new Set(ids), async (id, signal, i) => {\n  const user = await callModel(id, signal);\n  return [user, i];\n}, { concurrency: 8 });'),
              ),
            },
          ],
        },
      ],
    },
    {
      // Comments inside the array stay; `.then` chains count by their head.
      code: withApi(inHandler("await Promise.all([\n  // the user first\n  callModel('a').then((u) => u.id),\n  saveOrders('a'), /* then orders */\n]);")),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                inHandler("await all([\n  // the user first\n  (signal) => callModel('a', signal).then((u) => u.id),\n  (signal) => saveOrders('a'), /* then orders */\n]);"),
              ),
            },
          ],
        },
      ],
    },
    {
      // An element that already passes the outer `signal`: the task's own, named `taskSignal`, replaces it
      // (it is linked to the outer one, which `all` is given).
      code: withApi("async function f(signal: AbortSignal) {\n  await Promise.all([embed('a', signal), callModel('b')]);\n}"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "async function f(signal: AbortSignal) {\n  await all([\n    (taskSignal) => embed('a', taskSignal),\n    (taskSignal) => callModel('b', taskSignal),\n  ], { signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // Merged into an existing import; a local `map` is not shadowed.
      code: "import { sleep } from 'taskscope';\ndeclare function saveRow(id: string, signal?: AbortSignal): Promise<number>;\nconst map = new Map<string, number>();\nexport const run = (ids: string[]) => Promise.all(ids.map((id) => saveRow(id)));\nvoid sleep;",
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          line: 4,
          column: 39,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              output:
                "import { sleep, map as scopedMap } from 'taskscope';\ndeclare function saveRow(id: string, signal?: AbortSignal): Promise<number>;\nconst map = new Map<string, number>();\nexport const run = (ids: string[]) => scopedMap(\n  ids,\n  (id, signal) => saveRow(id, signal),\n  { concurrency: 8 },\n);\nvoid sleep;",
            },
          ],
        },
      ],
    },
    {
      // `allow` removes only the matching calls: two units remain.
      code: withApi(inHandler("await Promise['all']([db.insert('a'), callModel('b'), saveOrders('c')]);")),
      options: [{ allow: ['db.*'] }],
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 7,
          endColumn: 21,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                inHandler("await all([\n  (signal) => db.insert('a'),\n  (signal) => callModel('b', signal),\n  (signal) => saveOrders('c'),\n]);"),
              ),
            },
          ],
        },
      ],
    },
    {
      // A spread can't become tasks: reported, without a suggestion (the codemod marks it for review).
      code: withApi(inHandler("await Promise.all([callModel('a'), ...ids.map((id) => callModel(id))]);")),
      errors: [{ messageId: 'orphanedUnboundedFanOut', data: everyId, line: 10, column: 7, suggestions: [] }],
    },
    {
      // An `await` inside an element can't move into a task.
      code: withApi("async function f() {\n  return Promise.all([callModel('a'), saveOrders((await callModel('b')).id)]);\n}"),
      errors: [{ messageId: 'orphanedFanOut', line: 10, column: 10, suggestions: [] }],
    },
    {
      // A named callback is handed no signal (map's index would land in its second parameter): no suggestion.
      code: withApi('export const users = () => Promise.all(ids.map(callModel));'),
      errors: [{ messageId: 'orphanedUnboundedFanOut', data: everyId, line: 9, column: 28, suggestions: [] }],
    },
    {
      // Only the entry function itself is the script: a callback it makes runs work that can outlive a failure.
      code: withApi("async function main() {\n  const save = () => Promise.all([callModel('a'), saveOrders('a')]);\n  await save();\n}\nvoid main();"),
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 22,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "async function main() {\n  const save = () => all([(signal) => callModel('a', signal), (signal) => saveOrders('a')]);\n  await save();\n}\nvoid main();",
              ),
            },
          ],
        },
      ],
    },
    {
      // A test file, when asked to.
      code: withApi(inHandler("await Promise.all([callModel('a'), saveOrders('a')]);")),
      filename: 'fan-out.spec.ts',
      options: [{ checkTestFiles: true }],
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 10,
          column: 7,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing('all', inHandler("await all([(signal) => callModel('a', signal), (signal) => saveOrders('a')]);")),
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
          line: 10,
          column: 22,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output: importing(
                'all',
                "export function Profile({ id }: { id: string }) {\n  const load = () => all([(signal) => callModel(id, signal), (signal) => saveOrders(id)]);\n  return <button onClick={load}>{id}</button>;\n}\n" + jsx('button'),
              ),
            },
          ],
        },
      ],
    },
    {
      // A function of this file that fetches is costly work, and its name says a model call; it takes no signal, so no task could be cancelled: no suggestion.
      filename: 'file.js',
      code: 'async function callModel(id) { return fetch(id); }\nexport const both = (a, b) => Promise.all([callModel(a), callModel(b)]);',
      errors: [{ messageId: 'orphanedFanOut', line: 2, column: 31, suggestions: [] }],
    },
    {
      // With types, `any` values (here an untyped parameter) are presumed to be promises; where a signal would go is unknown.
      filename: 'file.js',
      code: 'export const sync = (api) => Promise.all([api.upload(), api.generate()]);',
      errors: [{ messageId: 'orphanedFanOut', line: 1, column: 30, suggestions: [] }],
    },
    {
      // Other `.map` receivers than arrays keep their map and return tasks instead.
      code: withApi(inHandler('const list: { map<U>(fn: (id: string) => U): U[] } = ids;\nawait Promise.any(list.map(async (id) => callModel(id)));')),
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          data: { combinator: 'any', outcome: 'one fulfils', items: 'list' },
          line: 11,
          column: 7,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              data: { name: 'any', concurrency: '8' },
              output: importing(
                'any',
                inHandler('const list: { map<U>(fn: (id: string) => U): U[] } = ids;\nawait any(\n  list.map((id) => async (signal: AbortSignal) => callModel(id, signal)),\n  { concurrency: 8 },\n);'),
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
    'export const f = (p: Promise<void>, q: Promise<void>) => Promise.all([p, q]);',
    'export const f = (ready: boolean) => Promise.all([ready ? send() : save(), 1]);',
    // A callback that only reads a property.
    'export const f = (users: { profile: Promise<string> }[]) => Promise.all(users.map((u) => u.profile));',
    // Example code leaves error handling out on purpose, and is run by hand.
    { code: 'export const f = (urls: string[]) => Promise.all(urls.map((url) => fetch(url)));', filename: 'examples/demo.ts' },
  ],
  invalid: [
    {
      // Every call counts without types, whatever it returns. Neither takes a signal: no suggestion.
      code: 'declare const upload: () => number, generate: () => string;\nexport const sync = () => Promise.all([upload(), generate()]);',
      errors: [{ messageId: 'orphanedFanOut', line: 2, column: 27, suggestions: [] }],
    },
    {
      // A handful written side by side counts when one call is billed: here a message to a person, sent even when the order fails.
      code: 'export const checkout = (order: { user: string }) => Promise.all([saveOrder(order), sendEmail(order.user)]);',
      errors: [{ messageId: 'orphanedFanOut', line: 1, column: 54, suggestions: [] }],
    },
    {
      // A named callback needs types to be wrapped safely (its arity is unknown).
      code: 'export const invite = (emails: string[]) => Promise.all(emails.map(sendInvite));',
      errors: [{ messageId: 'orphanedUnboundedFanOut', data: { ...everyId, items: 'emails' }, line: 1, column: 45, suggestions: [] }],
    },
    {
      // Example code, when asked to.
      code: 'export const f = (a: string, b: string) => Promise.all([fetch(a), generate(b)]);',
      filename: 'examples/demo.ts',
      options: [{ checkExamples: true }],
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 1,
          column: 44,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { all } from 'taskscope';\n\nexport const f = (a: string, b: string) => all([\n  (signal) => fetch(a, { signal }),\n  (signal) => generate(b),\n]);",
            },
          ],
        },
      ],
    },
    {
      filename: 'react.tsx',
      // The new import follows the file's quote style.
      code: `const label = "save";\nexport const A = () => <b onClick={() => Promise.all([embed(1), embed(2)])}>{label}</b>;\ndeclare function embed(n: number, signal?: AbortSignal): Promise<void>;\n${jsx('b')}`,
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 42,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                `import { all } from "taskscope";\n\nconst label = "save";\nexport const A = () => <b onClick={() => all(\n  [(signal) => embed(1, signal), (signal) => embed(2, signal)],\n)}>{label}</b>;\ndeclare function embed(n: number, signal?: AbortSignal): Promise<void>;\n${jsx('b')}`,
            },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('no-orphaned-fan-out (espree)', rule, {
  valid: [
    'export const f = () => Promise.all([1, Promise.resolve(2)]);',
    'export const f = (a) => Promise.all([fetch(a)]);',
    // A script's entry.
    'await Promise.all([fetch(a), generate(b)]);',
  ],
  invalid: [
    {
      filename: 'file.js',
      code: 'export async function both(a, b) {\n  return Promise.all([fetch(a), generate(b)]);\n}',
      errors: [
        {
          messageId: 'orphanedFanOut',
          line: 2,
          column: 10,
          suggestions: [
            {
              messageId: 'useTaskscope',
              output:
                "import { all } from 'taskscope';\n\nexport async function both(a, b) {\n  return all([(signal) => fetch(a, { signal }), (signal) => generate(b)]);\n}",
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: 'export const pages = (urls) => Promise.all(urls.map(async (url) => (await fetch(url)).text()));',
      errors: [
        {
          messageId: 'orphanedUnboundedFanOut',
          data: { ...everyId, items: 'urls' },
          line: 1,
          column: 32,
          suggestions: [
            {
              messageId: 'useBoundedMap',
              output:
                "import { map } from 'taskscope';\n\nexport const pages = (urls) => map(\n  urls,\n  async (url, signal) => (await fetch(url, { signal })).text(),\n  { concurrency: 8 },\n);",
            },
          ],
        },
      ],
    },
  ],
});
