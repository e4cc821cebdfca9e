import rule from '../../src/rules/no-unchecked-settled.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

const api = [
  'declare function load(id: string, signal?: AbortSignal): Promise<string>;',
  'declare function report(results: unknown): void;',
  'declare const ids: string[];',
].join('\n');

/** `api` plus the code, which starts on line 4. */
const withApi = (code: string): string => `${api}\n${code}`;
/** What a suggestion that adds `import { allSettled } from 'taskscope'` to a `withApi` file produces. */
const importing = (code: string): string => `import { allSettled } from 'taskscope';\n\n${withApi(code)}`;

/** A component for the .tsx cases, which have no React types. */
const text = 'declare function Text(props: { children?: unknown }): null;';

/** Function wrappers, so the cases read as the code they stand for. */
const inAsync = (body: string): string => `async function run() {\n${body}\n}`;

typedTester.run('no-unchecked-settled (typed)', rule, {
  valid: [
    // Comparing status with 'rejected', in a loop and in a callback.
    withApi(inAsync("const results = await Promise.allSettled(ids.map((id) => load(id)));\nfor (const r of results) if (r.status === 'rejected') console.error(r.reason);")),
    withApi(inAsync("const results = await Promise.allSettled([load('a'), load('b')]);\nif (results.some((r) => r.status === 'rejected')) throw new Error('partial failure');")),
    // `!== 'fulfilled'`, and 'rejected' on the left.
    withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nreturn results.filter((r) => r.status !== 'fulfilled').length;")),
    withApi(inAsync("const [a] = await Promise.allSettled([load('a')]);\nif ('rejected' === a.status) throw a.reason;")),
    // Reading `reason`, also through destructuring and `in`.
    withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nfor (const { reason } of results as PromiseRejectedResult[]) console.error(reason);")),
    withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nreturn results.map((r) => ('reason' in r ? String(r.reason) : r.value));")),
    // A switch with a 'rejected' case or a default.
    withApi(inAsync("for (const r of await Promise.allSettled([load('a')])) {\n  switch (r.status) {\n    case 'fulfilled': break;\n    default: console.error(r.reason);\n  }\n}")),
    // `=== 'fulfilled'` with an else branch handles the rest; so does an early return with code after it.
    withApi(
      inAsync(
        "const [a, b] = await Promise.allSettled([load('a'), load('b')]);\nif (a.status === 'fulfilled') return a.value;\nif (b.status === 'fulfilled') return b.value;\nthrow new Error('neither loaded');",
      ),
    ),
    withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nfor (const r of results) {\n  if (r.status === 'fulfilled') console.log(r.value);\n  else throw new Error('failed');\n}")),
    // Handed on: to a function, returned, stored on an object, through `.then`.
    withApi(inAsync("report(await Promise.allSettled([load('a'), load('b')]));")),
    withApi('function loadAll() {\n  return Promise.allSettled(ids.map((id) => load(id)));\n}'),
    withApi("class Loader {\n  results: unknown;\n  async run() { this.results = await Promise.allSettled([load('a')]); }\n}"),
    withApi("void Promise.allSettled([load('a')]).then((results) => report(results));"),
    // Every destructured entry is examined.
    withApi(inAsync("const [a, b] = await Promise.allSettled([load('a'), load('b')]);\nif (a.status === 'rejected' || b.status === 'rejected') throw new Error('failed');")),
    // Taskscope's allSettled, checked.
    withApi("import { allSettled } from 'taskscope';\nconst results = await allSettled([(signal) => load('a', signal)]);\nreport(results.filter((r) => r.status === 'rejected'));"),
    // Typed: another `allSettled` that does not produce settled results.
    withApi('declare const queue: { allSettled(): Promise<number> };\nawait queue.allSettled();'),
    {
      code: withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nreturn <ul>{results.map((r) => (r.status === 'rejected' ? <li>{String(r.reason)}</li> : null))}</ul>;")),
      filename: 'react.tsx',
    },
    {
      code: "async function run(urls) {\n  const results = await Promise.allSettled(urls.map((u) => fetch(u)));\n  return results.filter((r) => r.status === 'rejected').map((r) => r.reason);\n}",
      filename: 'file.js',
    },
    // Not an allSettled at all.
    withApi("await Promise.all([load('a'), load('b')]);"),
    // No entry can reject: each failure is handled where it happens, so the results hold none.
    withApi(inAsync("const results = await Promise.allSettled([load('a').catch(() => null), load('b').catch(() => null)]);\nreturn results.length;")),
    withApi(inAsync('await Promise.allSettled(ids.map(async (id) => {\n  try {\n    await load(id);\n  } catch (error) {\n    console.error(error);\n  }\n}));')),
    // In a test, a failure that matters fails the test.
    { code: withApi("await Promise.allSettled([load('a'), load('b')]);"), filename: 'file.test.ts' },
  ],
  invalid: [
    {
      // Awaited as a statement: the results are dropped.
      code: withApi(inAsync('await Promise.allSettled(ids.map((id) => load(id)));')),
      errors: [
        {
          messageId: 'discarded',
          data: { callee: 'Promise.allSettled' },
          line: 5,
          column: 7,
          endColumn: 25,
          suggestions: [
            {
              messageId: 'useAllSettled',
              data: { name: 'allSettled' },
              output: importing(inAsync('await allSettled(ids.map((id) => (signal: AbortSignal) => load(id, signal)));')),
            },
          ],
        },
      ],
    },
    {
      code: withApi("void Promise.allSettled([load('a'), fetch('/b')]);"),
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 6,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing("void allSettled([(signal) => load('a', signal), (signal) => fetch('/b', { signal })]);"),
            },
          ],
        },
      ],
    },
    {
      // Only the count is read.
      code: withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nreturn results.length;")),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(inAsync("const results = await allSettled([(signal) => load('a', signal)]);\nreturn results.length;")),
            },
          ],
        },
      ],
    },
    {
      // An early return followed only by a fallback value is the ternary in longer form.
      code: withApi(inAsync("const [a] = await Promise.allSettled(ids.map(load));\nif (a?.status === 'fulfilled') return a.value;\nreturn null;\nfunction unused() {}")),
      errors: [{ messageId: 'unchecked', line: 5, column: 19, suggestions: [] }],
    },
    {
      // Filtering to the fulfilled entries drops the failures.
      code: withApi(inAsync("const results = await Promise.allSettled(ids.map(load));\nreturn results.filter((r) => r.status === 'fulfilled').map((r) => r.value);")),
      errors: [{ messageId: 'unchecked', line: 5, column: 23, suggestions: [] }],
    },
    {
      // A fallback value for failures is still an unchecked failure.
      code: withApi(inAsync("const results = await Promise.allSettled([load('a'), load('b')]);\nreturn results.map((r) => (r.status === 'fulfilled' ? r.value : null));")),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                inAsync("const results = await allSettled([\n  (signal) => load('a', signal),\n  (signal) => load('b', signal),\n]);\nreturn results.map((r) => (r.status === 'fulfilled' ? r.value : null));"),
              ),
            },
          ],
        },
      ],
    },
    {
      // Destructured: the second entry is never examined.
      code: withApi(inAsync("const [a, b] = await Promise.allSettled([load('a'), load('b')]);\nif (a.status === 'rejected') throw a.reason;\nreturn b.status === 'fulfilled' ? b.value : '';")),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          column: 22,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                inAsync("const [a, b] = await allSettled([\n  (signal) => load('a', signal),\n  (signal) => load('b', signal),\n]);\nif (a.status === 'rejected') throw a.reason;\nreturn b.status === 'fulfilled' ? b.value : '';"),
              ),
            },
          ],
        },
      ],
    },
    {
      // `.then` whose callback ignores the results.
      code: withApi("Promise.allSettled([load('a'), load('b')]).then(() => console.log('done')).catch(report);"),
      errors: [
        {
          messageId: 'unchecked',
          line: 4,
          column: 1,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing("allSettled([\n  (signal) => load('a', signal),\n  (signal) => load('b', signal),\n]).then(() => console.log('done')).catch(report);"),
            },
          ],
        },
      ],
    },
    {
      // A switch that only knows 'fulfilled'; a reduce that only sums values.
      code: withApi(
        inAsync(
          "for (const r of await Promise.allSettled([load('a')])) {\n  switch (r.status) {\n    case 'fulfilled': console.log(r.value);\n  }\n}\nconst sizes = await Promise.allSettled([load('b')]);\nreturn sizes.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.length : 0), 0);",
        ),
      ),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                inAsync(
                  "for (const r of await allSettled([(signal) => load('a', signal)])) {\n  switch (r.status) {\n    case 'fulfilled': console.log(r.value);\n  }\n}\nconst sizes = await Promise.allSettled([load('b')]);\nreturn sizes.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.length : 0), 0);",
                ),
              ),
            },
          ],
        },
        {
          messageId: 'unchecked',
          line: 10,
          column: 21,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                inAsync(
                  "for (const r of await Promise.allSettled([load('a')])) {\n  switch (r.status) {\n    case 'fulfilled': console.log(r.value);\n  }\n}\nconst sizes = await allSettled([(signal) => load('b', signal)]);\nreturn sizes.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.length : 0), 0);",
                ),
              ),
            },
          ],
        },
      ],
    },
    {
      // Destructuring `status` and `value` only; `let` assigned later.
      code: withApi(
        inAsync(
          "let results;\nresults = await Promise.allSettled([load('a')]);\nfor (const { status } of results) console.log(status === 'fulfilled' ? 'saved' : 'skipped');",
        ),
      ),
      errors: [
        {
          messageId: 'unchecked',
          line: 6,
          column: 17,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                inAsync(
                  "let results;\nresults = await allSettled([(signal) => load('a', signal)]);\nfor (const { status } of results) console.log(status === 'fulfilled' ? 'saved' : 'skipped');",
                ),
              ),
            },
          ],
        },
      ],
    },
    {
      // The inner `results` is another variable.
      code: withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nids.forEach((results) => report(results));")),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          column: 23,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(inAsync("const results = await allSettled([(signal) => load('a', signal)]);\nids.forEach((results) => report(results));")),
            },
          ],
        },
      ],
    },
    {
      // Taskscope's allSettled: review only, nothing to rewrite.
      code: withApi("import { allSettled as settle } from 'taskscope';\ndeclare const tasks: ((signal: AbortSignal) => Promise<string>)[];\nawait settle(tasks);"),
      errors: [{ messageId: 'discarded', data: { callee: 'settle' }, line: 6, column: 7, suggestions: [] }],
    },
    {
      // Typed: any `allSettled` returning settled results.
      code: withApi(
        'declare const pool: { allSettled<T>(tasks: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> };\ndeclare const jobs: (() => Promise<string>)[];\nawait pool.allSettled(jobs);',
      ),
      errors: [{ messageId: 'discarded', data: { callee: 'pool.allSettled' }, line: 6, column: 7, suggestions: [] }],
    },
    {
      // One entry can still reject, and its failure is dropped.
      code: withApi("await Promise.allSettled([load('a').catch(() => null), load('b')]);"),
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 7,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing("await allSettled([\n  (signal) => load('a', signal).catch(() => null),\n  (signal) => load('b', signal),\n]);"),
            },
          ],
        },
      ],
    },
    {
      // Work that takes no signal: taskscope's allSettled could cancel nothing, so no suggestion (the review stays).
      code: withApi("declare function legacyLoad(id: string): Promise<string>;\nawait Promise.allSettled([legacyLoad('a'), legacyLoad('b')]);"),
      errors: [{ messageId: 'discarded', line: 5, column: 7, suggestions: [] }],
    },
    {
      // Work that passes the outer `signal`: the task's own replaces it, and allSettled is given the outer one.
      code: withApi("export async function refresh(signal: AbortSignal) {\n  await Promise.allSettled([load('a', signal), load('b', signal)]);\n}"),
      errors: [
        {
          messageId: 'discarded',
          line: 5,
          column: 9,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                "export async function refresh(signal: AbortSignal) {\n  await allSettled([\n    (taskSignal) => load('a', taskSignal),\n    (taskSignal) => load('b', taskSignal),\n  ], { signal });\n}",
              ),
            },
          ],
        },
      ],
    },
    {
      // Test files are checked when asked.
      code: withApi("await Promise.allSettled([load('a'), load('b')]);"),
      filename: 'file.test.ts',
      options: [{ checkTestFiles: true }],
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 7,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing("await allSettled([(signal) => load('a', signal), (signal) => load('b', signal)]);"),
            },
          ],
        },
      ],
    },
    {
      code: withApi("await globalThis.Promise.allSettled([load('a')]);"),
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 7,
          suggestions: [{ messageId: 'useAllSettled', output: importing("await allSettled([(signal) => load('a', signal)]);") }],
        },
      ],
    },
    {
      code: withApi(
        `declare function useEffect(effect: () => void, deps: unknown[]): void;\nexport function Saver({ ids }: { ids: string[] }) {\n  useEffect(() => {\n    Promise.allSettled(ids.map((id) => load(id))).then((rs) => console.log(rs.length));\n  }, [ids]);\n  return <Text>saving</Text>;\n}\n${text}`,
      ),
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'unchecked',
          line: 7,
          column: 5,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(
                `declare function useEffect(effect: () => void, deps: unknown[]): void;\nexport function Saver({ ids }: { ids: string[] }) {\n  useEffect(() => {\n    allSettled(\n      ids.map((id) => (signal: AbortSignal) => load(id, signal)),\n    ).then((rs) => console.log(rs.length));\n  }, [ids]);\n  return <Text>saving</Text>;\n}\n${text}`,
              ),
            },
          ],
        },
      ],
    },
    {
      code: "export async function ping(urls) {\n  const results = await Promise.allSettled([fetch(urls[0]), fetch(urls[1])]);\n  const ok = results.find((r) => r.status === 'fulfilled');\n  return ok ? ok.value : undefined;\n}",
      filename: 'file.js',
      errors: [
        {
          messageId: 'unchecked',
          line: 2,
          column: 25,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output:
                "import { allSettled } from 'taskscope';\n\nexport async function ping(urls) {\n  const results = await allSettled([\n    (signal) => fetch(urls[0], { signal }),\n    (signal) => fetch(urls[1], { signal }),\n  ]);\n  const ok = results.find((r) => r.status === 'fulfilled');\n  return ok ? ok.value : undefined;\n}",
            },
          ],
        },
      ],
    },
  ],
});

syntacticTester.run('no-unchecked-settled (syntactic)', rule, {
  valid: [
    withApi(inAsync("const results = await Promise.allSettled([load('a')]);\nfor (const r of results) if (r.status === 'rejected') console.error(r.reason);")),
    withApi(inAsync("const [a] = await Promise.allSettled([load('a')]);\nconst { reason } = a as PromiseRejectedResult;\nreport(reason);")),
    // Without types, only Promise.allSettled and taskscope's allSettled are known.
    withApi(
      'declare const pool: { allSettled<T>(tasks: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> };\nawait pool.allSettled([() => load("a")]);',
    ),
    // A local `allSettled` that is not taskscope's.
    withApi('function allSettled() { return Promise.resolve(1); }\nawait allSettled();'),
  ],
  invalid: [
    {
      code: withApi("await Promise.allSettled([load('a'), load('b')]);"),
      errors: [
        {
          messageId: 'discarded',
          line: 4,
          column: 7,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing("await allSettled([(signal) => load('a', signal), (signal) => load('b', signal)]);"),
            },
          ],
        },
      ],
    },
    {
      // Names are followed: `rs` holds the results, and `rs.filter` keeps only the fulfilled.
      code: withApi(inAsync("const p = Promise.allSettled([load('a')]);\nconst rs = await p;\nreturn rs.filter((r) => r.status === 'fulfilled');")),
      errors: [
        {
          messageId: 'unchecked',
          line: 5,
          column: 11,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: importing(inAsync("const p = allSettled([(signal) => load('a', signal)]);\nconst rs = await p;\nreturn rs.filter((r) => r.status === 'fulfilled');")),
            },
          ],
        },
      ],
    },
    {
      code: withApi(
        "import * as ts from 'taskscope';\ndeclare const tasks: ((signal: AbortSignal) => Promise<string>)[];\nts.allSettled(tasks).then((results) => results.forEach((r) => r.status === 'fulfilled' && console.log(r.value)));",
      ),
      errors: [{ messageId: 'unchecked', data: { callee: 'ts.allSettled' }, line: 6, column: 1, suggestions: [] }],
    },
  ],
});

espreeTester.run('no-unchecked-settled (espree)', rule, {
  valid: [
    "const results = await Promise.allSettled([fetch('/a')]);\nconst failed = results.filter((r) => r.status === 'rejected');\nif (failed.length) throw new AggregateError(failed.map((r) => r.reason));",
    // Deliberately not followed: the results handed to a helper count as examined.
    "const results = await Promise.allSettled([fetch('/a')]);\nlog(results);",
  ],
  invalid: [
    {
      filename: 'file.js',
      code: "async function sync(jobs) {\n  await Promise.allSettled(jobs.map((job) => fetch(job.url)));\n}",
      errors: [
        {
          messageId: 'discarded',
          line: 2,
          column: 9,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output:
                "import { allSettled } from 'taskscope';\n\nasync function sync(jobs) {\n  await allSettled(jobs.map((job) => (signal) => fetch(job.url, { signal })));\n}",
            },
          ],
        },
      ],
    },
    {
      filename: 'file.js',
      code: 'Promise["allSettled"]([fetch("/a")]).then(([r]) => console.log(r.status === "fulfilled" ? r.value : null));',
      errors: [
        {
          messageId: 'unchecked',
          line: 1,
          column: 1,
          suggestions: [
            {
              messageId: 'useAllSettled',
              output: 'import { allSettled } from "taskscope";\n\nallSettled([(signal) => fetch("/a", { signal })]).then(([r]) => console.log(r.status === "fulfilled" ? r.value : null));',
            },
          ],
        },
      ],
    },
  ],
});
