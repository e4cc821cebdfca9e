import rule from '../../src/rules/no-floating-promises.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

// Declarations the typed cases share; each case's line numbers count them. Their bodies are
// unknown, so their promises can reject; they take a signal, so a scope's task can cancel them.
const decls = 'declare function save(signal?: AbortSignal): Promise<void>;\ndeclare function load(signal?: AbortSignal): Promise<number>;\n';
// Work that takes no signal: a scope could only wait for it.
const logDecl = 'declare function log(line: string): Promise<void>;\n';
// What a test file's cases call: a runner and an assertion whose `rejects` is a promise.
const testing =
  'declare function it(name: string, body: () => unknown): void;\ndeclare function expect(value: unknown): { rejects: { toThrow(): Promise<void> }; toBe(expected: unknown): void };\n';

// Open-ended work: a stream piped, a server listening, a polling loop.
const openEnded = [
  'declare const source: ReadableStream<string>;',
  'declare const sink: WritableStream<string>;',
  'declare const server: { listen(port: number): Promise<void> };',
  'export class Feed {',
  '  async pollLoop(signal?: AbortSignal): Promise<void> {',
  "    await fetch('/feed', { signal });",
  '  }',
  '  async start() {',
  '    source.pipeTo(sink);',
  '    server.listen(8080);',
  '    this.pollLoop();',
  '  }',
  '}',
].join('\n');
// Functions whose typed result is used while the work runs.
const handles = `${decls}export async function open() {\n  save();\n  return { close(): void {} };\n}\nexport async function lines(): Promise<ReadableStream<string>> {\n  save();\n  return new ReadableStream<string>();\n}\nexport async function get(url: string): Promise<Response> {\n  save();\n  return fetch(url);\n}`;

typedTester.run('no-floating-promises (typed)', rule, {
  valid: [
    // Promises only ever resolved: a withResolvers holder nothing rejects, a field holding a resolve-only promise.
    'const ready = Promise.withResolvers<void>();\nsetTimeout(() => ready.resolve(), 10);\nready.promise.then(() => console.log(1));',
    'class Conn {\n  #open!: () => void;\n  #ready = new Promise<void>((resolve) => {\n    this.#open = resolve;\n  });\n  start() {\n    this.#ready.then(() => console.log(1));\n  }\n}',
    `${decls}async function f() {\n  await save();\n}`,
    `${decls}function f() {\n  return save();\n}`,
    `${decls}save().catch(() => {});`,
    `${decls}save().then(() => {}, (error: unknown) => console.error(error));`,
    // Handled in the entry point: fine even when handled promises are checked.
    { code: `${decls}save().catch(console.error);`, options: [{ checkHandled: true }] },
    { code: `${decls}async function f() {\n  void save();\n}`, options: [{ ignoreVoid: true }] },
    `${decls}async function f() {\n  const a = save();\n  const b = load();\n  await Promise.all([a, b]);\n}`,
    `${decls}async function f() {\n  const p = load();\n  return { p };\n}`,
    `${decls}const p = save();\np.catch(console.error);`,
    `${decls}async function f() {\n  const p = load();\n  try {\n    return await p;\n  } finally {\n    await save();\n  }\n}`,
    `${decls}class C {\n  pending?: Promise<void>;\n  start() {\n    this.pending = save();\n  }\n}`,
    `${decls}async function* g() {\n  yield save();\n}`,
    // A `then` that is not a method is no thenable.
    'declare const box: { then: number };\nbox;',
    // Tasks spawned on a scope have an owner.
    `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (s) => {\n    s.spawn(() => save());\n    const task = s.spawn(() => load());\n    s.start(async (signal, ready) => ready(await load()));\n  });\n}`,
    {
      code: `declare function save(): Promise<void>;\nexport function App() {\n  return <button onClick={() => save().catch(console.error)}>Save</button>;\n}`,
      filename: 'react.tsx',
    },
    { code: "async function f() {\n  await fetch('/a');\n}", filename: 'file.js' },
    // Exported: whoever imports it owns it.
    { code: "export const ready = fetch('/a');", filename: 'file.js' },
    // An entry point in a block at module level is still no function's work.
    { code: `${decls}declare const entry: boolean;\nif (entry) {\n  save().catch(console.error);\n}`, options: [{ checkHandled: true }] },
    // A thenable used through its own API is an object in use.
    `declare function open(): PromiseLike<string> & { text: AsyncIterable<string> };\nasync function f() {\n  const stream = open();\n  for await (const delta of stream.text) console.log(delta);\n}`,
    // Not reported: promises that cannot reject lose nothing when nobody waits for them.
    // A `.catch` whose handler throws nothing: the variable holds a promise that always fulfils.
    `${decls}export function autosave() {\n  const saving = save().catch(console.error);\n}`,
    // An async IIFE that catches everything it awaits.
    `${decls}export function start() {\n  (async () => {\n    try {\n      await save();\n    } catch (error) {\n      console.error(error);\n    }\n  })();\n}`,
    // A call of a function of this file that catches everything it awaits.
    `${decls}async function sync() {\n  try {\n    await save();\n  } catch {\n    // the next tick retries\n  }\n}\nexport function onTick() {\n  sync();\n}`,
    // `Promise.resolve()` fulfils, and a callback that only makes a sync call throws nothing.
    'declare function render(): void;\nexport function schedule() {\n  Promise.resolve().then(() => render());\n}',
    // A script's entry: its rejection ends the program with the error printed.
    `${decls}async function main() {\n  await save();\n}\nmain();`,
    // A script's entry written as an async IIFE.
    `${decls}(async () => {\n  await save();\n})();`,
    // An unhandled rejection raised on purpose, `void`ed or as a statement outside an async function.
    'export function fail(error: Error) {\n  void Promise.reject(error);\n}',
    'export function emitError(error: Error, listening: boolean) {\n  if (!listening) Promise.reject(error);\n}',
    // Handlers out of sight report: one a factory builds, one an arrow hands to a function whose type says nothing.
    `${decls}declare function handlerFor(name: string): (error: unknown) => void;\nexport function autosave() {\n  save().catch(handlerFor('autosave'));\n}`,
    `${decls}declare const logger: any;\nexport function autosave() {\n  save().catch((error) => logger.error(error)).finally(() => console.log('done'));\n}`,
    // In a test file (by name) what a test starts ends with it, and a failure fails the test.
    { code: `${decls}${testing}it('saves', () => {\n  save();\n  const pending = load();\n  void load();\n});`, filename: 'floating.spec.ts' },
    // Arrays taken out of another hold that one's promises, owned where they are kept.
    `${decls}declare const pending: Promise<void>[];\ndeclare const batches: Promise<void>[][];\nexport async function f() {\n  batches.pop();\n  pending.splice(0, 2);\n  pending.filter(Boolean);\n}`,
    // A promise thrown, or handed to a tagged template, is passed on.
    `${decls}export function f() {\n  const p = load();\n  throw p;\n}`,
    `${decls}declare function sql(strings: TemplateStringsArray, ...values: unknown[]): string;\nexport function f() {\n  const p = load();\n  return sql\`select \${p}\`;\n}`,
    // Example code leaves error handling out on purpose.
    { code: `${decls}export function demo() {\n  save();\n}`, filename: 'examples/floating.ts' },
  ],
  invalid: [
    {
      // Its reject is read: it can fail, and nothing would see it.
      code: "const ready = Promise.withResolvers<void>();\nsetTimeout(() => ready.reject(new Error('late')), 10);\nready.promise.then(() => console.log(1));",
      errors: [{ messageId: 'floating', line: 3, column: 1, suggestions: [] }],
    },
    {
      code: `${decls}async function f() {\n  save();\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}async function f() {\n  await save();\n}` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}async function f() {\n  return scope(async (s) => {\n    s.spawn((signal) => save(signal));\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A module-level call of a function the program does not define is no entry point; no owner to spawn into.
      code: `${decls}save();`,
      errors: [{ messageId: 'floating', line: 3, column: 1, suggestions: [] }],
    },
    {
      code: `${decls}export async function f() {\n  void save();\n}`,
      errors: [
        {
          messageId: 'floatingVoid',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}export async function f() {\n  await save();\n}` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}export async function f() {\n  return scope(async (s) => {\n    s.spawn((signal) => save(signal));\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // In a sync function nothing can await it: the message says to handle it there or return it.
      code: `${decls}export function f() {\n  save().then(() => {});\n}`,
      errors: [{ messageId: 'floatingInSync', line: 4, column: 3, suggestions: [] }],
    },
    {
      code: `${decls}save().catch(null);\nsave().then(() => {}, 42);`,
      errors: [
        { messageId: 'floatingUselessHandler', line: 3, column: 1, suggestions: [] },
        { messageId: 'floatingUselessHandler', line: 4, column: 1, suggestions: [] },
      ],
    },
    {
      code: `${decls}async function f(ok: boolean) {\n  ok ? save() : null;\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}async function f(ok: boolean) {\n  await (ok ? save() : null);\n}` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}async function f(ok: boolean) {\n  return scope(async (s) => {\n    s.spawn((signal) => ok ? save(signal) : null);\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // The promise on the left of `&&` is dropped: no rewrite keeps it.
      code: `${decls}async function f() {\n  save() && 1;\n}`,
      errors: [{ messageId: 'floating', line: 4, column: 3, suggestions: [] }],
    },
    {
      code: `${decls}async function f() {\n  [save(), load()];\n}`,
      errors: [
        {
          messageId: 'floatingArray',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'awaitAll', output: `${decls}async function f() {\n  await Promise.all([save(), load()]);\n}` },
          ],
        },
      ],
    },
    {
      code: `${decls}async function f() {\n  const pending = load();\n}`,
      errors: [
        {
          messageId: 'unusedPromise',
          data: { name: 'pending' },
          line: 4,
          column: 9,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}async function f() {\n  const pending = await load();\n}` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}async function f() {\n  return scope(async (s) => {\n    const pending = s.spawn((signal) => load(signal));\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // Used, but only in ways that never handle its rejection.
      code: `${decls}export function f() {\n  const p = load();\n  console.log(typeof p, p instanceof Promise);\n}`,
      errors: [{ messageId: 'unusedPromise', line: 4, column: 9, suggestions: [] }],
    },
    {
      code: `${decls}async function f() {\n  const a = load();\n  const b = await load();\n  return b + (await a);\n}`,
      errors: [
        {
          messageId: 'awaitedTooLate',
          data: { name: 'a' },
          line: 4,
          column: 9,
          suggestions: [
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}async function f() {\n  return scope(async (s) => {\n    const a = s.spawn((signal) => load(signal));\n    const b = await load();\n    return b + (await a);\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // Work that takes no signal: a scope could only wait for it, so only the await is offered.
      code: `${logDecl}${decls}export async function f() {\n  log('start');\n  const pending = log('pending');\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 5,
          column: 3,
          suggestions: [{ messageId: 'awaitPromise', output: `${logDecl}${decls}export async function f() {\n  await log('start');\n  const pending = log('pending');\n}` }],
        },
        {
          messageId: 'unusedPromise',
          line: 6,
          column: 9,
          suggestions: [{ messageId: 'awaitPromise', output: `${logDecl}${decls}export async function f() {\n  log('start');\n  const pending = await log('pending');\n}` }],
        },
      ],
    },
    {
      // Awaited too late, and no signal to spawn it with: nothing to offer.
      code: `${logDecl}${decls}export async function f() {\n  const a = log('a');\n  await save();\n  await a;\n}`,
      errors: [{ messageId: 'awaitedTooLate', line: 5, column: 9, suggestions: [] }],
    },
    {
      // Open-ended work (a pipe, a server, a loop) is not spawned, signal or not: who owns it and when it stops is a decision.
      code: openEnded,
      errors: ['    source.pipeTo(sink);', '    server.listen(8080);', '    this.pollLoop();'].map((line) => ({
        messageId: 'floating',
        line: openEnded.split('\n').indexOf(line) + 1,
        column: 5,
        suggestions: [{ messageId: 'awaitPromise', output: openEnded.replace(line, line.replace('    ', '    await ')) }],
      })),
    },
    {
      // A function whose result is a handle, a stream or a Response is not made a scope: it would wait for the work.
      code: handles,
      errors: [4, 8, 12].map((line) => ({
        messageId: 'floating',
        line,
        column: 3,
        suggestions: [
          {
            messageId: 'awaitPromise',
            output: handles
              .split('\n')
              .map((text, index) => (index === line - 1 ? text.replace('save()', 'await save()') : text))
              .join('\n'),
          },
        ],
      })),
    },
    {
      // Inside a scope body: spawn into its scope, under the parameter's name.
      code: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (nursery) => {\n    save();\n  });\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitPromise',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (nursery) => {\n    await save();\n  });\n}`,
            },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (nursery) => {\n    nursery.spawn((signal) => save(signal));\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A scope body without a parameter gets one; both statements are spawned by either fix.
      code: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async () => {\n    save();\n    void load();\n  });\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 6,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitPromise',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async () => {\n    await save();\n    void load();\n  });\n}`,
            },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (s) => {\n    s.spawn((signal) => save(signal));\n    s.spawn((signal) => load(signal));\n  });\n}`,
            },
          ],
        },
        {
          messageId: 'floatingVoid',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitPromise',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async () => {\n    save();\n    await load();\n  });\n}`,
            },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope(async (s) => {\n    s.spawn((signal) => save(signal));\n    s.spawn((signal) => load(signal));\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A task of a scope (even a sync one) spawns its own work into the same scope.
      code: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope((s) => {\n    s.spawn(() => {\n      save();\n    });\n  });\n}`,
      errors: [
        {
          messageId: 'floatingInSync',
          line: 7,
          column: 7,
          suggestions: [
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n${decls}export async function f() {\n  await scope((s) => {\n    s.spawn(() => {\n      s.spawn((signal) => save(signal));\n    });\n  });\n}`,
            },
          ],
        },
      ],
    },
    {
      // A handled promise cannot reject; under checkHandled, that nothing waits for its work is the finding.
      code: `${decls}export function f() {\n  save().catch(console.error);\n}`,
      options: [{ checkHandled: true }],
      errors: [{ messageId: 'floatingHandled', line: 4, column: 3, suggestions: [] }],
    },
    {
      // Several floating calls in one function: each fix wraps once and spawns them all.
      code: `import { all } from "taskscope";\n${decls}export async function f(signal: AbortSignal) {\n  save();\n  const n = await load(); // counted\n  save().then(() => n);\n  return n;\n}`,
      errors: [5, 7].map((line) => ({
        messageId: 'floating',
        line,
        column: 3,
        suggestions: [
          {
            messageId: 'awaitPromise',
            output:
              line === 5
                ? `import { all } from "taskscope";\n${decls}export async function f(signal: AbortSignal) {\n  await save();\n  const n = await load(); // counted\n  save().then(() => n);\n  return n;\n}`
                : `import { all } from "taskscope";\n${decls}export async function f(signal: AbortSignal) {\n  save();\n  const n = await load(); // counted\n  await save().then(() => n);\n  return n;\n}`,
          },
          {
            messageId: 'spawnIntoScope',
            output: `import { all, scope } from "taskscope";\n${decls}export async function f(signal: AbortSignal) {\n  return scope(async (s) => {\n    s.spawn((taskSignal) => save(taskSignal));\n    const n = await load(); // counted\n    s.spawn((taskSignal) => save(taskSignal).then(() => n));\n    return n;\n  }, { signal });\n}`,
          },
        ],
      })),
    },
    {
      // A one-line body stays on one line; a name already in use is not shadowed.
      code: `${decls}export class Job {\n  async run(s: string) { save(); return s; }\n}`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 26,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}export class Job {\n  async run(s: string) { await save(); return s; }\n}` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}export class Job {\n  async run(s: string) { return scope(async (s1) => { s1.spawn((signal) => save(signal)); return s; }); }\n}`,
            },
          ],
        },
      ],
    },
    {
      // Lines inside a template literal keep their text.
      code: `${decls}export const f = async () => {\n  save();\n  return \`a\nb\`;\n};`,
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: `${decls}export const f = async () => {\n  await save();\n  return \`a\nb\`;\n};` },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\n${decls}export const f = async () => {\n  return scope(async (s) => {\n    s.spawn((signal) => save(signal));\n    return \`a\nb\`;\n  });\n};`,
            },
          ],
        },
      ],
    },
    {
      // An event handler is a sync function.
      code: `declare function save(): Promise<void>;\nexport const Save = () => <button onClick={() => void save()}>Save</button>;`,
      filename: 'react.tsx',
      errors: [{ messageId: 'floatingInSync', line: 2, column: 50, suggestions: [] }],
    },
    {
      code: `declare function save(signal?: AbortSignal): Promise<void>;\nexport function Form() {\n  const onSubmit = async () => {\n    save();\n  };\n  return <form onSubmit={onSubmit} />;\n}`,
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'floating',
          line: 4,
          column: 5,
          suggestions: [
            {
              messageId: 'awaitPromise',
              output: `declare function save(signal?: AbortSignal): Promise<void>;\nexport function Form() {\n  const onSubmit = async () => {\n    await save();\n  };\n  return <form onSubmit={onSubmit} />;\n}`,
            },
            {
              messageId: 'spawnIntoScope',
              output: `import { scope } from 'taskscope';\n\ndeclare function save(signal?: AbortSignal): Promise<void>;\nexport function Form() {\n  const onSubmit = async () => {\n    return scope(async (s) => {\n      s.spawn((signal) => save(signal));\n    });\n  };\n  return <form onSubmit={onSubmit} />;\n}`,
            },
          ],
        },
      ],
    },
    {
      code: "export async function f() {\n  fetch('/a');\n}",
      filename: 'file.js',
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: "export async function f() {\n  await fetch('/a');\n}" },
            {
              messageId: 'spawnIntoScope',
              output: "import { scope } from 'taskscope';\n\nexport async function f() {\n  return scope(async (s) => {\n    s.spawn((signal) => fetch('/a', { signal }));\n  });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "async function work() {\n  await fetch('/a');\n}\nexport function isPending() {\n  const p = work();\n  return !!p;\n}",
      filename: 'file.js',
      errors: [{ messageId: 'unusedPromise', line: 5, column: 9, suggestions: [] }],
    },
    {
      // `.then(ok, handler)` rejects when `ok` throws: the handler only sees `save`'s failure.
      code: `${decls}export function f() {\n  const saved = save().then(() => {\n    throw new Error('not saved');\n  }, console.error);\n}`,
      errors: [{ messageId: 'unusedPromise', data: { name: 'saved' }, line: 4, column: 9, suggestions: [] }],
    },
    {
      // Reported on the IIFE's first line only.
      code: `${decls}export function start() {\n  (async () => {\n    await save();\n  })();\n}`,
      errors: [{ messageId: 'floatingInSync', line: 4, column: 3, endLine: 4, endColumn: 17, suggestions: [] }],
    },
    {
      // Functions of another file are read too: only the one that can reject is reported.
      code: "import { sendLoudly, sendQuietly } from './quiet.js';\nexport function onTick() {\n  sendQuietly();\n  sendLoudly();\n}",
      errors: [{ messageId: 'floatingInSync', line: 4, column: 3, suggestions: [] }],
    },
    {
      // A value of unknown type is judged by its shape: `.then(…)` makes a promise.
      code: "declare const api: any;\nexport function f() {\n  api.get('/a').then((r: unknown) => r);\n}",
      errors: [{ messageId: 'floatingInSync', line: 3, column: 3, suggestions: [] }],
    },
    {
      // In a test file only dropped assertions are reported: they never fail the test.
      code: `${decls}${testing}it('loads', () => {\n  expect(load()).rejects.toThrow();\n  load().then((n) => expect(n).toBe(1));\n  save();\n});`,
      filename: 'floating.spec.ts',
      errors: [
        { messageId: 'floatingInSync', line: 6, column: 3, suggestions: [] },
        { messageId: 'floatingInSync', line: 7, column: 3, suggestions: [] },
      ],
    },
    {
      // checkTestFiles: a test file (by folder) is checked as any other.
      code: `${decls}${testing}it('saves', () => {\n  save();\n});`,
      filename: 'tests/floating.ts',
      options: [{ checkTestFiles: true }],
      errors: [{ messageId: 'floatingInSync', line: 6, column: 3, suggestions: [] }],
    },
    {
      code: `${decls}export function demo() {\n  save();\n}`,
      filename: 'examples/floating.ts',
      options: [{ checkExamples: true }],
      errors: [{ messageId: 'floatingInSync', line: 4, column: 3, suggestions: [] }],
    },
  ],
});

syntacticTester.run('no-floating-promises (syntactic)', rule, {
  valid: [
    // What the fallback deliberately doesn't know: a promise only its type reveals.
    'declare function save(): Promise<void>;\nsave();',
    'declare const pending: Promise<void>;\npending;',
    "async function f() {\n  const r = fetch('/a');\n  return r;\n}",
    { code: "fetch('/a').then(() => {}, report);", filename: 'react.tsx' },
    // A local async function that cannot reject, known without types.
    'async function tick() {}\nexport function f() {\n  tick();\n}',
  ],
  invalid: [
    {
      code: "async function save(signal?: AbortSignal) { await fetch('/save', { signal }); }\nexport async function f() {\n  save();\n}",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: "async function save(signal?: AbortSignal) { await fetch('/save', { signal }); }\nexport async function f() {\n  await save();\n}" },
            {
              messageId: 'spawnIntoScope',
              output:
                "import { scope } from 'taskscope';\n\nasync function save(signal?: AbortSignal) { await fetch('/save', { signal }); }\nexport async function f() {\n  return scope(async (s) => {\n    s.spawn((signal) => save(signal));\n  });\n}",
            },
          ],
        },
      ],
    },
    {
      // Work that takes no signal: only the await.
      code: "async function log(line: string) { await fetch('/log', { method: 'POST', body: line }); }\nexport async function f() {\n  log('start');\n}",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: "async function log(line: string) { await fetch('/log', { method: 'POST', body: line }); }\nexport async function f() {\n  await log('start');\n}" },
          ],
        },
      ],
    },
    {
      // Without types any returned value may be a handle: the function is not made a scope.
      code: "async function save(signal?: AbortSignal) { await fetch('/save', { signal }); }\nexport async function f() {\n  save();\n  return 1;\n}",
      errors: [
        {
          messageId: 'floating',
          line: 3,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: "async function save(signal?: AbortSignal) { await fetch('/save', { signal }); }\nexport async function f() {\n  await save();\n  return 1;\n}" },
          ],
        },
      ],
    },
    {
      code: "fetch('/a').then((r) => r.json());",
      filename: 'react.tsx',
      errors: [{ messageId: 'floating', line: 1, column: 1, suggestions: [] }],
    },
    {
      code: "export function f(url: string) {\n  const r = fetch(url);\n  r.ok;\n}",
      errors: [{ messageId: 'unusedPromise', line: 2, column: 9, suggestions: [] }],
    },
    {
      // A const bound to a promise shape is known without types.
      code: "export function f() {\n  const r = fetch('/a');\n  void r;\n}",
      errors: [{ messageId: 'floatingInSync', line: 3, column: 3, suggestions: [] }],
    },
    {
      code: "fetch('/a').catch(undefined);",
      errors: [{ messageId: 'floatingUselessHandler', line: 1, column: 1, suggestions: [] }],
    },
    {
      code: 'export function f(ids: string[]) {\n  ids.map((id) => fetch(`/items/${id}`));\n}',
      errors: [{ messageId: 'floatingArray', line: 2, column: 3, suggestions: [] }],
    },
    {
      // `expect(p).rejects…` is a promise by its shape.
      code: "it('fails', () => {\n  expect(fetch('/a')).rejects.toThrow();\n});",
      filename: 'floating.spec.ts',
      errors: [{ messageId: 'floatingInSync', line: 2, column: 3, suggestions: [] }],
    },
  ],
});

espreeTester.run('no-floating-promises (espree)', rule, {
  valid: [
    "async function f() {\n  await fetch('/a');\n}",
    "fetch('/a').catch(console.error);",
    // An executor that never calls `reject`: the promise cannot reject.
    'new Promise((resolve) => setTimeout(resolve, 10));',
  ],
  invalid: [
    {
      code: "async function f() {\n  fetch('/a');\n}",
      errors: [
        {
          messageId: 'floating',
          line: 2,
          column: 3,
          suggestions: [
            { messageId: 'awaitPromise', output: "async function f() {\n  await fetch('/a');\n}" },
            {
              messageId: 'spawnIntoScope',
              output: "import { scope } from 'taskscope';\n\nasync function f() {\n  return scope(async (s) => {\n    s.spawn((signal) => fetch('/a', { signal }));\n  });\n}",
            },
          ],
        },
      ],
    },
    {
      code: "new Promise((resolve, reject) => setTimeout(() => reject(new Error('timeout')), 10));",
      errors: [{ messageId: 'floating', line: 1, column: 1, suggestions: [] }],
    },
    {
      code: "async function f() {\n  const a = fetch('/a');\n  await fetch('/b');\n  await a;\n}",
      errors: [
        {
          messageId: 'awaitedTooLate',
          line: 2,
          column: 9,
          suggestions: [
            {
              messageId: 'spawnIntoScope',
              output:
                "import { scope } from 'taskscope';\n\nasync function f() {\n  return scope(async (s) => {\n    const a = s.spawn((signal) => fetch('/a', { signal }));\n    await fetch('/b');\n    await a;\n  });\n}",
            },
          ],
        },
      ],
    },
  ],
});
