import rule from '../../src/rules/require-signal-propagation.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

/** `no-dom/file.ts` belongs to a project without the DOM lib or @types/node, where `AbortSignal` does not resolve. */
type Filename = 'file.ts' | 'react.tsx' | 'file.js' | 'no-dom/file.ts';

/** One finding at line:column with its single suggestion (or none, when `output` is undefined). */
function invalid(code: string, at: [line: number, column: number], data: { callee: string; signal: string }, output?: string, filename: Filename = 'file.ts') {
  const [line, column] = at;
  return {
    code,
    filename,
    errors: [
      {
        messageId: 'missingSignal' as const,
        data,
        line,
        column,
        suggestions: output === undefined ? [] : [{ messageId: 'passSignal' as const, data: { signal: data.signal }, output }],
      },
    ],
  };
}

typedTester.run('require-signal-propagation (typed)', rule, {
  valid: [
    // A listener on an object the function made goes with that object.
    'function upload(url: string, signal: AbortSignal) {\n  const xhr = new XMLHttpRequest();\n  xhr.open("PUT", url);\n  return new Promise<number>((resolve) => {\n    xhr.upload.addEventListener("progress", () => undefined);\n    xhr.addEventListener("load", () => resolve(xhr.status));\n  });\n}',
    // The signal is passed.
    'async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal });\n}',
    'async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { method: "GET", signal: AbortSignal.any([signal]) });\n}',
    // An options spread that carries a signal.
    'async function load(url: string, init: { signal: AbortSignal; method: string }, signal: AbortSignal) {\n  return fetch(url, { ...init });\n}',
    // No signal in scope.
    'async function load(url: string) {\n  return fetch(url);\n}',
    // A parameter named signal that is no AbortSignal.
    'function show(signal: string) {\n  return fetch("/" + signal);\n}',
    // An optional options object: `opts.signal` would not compile.
    'async function load(url: string, opts?: { signal?: AbortSignal }) {\n  return fetch(url);\n}',
    // A nested function declaration or a stored function runs later: not part of this work.
    'async function run(signal: AbortSignal) {\n  function later() {\n    return fetch("/later");\n  }\n  const onClick = () => fetch("/click");\n  return [later, onClick];\n}',
    // A callback that binds its own `signal` hides the outer one.
    'async function run(signal: AbortSignal, names: string[]) {\n  names.forEach((signal) => fetch(signal));\n}',
    // A method's decorators and computed name run outside it: its parameters are not in scope there.
    'declare function trace(p: Promise<Response>): MethodDecorator;\nclass A {\n  @trace(fetch("/a"))\n  [String(fetch("/b"))](signal: AbortSignal) {}\n}',
    // The callee takes no signal.
    'function log(message: string) {}\nasync function run(signal: AbortSignal) {\n  log("start");\n}',
    // Calls on the signal itself.
    'function watch(signal: AbortSignal) {\n  signal.addEventListener("abort", () => {}, { once: true });\n}',
    // A listener registered with the signal is removed when it aborts.
    'function listen(signal: AbortSignal, target: EventTarget, onMessage: (event: Event) => void) {\n  target.addEventListener("message", onMessage, { signal });\n}',
    // The signal is passed somewhere else.
    'declare function guarded(signal: AbortSignal, work: () => void, options?: { signal?: AbortSignal }): void;\nfunction run(signal: AbortSignal) {\n  guarded(signal, () => {});\n}',
    // A string where the options could go can't carry a signal.
    'declare function read(path: string, options?: string | { signal?: AbortSignal }): Promise<string>;\nasync function run(signal: AbortSignal) {\n  return read("a.txt", "utf8");\n}',
    // A spread argument hides the slot.
    'async function run(signal: AbortSignal, args: [string, RequestInit]) {\n  return fetch(...args);\n}',
    // Cleanup runs because the work is ending, often because it was cancelled: the signal must not stop it.
    "export async function run(signal: AbortSignal) {\n  try {\n    await fetch('/a', { signal });\n  } finally {\n    await fetch('/unlock', { method: 'POST' });\n  }\n}",
    // Also in a callback that runs as part of the cleanup.
    "export async function run(signal: AbortSignal, locks: string[]) {\n  try {\n    await fetch('/a', { signal });\n  } finally {\n    await Promise.all(locks.map((lock) => fetch(lock, { method: 'DELETE' })));\n  }\n}",
    {
      code: "import { map } from 'taskscope';\nexport const load = (urls: string[]) => map(urls, (url, signal) => fetch(url, { signal }));",
    },
    {
      code: 'function Profile({ signal }: { signal: AbortSignal }) {\n  void fetch("/me", { signal });\n  return <div />;\n}',
      filename: 'react.tsx',
    },
    { code: 'async function load(url) {\n  return fetch(url);\n}', filename: 'file.js' },
  ],
  invalid: [
    invalid(
      'async function load(url: string, signal: AbortSignal) {\n  return fetch(url);\n}',
      [2, 10],
      { callee: 'fetch', signal: 'signal' },
      'async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal });\n}',
    ),
    // A signal parameter of another name; an options literal gets a `signal` member.
    invalid(
      "async function load(url: string, abort: AbortSignal) {\n  return fetch(url, { method: 'POST' });\n}",
      [2, 10],
      { callee: 'fetch', signal: 'abort' },
      "async function load(url: string, abort: AbortSignal) {\n  return fetch(url, { method: 'POST', signal: abort });\n}",
    ),
    // A `catch` block may hold a fallback that is real work: it gets the signal too.
    invalid(
      "export async function run(signal: AbortSignal) {\n  try {\n    return await fetch('/a', { signal });\n  } catch {\n    return fetch('/fallback');\n  }\n}",
      [5, 12],
      { callee: 'fetch', signal: 'signal' },
      "export async function run(signal: AbortSignal) {\n  try {\n    return await fetch('/a', { signal });\n  } catch {\n    return fetch('/fallback', { signal });\n  }\n}",
    ),
    // An options object's signal, read as `opts.signal`, into a multi-line literal.
    invalid(
      'async function load(url: string, opts: { signal: AbortSignal; retries: number }) {\n  return fetch(url, {\n    method: "POST",\n  });\n}',
      [2, 10],
      { callee: 'fetch', signal: 'opts.signal' },
      'async function load(url: string, opts: { signal: AbortSignal; retries: number }) {\n  return fetch(url, {\n    method: "POST",\n    signal: opts.signal,\n  });\n}',
    ),
    // A destructured signal; an options variable is spread.
    invalid(
      'const init: RequestInit = { method: "GET" };\nasync function load(url: string, { signal }: { signal?: AbortSignal } = {}) {\n  return fetch(url, init);\n}',
      [3, 10],
      { callee: 'fetch', signal: 'signal' },
      'const init: RequestInit = { method: "GET" };\nasync function load(url: string, { signal }: { signal?: AbortSignal } = {}) {\n  return fetch(url, { ...init, signal });\n}',
    ),
    // A positional AbortSignal parameter, after a skipped optional one.
    invalid(
      'declare function delay(ms: number, value?: string, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) {\n  await delay(5);\n}',
      [3, 9],
      { callee: 'delay', signal: 'signal' },
      'declare function delay(ms: number, value?: string, signal?: AbortSignal): Promise<void>;\nasync function run(signal: AbortSignal) {\n  await delay(5, undefined, signal);\n}',
    ),
    // A method whose options are a RequestInit.
    invalid(
      'class Client {\n  get(path: string, init?: RequestInit) {\n    return fetch(path, init);\n  }\n}\nasync function run(client: Client, signal: AbortSignal) {\n  return client.get("/me");\n}',
      [7, 10],
      { callee: 'get', signal: 'signal' },
      'class Client {\n  get(path: string, init?: RequestInit) {\n    return fetch(path, init);\n  }\n}\nasync function run(client: Client, signal: AbortSignal) {\n  return client.get("/me", { signal });\n}',
    ),
    {
      // A listener left registered after the work is cancelled. Said, not rewritten: removing it on abort
      // could leave code that waits for a last event hanging.
      code: 'function listen(signal: AbortSignal, target: EventTarget, onMessage: (event: Event) => void) {\n  target.addEventListener("message", onMessage);\n}',
      errors: [{ messageId: 'listenerOutlivesSignal' as const, data: { signal: 'signal' }, line: 2, column: 3, suggestions: [] }],
    },
    // A signal destructured from options in the body, under another name.
    invalid(
      'declare function download(url: string, signal?: AbortSignal): Promise<void>;\nexport async function run(options: { url: string; abortSignal?: AbortSignal }) {\n  const { abortSignal } = options;\n  await download(options.url);\n}',
      [4, 9],
      { callee: 'download', signal: 'abortSignal' },
      'declare function download(url: string, signal?: AbortSignal): Promise<void>;\nexport async function run(options: { url: string; abortSignal?: AbortSignal }) {\n  const { abortSignal } = options;\n  await download(options.url, abortSignal);\n}',
    ),
    // Without the DOM lib or @types/node the annotation still says what the parameter and the option are.
    invalid(
      'declare function download(url: string, options?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(url: string, abort: AbortSignal) {\n  await download(url);\n}',
      [3, 9],
      { callee: 'download', signal: 'abort' },
      'declare function download(url: string, options?: { signal?: AbortSignal }): Promise<void>;\nexport async function run(url: string, abort: AbortSignal) {\n  await download(url, { signal: abort });\n}',
      'no-dom/file.ts',
    ),
    // Through a callback, which runs as part of the same work.
    invalid(
      'async function loadAll(urls: string[], signal: AbortSignal) {\n  return Promise.all(urls.map((url) => fetch(url)));\n}',
      [2, 40],
      { callee: 'fetch', signal: 'signal' },
      'async function loadAll(urls: string[], signal: AbortSignal) {\n  return Promise.all(urls.map((url) => fetch(url, { signal })));\n}',
    ),
    // A nested scope not linked to its parent.
    invalid(
      "import { all } from 'taskscope';\nexport async function both(signal: AbortSignal) {\n  return all([(s) => fetch('/a', { signal: s }), (s) => fetch('/b', { signal: s })]);\n}",
      [3, 10],
      { callee: 'all', signal: 'signal' },
      "import { all } from 'taskscope';\nexport async function both(signal: AbortSignal) {\n  return all([(s) => fetch('/a', { signal: s }), (s) => fetch('/b', { signal: s })], { signal });\n}",
    ),
    // A taskscope task that ignores the signal it is given: the parameter is declared too.
    invalid(
      "import { map } from 'taskscope';\nexport const load = (urls: string[]) => map(urls, (url) => fetch(url));",
      [2, 60],
      { callee: 'fetch', signal: 'signal' },
      "import { map } from 'taskscope';\nexport const load = (urls: string[]) => map(urls, (url, signal) => fetch(url, { signal }));",
    ),
    // A scope body's signal is `s.signal`.
    invalid(
      "import { scope, sleep } from 'taskscope';\nexport const tick = () => scope(async (s) => {\n  await sleep(10);\n});",
      [3, 9],
      { callee: 'sleep', signal: 's.signal' },
      "import { scope, sleep } from 'taskscope';\nexport const tick = () => scope(async (s) => {\n  await sleep(10, s.signal);\n});",
    ),
    // A nullable signal where the callee takes `AbortSignal | undefined`: `?? undefined` makes it fit.
    invalid(
      'declare function download(url: string, signal?: AbortSignal): Promise<void>;\nexport async function run(url: string, opts: { signal: AbortSignal | null }) {\n  await download(url);\n}',
      [3, 9],
      { callee: 'download', signal: 'opts.signal' },
      'declare function download(url: string, signal?: AbortSignal): Promise<void>;\nexport async function run(url: string, opts: { signal: AbortSignal | null }) {\n  await download(url, opts.signal ?? undefined);\n}',
    ),
    // The signal's type does not fit (an overload that requires it): review, no suggestion.
    invalid(
      'declare function o(a: string): Promise<void>;\ndeclare function o(a: string, s: AbortSignal): Promise<void>;\nfunction run(opts: { signal: AbortSignal | undefined }) {\n  o("x");\n}',
      [4, 3],
      { callee: 'o', signal: 'opts.signal' },
    ),
    // Nor does a nullable one there: `?? undefined` is offered only where the slot takes `undefined`.
    invalid(
      'declare function o(a: string): Promise<void>;\ndeclare function o(a: string, s: AbortSignal): Promise<void>;\nfunction run(opts: { signal: AbortSignal | null }) {\n  o("x");\n}',
      [4, 3],
      { callee: 'o', signal: 'opts.signal' },
    ),
    invalid(
      'function Profile({ signal }: { signal: AbortSignal }) {\n  useData(() => fetch("/me"));\n  return <div />;\n}\ndeclare function useData(load: () => unknown): void;',
      [2, 17],
      { callee: 'fetch', signal: 'signal' },
      'function Profile({ signal }: { signal: AbortSignal }) {\n  useData(() => fetch("/me", { signal }));\n  return <div />;\n}\ndeclare function useData(load: () => unknown): void;',
      'react.tsx',
    ),
    invalid(
      'export async function load(url, signal) {\n  return fetch(url);\n}',
      [2, 10],
      { callee: 'fetch', signal: 'signal' },
      'export async function load(url, signal) {\n  return fetch(url, { signal });\n}',
      'file.js',
    ),
    // An untyped .js helper that destructures `{ signal }`.
    invalid(
      'function get(url, { signal } = {}) {\n  return fetch(url, { signal });\n}\nexport async function run(signal) {\n  return get("/a");\n}',
      [5, 10],
      { callee: 'get', signal: 'signal' },
      'function get(url, { signal } = {}) {\n  return fetch(url, { signal });\n}\nexport async function run(signal) {\n  return get("/a", { signal });\n}',
      'file.js',
    ),
  ],
});

syntacticTester.run('require-signal-propagation (syntactic)', rule, {
  valid: [
    // Method calls can't be resolved without types.
    'async function run(client: Client, signal: AbortSignal) {\n  return client.get("/me");\n}',
    // An options variable may carry a signal.
    'async function load(url: string, init: RequestInit, signal: AbortSignal) {\n  return fetch(url, init);\n}',
    // `opts` is not known to carry a signal unless the function reads `opts.signal`.
    'async function load(url: string, opts: Options) {\n  return fetch(url);\n}',
    // A local function without a signal parameter.
    'function get(url: string) {}\nasync function run(signal: AbortSignal) {\n  get("/a");\n}',
    { code: "import { map } from 'taskscope';\nmap(urls, (url, signal) => fetch(url, { signal }));", filename: 'react.tsx' },
  ],
  invalid: [
    invalid(
      'async function load(url: string, signal: AbortSignal) {\n  return fetch(url);\n}',
      [2, 10],
      { callee: 'fetch', signal: 'signal' },
      'async function load(url: string, signal: AbortSignal) {\n  return fetch(url, { signal });\n}',
    ),
    // Annotated AbortSignal, under another name.
    invalid(
      'async function load(url: string, abort?: AbortSignal) {\n  return fetch(url);\n}',
      [2, 10],
      { callee: 'fetch', signal: 'abort' },
      'async function load(url: string, abort?: AbortSignal) {\n  return fetch(url, { signal: abort });\n}',
    ),
    // `opts.signal` is read elsewhere, so it is in scope.
    invalid(
      'async function load(url: string, opts: Options) {\n  opts.signal.throwIfAborted();\n  return fetch(url);\n}',
      [3, 10],
      { callee: 'fetch', signal: 'opts.signal' },
      'async function load(url: string, opts: Options) {\n  opts.signal.throwIfAborted();\n  return fetch(url, { signal: opts.signal });\n}',
    ),
    // A same-file function with a `signal` parameter.
    invalid(
      'function wait(ms: number, signal?: AbortSignal) {}\nasync function run(signal: AbortSignal) {\n  await wait(5);\n}',
      [3, 9],
      { callee: 'wait', signal: 'signal' },
      'function wait(ms: number, signal?: AbortSignal) {}\nasync function run(signal: AbortSignal) {\n  await wait(5, signal);\n}',
    ),
    invalid(
      "import { all } from 'taskscope';\nconst page = () => all([() => fetch('/a'), async (s) => (await fetch('/b', { signal: s })).json()]);",
      [2, 31],
      { callee: 'fetch', signal: 'signal' },
      "import { all } from 'taskscope';\nconst page = () => all([(signal) => fetch('/a', { signal }), async (s) => (await fetch('/b', { signal: s })).json()]);",
      'react.tsx',
    ),
  ],
});

espreeTester.run('require-signal-propagation (espree)', rule, {
  valid: [
    'async function load(url, signal) {\n  return fetch(url, { signal });\n}',
    // Without types only plain-name callees are checked.
    'async function load(api, signal) {\n  return api.fetch("/a");\n}',
    // The task passes the outer signal on.
    "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url) => fetch(url, { signal }));\n}",
  ],
  invalid: [
    invalid(
      'async function load(url, signal) {\n  const res = await fetch(url);\n  return res.json();\n}',
      [2, 21],
      { callee: 'fetch', signal: 'signal' },
      'async function load(url, signal) {\n  const res = await fetch(url, { signal });\n  return res.json();\n}',
      'file.js',
    ),
    invalid(
      "import { withTimeout } from 'taskscope';\nwithTimeout(1000, async () => {\n  await fetch('/slow', {\n    method: 'POST',\n  });\n});",
      [3, 9],
      { callee: 'fetch', signal: 'signal' },
      "import { withTimeout } from 'taskscope';\nwithTimeout(1000, async (signal) => {\n  await fetch('/slow', {\n    method: 'POST',\n    signal,\n  });\n});",
      'file.js',
    ),
    // A taskscope call takes its signal in its options, known without types: the runtime may not be
    // installed yet when the codemod's next round reads what it wrote.
    invalid(
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url, s) => fetch(url, { signal: s }), { concurrency: 4 });\n}",
      [3, 10],
      { callee: 'map', signal: 'signal' },
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url, s) => fetch(url, { signal: s }), { concurrency: 4, signal });\n}",
      'file.js',
    ),
    // The tasks' `signal` is their own parameter, not the one in scope: the call still needs that one.
    invalid(
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url, signal) => fetch(url, { signal }));\n}",
      [3, 10],
      { callee: 'map', signal: 'signal' },
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url, signal) => fetch(url, { signal }), { signal });\n}",
      'file.js',
    ),
    // The task body refers to the outer `signal`, so its own is declared as `taskSignal`.
    invalid(
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url) => {\n    log(signal.aborted);\n    return fetch(url);\n  });\n}",
      [5, 12],
      { callee: 'fetch', signal: 'taskSignal' },
      "import { map } from 'taskscope';\nexport function load(urls, signal) {\n  return map(urls, (url, taskSignal) => {\n    log(signal.aborted);\n    return fetch(url, { signal: taskSignal });\n  });\n}",
      'file.js',
    ),
    invalid(
      "import * as ts from 'taskscope';\nts.scope(async (s) => {\n  s.spawn(() => fetch('/a'));\n});",
      [3, 17],
      { callee: 'fetch', signal: 'signal' },
      "import * as ts from 'taskscope';\nts.scope(async (s) => {\n  s.spawn((signal) => fetch('/a', { signal }));\n});",
      'file.js',
    ),
  ],
});
