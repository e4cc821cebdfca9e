import rule from '../../src/rules/no-uncancelled-race.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

const api = [
  'declare function getUser(id: string, signal?: AbortSignal): Promise<{ name: string }>;',
  'declare function compute(): number;',
  'function timeout(ms: number) {',
  "  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms));",
  '}',
].join('\n');

/** `api` plus the code, which starts on line 6. */
const withApi = (code: string): string => `${api}\n${code}`;
/** What a suggestion that adds `import { names } from 'taskscope'` to a `withApi` file produces. */
const importing = (names: string, code: string): string => `import { ${names} } from 'taskscope';\n\n${withApi(code)}`;

/** A component for the .tsx cases, which have no React types. */
const button = 'declare function Button(props: { onClick: () => unknown; children?: unknown }): null;';

const inlineTimer = "new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))";

typedTester.run('no-uncancelled-race (typed)', rule, {
  valid: [
    // A test's timeout of under a second: what it leaves ends with the test or soon after.
    { code: withApi("export async function t() {\n  await Promise.race([getUser('a'), new Promise((r) => setTimeout(r, 100))]);\n}"), filename: 'file.test.ts' },
    // A short sleep at the head of a chain is as short.
    {
      code: withApi("declare function sleep(ms: number): Promise<void>;\nexport async function t() {\n  const timedOut = Symbol('timeout');\n  await Promise.race([getUser('a'), sleep(100).then(() => timedOut)]);\n}"),
      filename: 'file.test.ts',
    },
    { code: withApi("const SHORT = 500;\nexport async function t() {\n  await Promise.race([getUser('a'), timeout(SHORT)]);\n}"), filename: 'tests/floating.ts' },
    // The losers' signal is aborted once the race settles.
    withApi(
      'async function first(urls: string[]) {\n  const controller = new AbortController();\n  try {\n    return await Promise.race(urls.map((u) => fetch(u, { signal: controller.signal })));\n  } finally {\n    controller.abort();\n  }\n}',
    ),
    withApi(
      'function first(a: string, b: string) {\n  const c = new AbortController();\n  return Promise.race([fetch(a, { signal: c.signal }), fetch(b, { signal: c.signal })]).finally(() => c.abort());\n}',
    ),
    withApi(
      'async function first(a: string, b: string) {\n  const c = new AbortController();\n  const winner = await Promise.race([getUser(a, c.signal), getUser(b, c.signal)]);\n  c.abort();\n  return winner;\n}',
    ),
    // Through `const { signal } = controller` and a variable holding the racer.
    withApi(
      'async function f(id: string) {\n  const controller = new AbortController();\n  const { signal } = controller;\n  const user = getUser(id, signal);\n  try {\n    return await Promise.race([user, fetch("/fallback", { signal })]);\n  } finally {\n    controller.abort();\n  }\n}',
    ),
    withApi(
      'async function f(id: string) {\n  const controller = new AbortController();\n  const signal = controller.signal;\n  const user = getUser(id, signal);\n  const winner = await Promise.race([user, getUser("fallback", signal)]);\n  controller.abort();\n  return winner;\n}',
    ),
    // Every loser is cancelled: the timer cleared and the work aborted.
    withApi(
      "async function f(url: string) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  const c = new AbortController();\n  try {\n    return await Promise.race([\n      fetch(url, { signal: c.signal }),\n      new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), 100); }),\n    ]);\n  } finally {\n    clearTimeout(timer);\n    c.abort();\n  }\n}",
    ),
    // A timeout that aborts the work when it fires, and is cleared when the work wins.
    withApi(
      "async function f(url: string) {\n  const c = new AbortController();\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  try {\n    return await Promise.race([\n      fetch(url, { signal: c.signal }),\n      new Promise<never>((_, reject) => { timer = setTimeout(() => { c.abort(); reject(new Error('timeout')); }, 100); }),\n    ]);\n  } finally {\n    clearTimeout(timer);\n  }\n}",
    ),
    // The racer's owner is released: `timer.clear` handed over, `reader.cancel()` after.
    withApi(
      'declare function deadline(ms: number): { promise: Promise<never>; clear(): void };\nfunction run(id: string) {\n  const timer = deadline(100);\n  const c = new AbortController();\n  const winner = Promise.race([getUser(id, c.signal), timer.promise]);\n  winner.then(timer.clear, timer.clear).finally(() => c.abort());\n  return winner;\n}',
    ),
    withApi(
      'async function first(reader: ReadableStreamDefaultReader<string>, backup: ReadableStreamDefaultReader<string>) {\n  const winner = await Promise.race([reader.read(), backup.read()]);\n  await reader.cancel();\n  await backup.cancel();\n  return winner;\n}',
    ),
    // A controller owned outside the function is released elsewhere.
    withApi(
      'const shutdown = new AbortController();\nexport function stop() { shutdown.abort(); }\nexport function next(id: string) {\n  return Promise.race([getUser(id, shutdown.signal), getUser("b", shutdown.signal)]);\n}',
    ),
    withApi(
      'class Poller {\n  private ac = new AbortController();\n  poll(id: string) { return Promise.race([getUser(id, this.ac.signal), getUser("b", this.ac.signal)]); }\n  close() { this.ac.abort(); }\n}',
    ),
    // Promises made elsewhere are the caller's to cancel; settled ones need nothing.
    withApi('function first<T>(promises: Promise<T>[]) {\n  return Promise.race(promises);\n}'),
    withApi("await Promise.race([Promise.resolve(1), Promise.reject(new Error('no'))]);"),
    // Typed: a call that returns no promise is no work, and `cached` was started by the caller.
    withApi('function pick(cached: Promise<number>) {\n  return Promise.race([compute(), cached]);\n}'),
    // Taskscope's race cancels its losers.
    withApi("import { race } from 'taskscope';\nawait race([(signal) => getUser('a', signal), (signal) => getUser('b', signal)]);"),
    // Not Promise.race.
    withApi('declare const lib: { race(xs: unknown[]): Promise<unknown> };\nawait lib.race([getUser("a"), getUser("b")]);'),
    {
      code: withApi(
        `export function Search() {\n  const onClick = async () => {\n    const c = new AbortController();\n    await Promise.race([getUser('a', c.signal), getUser('b', c.signal)]);\n    c.abort();\n  };\n  return <Button onClick={onClick}>go</Button>;\n}\n${button}`,
      ),
      filename: 'react.tsx',
    },
    {
      code: 'export async function first(urls) {\n  const ac = new AbortController();\n  try {\n    return await Promise.race(urls.map((u) => fetch(u, { signal: ac.signal })));\n  } finally {\n    ac.abort();\n  }\n}',
      filename: 'file.js',
    },
    // The request is given the signal, and loses only once that signal is aborted.
    withApi(
      "export function send(url: string, init?: RequestInit) {\n  return Promise.race([\n    fetch(url, init),\n    new Promise<never>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),\n  ]);\n}",
    ),
    // A helper from this file that only waits for an abort, against the caller's promise.
    withApi(
      "function aborted(signal: AbortSignal) {\n  return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));\n}\nexport function until(work: Promise<void>, signal: AbortSignal) {\n  return Promise.race([work, aborted(signal)]);\n}",
    ),
    // The abort listener is held in a variable (to be removed later); the request is given that signal.
    withApi(
      "export function send(url: string, signal: AbortSignal) {\n  let listener: (() => void) | undefined;\n  return Promise.race([\n    fetch(url, { signal }),\n    new Promise<never>((_, reject) => {\n      listener = () => reject(new Error('aborted'));\n      signal.addEventListener('abort', listener);\n    }),\n  ]).finally(() => signal.removeEventListener('abort', listener!));\n}",
    ),
    // The caller's work against a deadline whose timer is cleared in `finally`: nothing of ours is left.
    withApi(
      "export async function within<T>(work: Promise<T>, ms: number): Promise<T> {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  try {\n    return await Promise.race([work, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('timeout')), ms); })]);\n  } finally {\n    clearTimeout(timer);\n  }\n}",
    ),
    // The same, with the timer started by a helper that returns setTimeout's handle.
    withApi(
      "function safeSetTimeout(fn: () => void, ms: number) {\n  const t = setTimeout(fn, ms);\n  t.unref?.();\n  return t;\n}\nexport async function within<T>(work: Promise<T>, ms: number): Promise<T> {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  try {\n    return await Promise.race([work, new Promise<never>((_, reject) => { timer = safeSetTimeout(() => reject(new Error('timeout')), ms); })]);\n  } finally {\n    clearTimeout(timer);\n  }\n}",
    ),
    // The losing handshake is torn down in `catch` (the connection closed), the timer cleared in `finally`.
    withApi(
      "export class Connection {\n  declare private handshake: () => Promise<void>;\n  declare close: () => Promise<void>;\n  async open(): Promise<void> {\n    let timer: ReturnType<typeof setTimeout> | undefined;\n    try {\n      await Promise.race([this.handshake(), new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('handshake timed out')), 5000); })]);\n    } catch (error) {\n      await this.close();\n      throw error;\n    } finally {\n      clearTimeout(timer);\n    }\n  }\n}",
    ),
  ],
  invalid: [
    {
      // A helper's timer that nothing clears (not recognised as a hand-made timeout: the plain message).
      code: withApi(
        "function safeSetTimeout(fn: () => void, ms: number) {\n  const t = setTimeout(fn, ms);\n  t.unref?.();\n  return t;\n}\nexport async function within<T>(work: Promise<T>, ms: number): Promise<T> {\n  return Promise.race([work, new Promise<never>((_, reject) => { safeSetTimeout(() => reject(new Error('timeout')), ms); })]);\n}",
      ),
      errors: [{ messageId: 'uncancelled', line: 12 }],
    },
    {
      // An async wrapper hands back a promise of the handle: clearing that clears nothing.
      code: withApi(
        "async function arm(fn: () => void, ms: number) {\n  return setTimeout(fn, ms);\n}\nexport async function within<T>(work: Promise<T>, ms: number): Promise<T> {\n  let timer: any;\n  try {\n    return await Promise.race([work, new Promise<never>((_, reject) => { timer = arm(() => reject(new Error('timeout')), ms); })]);\n  } finally {\n    clearTimeout(timer);\n  }\n}",
      ),
      errors: [{ messageId: 'uncancelled' }],
    },
    {
      // In a test, a short sleep whose callback starts a long one waits as long as the longer.
      code: withApi("declare function sleep(ms: number): Promise<void>;\nexport async function t() {\n  await Promise.race([getUser('a'), sleep(100).then(() => sleep(5000))]);\n}"),
      filename: 'file.test.ts',
      errors: [{ messageId: 'uncancelled' }],
    },
    {
      // In a test too, a timer of a second or more (or of a delay not written here) outlives the test.
      code: withApi("declare function flushAll(): Promise<void>;\nexport async function t(ms: number) {\n  await Promise.race([flushAll(), timeout(1000)]);\n  await Promise.race([flushAll(), timeout(ms)]);\n}"),
      filename: 'file.test.ts',
      errors: [
        { messageId: 'uncancelledTimeout', line: 8, suggestions: [] },
        { messageId: 'uncancelledTimeout', line: 9, suggestions: [] },
      ],
    },
    {
      // A timer pushed into the racers after the work: neither loser is stopped. No suggestion for a variable.
      code: withApi("export function user(id: string) {\n  const racers = [getUser(id)];\n  racers.push(timeout(100));\n  return Promise.race(racers);\n}"),
      errors: [{ messageId: 'uncancelled', line: 9, column: 10, suggestions: [] }],
    },
    {
      // The abort the request loses to is not of a signal it was given. That racer takes no signal, so race()
      // would wait for it: no suggestion.
      code: withApi(
        "export function send(url: string, signal: AbortSignal) {\n  return Promise.race([\n    fetch(url),\n    new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),\n  ]);\n}",
      ),
      errors: [{ messageId: 'uncancelled', line: 7, column: 10, suggestions: [] }],
    },
    {
      // The hand-made timeout: the signal is threaded into fetch, the timer disappears, and its error is kept.
      code: withApi(`async function load(url: string) {\n  return Promise.race([\n    fetch(url),\n    ${inlineTimer},\n  ]);\n}`),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 7,
          column: 10,
          endColumn: 22,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                "async function load(url: string) {\n  return withTimeout(5000, (signal) => fetch(url, { signal })).catch((error: unknown) => {\n    throw error instanceof TimeoutError ? new Error('timeout') : error;\n  });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // A timeout helper from this file, first in the array; its delay is the argument.
      code: withApi('async function user(id: string, ms: number) {\n  return await Promise.race([timeout(ms), getUser(id)]);\n}'),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 7,
          column: 16,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                "async function user(id: string, ms: number) {\n  return await withTimeout(ms, (signal) => getUser(id, signal)).catch((error: unknown) => {\n    throw error instanceof TimeoutError ? new Error('timeout') : error;\n  });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // The work was started earlier, without a signal: no timeout could stop it, so no suggestion.
      code: withApi("async function user() {\n  const pending = getUser('a');\n  return Promise.race([pending, timeout(500)]);\n}"),
      errors: [{ messageId: 'uncancelledTimeout', line: 8, column: 10, suggestions: [] }],
    },
    {
      // Work that takes no signal: no suggestion.
      code: withApi('declare function legacyGet(url: string): Promise<Response>;\nexport const load = (url: string) => Promise.race([legacyGet(url), timeout(100)]);'),
      errors: [{ messageId: 'uncancelledTimeout', line: 7, column: 38, suggestions: [] }],
    },
    {
      // The timer's error uses the helper's parameter: it can't be kept where the race is, so no suggestion.
      code: withApi(
        'function after(ms: number) {\n  return new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms));\n}\nexport const load = (url: string) => Promise.race([fetch(url), after(100)]);',
      ),
      errors: [{ messageId: 'uncancelledTimeout', line: 9, column: 38, suggestions: [] }],
    },
    {
      // A signal in scope: the task's own replaces it in the work, and withTimeout is given the outer one. When that
      // outer signal's deadline is what fired, its TimeoutError passes through; only this timer's becomes its error.
      code: withApi("export async function first(signal: AbortSignal) {\n  return Promise.race([getUser('a', signal), timeout(100)]);\n}"),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 7,
          column: 10,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                "export async function first(signal: AbortSignal) {\n  return withTimeout(\n    100,\n    (taskSignal) => getUser('a', taskSignal),\n    { signal },\n  ).catch((error: unknown) => {\n    throw error instanceof TimeoutError && !signal.aborted ? new Error('timeout') : error;\n  });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // The work uses `error`, so the caught one gets another name; a local `TimeoutError` keeps its name.
      code: withApi(
        "class TimeoutError extends Error {}\nexport async function alert(error: unknown) {\n  return Promise.race([fetch('/alert', { method: 'POST', body: String(error) }), new Promise<never>((_, reject) => setTimeout(() => reject(new TimeoutError()), 100))]);\n}",
      ),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 8,
          column: 10,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: `import { TimeoutError as scopedTimeoutError, withTimeout } from 'taskscope';\n\n${withApi(
                "class TimeoutError extends Error {}\nexport async function alert(error: unknown) {\n  return withTimeout(100, (signal) => fetch('/alert', { method: 'POST', body: String(error), signal })).catch((error2: unknown) => {\n    throw error2 instanceof scopedTimeoutError ? new TimeoutError() : error2;\n  });\n}",
              )}`,
            },
          ],
        },
      ],
    },
    {
      // The timer's own error is kept, so the catch that tests for it still sees it.
      code: withApi(
        'class SlowError extends Error {}\nasync function load(url: string) {\n  try {\n    return await Promise.race([fetch(url), new Promise<never>((_, reject) => setTimeout(reject, 100, new SlowError()))]);\n  } catch (error) {\n    if (error instanceof SlowError) return undefined;\n    throw error;\n  }\n}',
      ),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 9,
          column: 18,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                'class SlowError extends Error {}\nasync function load(url: string) {\n  try {\n    return await withTimeout(100, (signal) => fetch(url, { signal })).catch((error: unknown) => {\n      throw error instanceof TimeoutError ? new SlowError() : error;\n    });\n  } catch (error) {\n    if (error instanceof SlowError) return undefined;\n    throw error;\n  }\n}',
              ),
            },
          ],
        },
      ],
    },
    {
      // Two requests race; the loser keeps downloading.
      code: withApi("const fastest = await Promise.race([fetch('/eu'), fetch('/us')]);"),
      errors: [
        {
          messageId: 'uncancelled',
          line: 6,
          column: 23,
          suggestions: [
            {
              messageId: 'useRace',
              output: importing('race', "const fastest = await race([\n  (signal) => fetch('/eu', { signal }),\n  (signal) => fetch('/us', { signal }),\n]);"),
            },
          ],
        },
      ],
    },
    {
      code: withApi('export function mirror(urls: string[]) {\n  return Promise.race(urls.map((u) => fetch(u)));\n}'),
      errors: [
        {
          messageId: 'uncancelled',
          line: 7,
          column: 10,
          suggestions: [
            {
              messageId: 'useRace',
              output: importing('race', 'export function mirror(urls: string[]) {\n  return race(urls.map((u) => (signal: AbortSignal) => fetch(u, { signal })));\n}'),
            },
          ],
        },
      ],
    },
    {
      // A controller is handed out but never aborted. The racers already get a signal that is not the one in scope,
      // so a task's signal would reach neither: no suggestion.
      code: withApi(
        "async function first() {\n  const c = new AbortController();\n  return Promise.race([getUser('a', c.signal), getUser('b', c.signal)]);\n}",
      ),
      errors: [{ messageId: 'uncancelled', line: 8, column: 10, suggestions: [] }],
    },
    {
      // Aborted only before the race: that cancels nothing the race leaves behind.
      code: withApi(
        "async function first() {\n  const c = new AbortController();\n  c.abort();\n  return Promise.race([getUser('a', c.signal), getUser('b', c.signal)]);\n}",
      ),
      errors: [{ messageId: 'uncancelled', line: 9, column: 10, suggestions: [] }],
    },
    {
      // Racers that pass the outer `signal`: the task's own replaces it, and race() is given the outer one.
      code: withApi("export async function first(signal: AbortSignal) {\n  return Promise.race([getUser('a', signal), getUser('b', signal)]);\n}"),
      errors: [
        {
          messageId: 'uncancelled',
          line: 7,
          column: 10,
          suggestions: [
            {
              messageId: 'useRace',
              output: importing(
                'race',
                "export async function first(signal: AbortSignal) {\n  return race([\n    (taskSignal) => getUser('a', taskSignal),\n    (taskSignal) => getUser('b', taskSignal),\n  ], { signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // One racer takes no signal: race() would wait for it, so no suggestion.
      code: withApi('declare function legacyGet(url: string): Promise<Response>;\nexport const load = (url: string) => Promise.race([fetch(url), legacyGet(url)]);'),
      errors: [{ messageId: 'uncancelled', line: 7, column: 38, suggestions: [] }],
    },
    {
      // The timer handle is kept but never cleared.
      code: withApi(
        'async function f(url: string) {\n  let timer;\n  return Promise.race([fetch(url), new Promise((_, reject) => { timer = setTimeout(reject, 10); })]);\n}',
      ),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 8,
          column: 10,
          suggestions: [
            {
              // The timer rejected with `undefined`, and so does the rewrite.
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                'async function f(url: string) {\n  let timer;\n  return withTimeout(10, (signal) => fetch(url, { signal })).catch((error: unknown) => {\n    throw error instanceof TimeoutError ? undefined : error;\n  });\n}',
              ),
            },
          ],
        },
      ],
    },
    {
      // A timer that resolves is not a timeout (withTimeout would reject instead), and it takes no signal: no suggestion.
      code: withApi("const first = await Promise.race([getUser('a'), new Promise((resolve) => setTimeout(resolve, 100))]);"),
      errors: [{ messageId: 'uncancelled', line: 6, column: 21, suggestions: [] }],
    },
    {
      // A `.catch` handler reads the message: the timer's error is kept, so it still finds it.
      code: withApi(
        "const user = await Promise.race([getUser('a'), timeout(50)]).catch((e) => (e.message === 'timeout' ? null : Promise.reject(e)));",
      ),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 6,
          column: 20,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                "const user = await withTimeout(50, (signal) => getUser('a', signal)).catch((error: unknown) => {\n  throw error instanceof TimeoutError ? new Error('timeout') : error;\n}).catch((e) => (e.message === 'timeout' ? null : Promise.reject(e)));",
              ),
            },
          ],
        },
      ],
    },
    {
      // Work that awaits inside the array can't move into a task: reported, nothing to offer.
      code: withApi('declare function nextId(): Promise<string>;\nawait Promise.race([getUser(await nextId()), timeout(100)]);'),
      errors: [{ messageId: 'uncancelledTimeout', line: 7, column: 7, suggestions: [] }],
    },
    {
      code: withApi("await globalThis.Promise.race([getUser('a'), getUser('b')]);"),
      errors: [
        {
          messageId: 'uncancelled',
          line: 6,
          column: 7,
          suggestions: [
            { messageId: 'useRace', output: importing('race', "await race([(signal) => getUser('a', signal), (signal) => getUser('b', signal)]);") },
          ],
        },
      ],
    },
    {
      code: withApi(
        `export function Profile({ id }: { id: string }) {\n  const onClick = async () => {\n    const user = await Promise.race([getUser(id), timeout(2000)]);\n    console.log(user.name);\n  };\n  return <Button onClick={onClick}>load</Button>;\n}\n${button}`,
      ),
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 8,
          column: 24,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                `export function Profile({ id }: { id: string }) {\n  const onClick = async () => {\n    const user = await withTimeout(\n      2000,\n      (signal) => getUser(id, signal),\n    ).catch((error: unknown) => {\n      throw error instanceof TimeoutError ? new Error('timeout') : error;\n    });\n    console.log(user.name);\n  };\n  return <Button onClick={onClick}>load</Button>;\n}\n${button}`,
              ),
            },
          ],
        },
      ],
    },
    {
      // A `const` arrow helper with `setTimeout(reject, ms, error)`.
      code: "const deadline = (ms) => new Promise((_, reject) => setTimeout(reject, ms, new Error('deadline')));\nexport function get(url) {\n  return Promise.race([fetch(url), deadline(3000)]);\n}",
      filename: 'file.js',
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 3,
          column: 10,
          suggestions: [
            {
              // JavaScript: no type annotation on the caught error.
              messageId: 'useWithTimeout',
              output:
                "import { TimeoutError, withTimeout } from 'taskscope';\n\nconst deadline = (ms) => new Promise((_, reject) => setTimeout(reject, ms, new Error('deadline')));\nexport function get(url) {\n  return withTimeout(3000, (signal) => fetch(url, { signal })).catch((error) => {\n    throw error instanceof TimeoutError ? new Error('deadline') : error;\n  });\n}",
            },
          ],
        },
      ],
    },
  ],
});

syntacticTester.run('no-uncancelled-race (syntactic)', rule, {
  valid: [
    { code: "declare function flushAll(): Promise<void>;\nexport async function t() {\n  await Promise.race([flushAll(), new Promise((r) => setTimeout(r))]);\n}", filename: 'file.test.ts' },
    withApi(
      'async function first(a: string, b: string) {\n  const c = new AbortController();\n  try {\n    return await Promise.race([getUser(a, c.signal), getUser(b, c.signal)]);\n  } finally {\n    c.abort();\n  }\n}',
    ),
    withApi('function first<T>(promises: Promise<T>[]) {\n  return Promise.race(promises);\n}'),
  ],
  invalid: [
    {
      // A test's race: the longest of its timers counts.
      code: "declare function flushAll(): Promise<void>;\nexport async function t() {\n  await Promise.race([flushAll(), new Promise((r) => { setTimeout(r, 10); setTimeout(r, 5000); })]);\n}",
      filename: 'file.test.ts',
      errors: [{ messageId: 'uncancelled', line: 3 }],
    },
    {
      // Without types every call counts as work. Neither racer takes a signal: no suggestion.
      code: withApi('function pick(cached: Promise<number>) {\n  return Promise.race([compute(), cached]);\n}'),
      errors: [{ messageId: 'uncancelled', line: 7, column: 10, suggestions: [] }],
    },
    {
      // Names are matched within the function: another function's `c.abort()` is not this controller's.
      code: withApi(
        "function one() {\n  const c = new AbortController();\n  return Promise.race([getUser('a', c.signal), getUser('b', c.signal)]);\n}\nfunction two() {\n  const c = new AbortController();\n  c.abort();\n}",
      ),
      errors: [{ messageId: 'uncancelled', line: 8, column: 10, suggestions: [] }],
    },
    {
      code: withApi(`export const load = (url: string) => Promise.race([fetch(url), ${inlineTimer}]);`),
      errors: [
        {
          messageId: 'uncancelledTimeout',
          line: 6,
          column: 38,
          suggestions: [
            {
              messageId: 'useWithTimeout',
              output: importing(
                'TimeoutError, withTimeout',
                "export const load = (url: string) => withTimeout(5000, (signal) => fetch(url, { signal })).catch((error: unknown) => {\n  throw error instanceof TimeoutError ? new Error('timeout') : error;\n});",
              ),
            },
          ],
        },
      ],
    },
  ],
});

espreeTester.run('no-uncancelled-race (espree)', rule, {
  valid: [
    'let timer;\nconst result = await Promise.race([job.run(), new Promise((_, reject) => { timer = setTimeout(reject, 1000); })]);\nclearTimeout(timer);\njob.cancel();',
  ],
  invalid: [
    {
      code: "export async function run(job) {\n  return Promise.race([job.run(), new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), 1000))]);\n}",
      filename: 'file.js',
      // Where `job.run` would take a signal is not known: no timeout could stop it, so no suggestion.
      errors: [{ messageId: 'uncancelledTimeout', line: 2, column: 10, suggestions: [] }],
    },
  ],
});
