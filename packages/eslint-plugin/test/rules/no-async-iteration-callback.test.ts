import rule from '../../src/rules/no-async-iteration-callback.js';
import { espreeTester, syntacticTester, typedTester } from '../rule-tester.js';

type Filename = 'file.ts' | 'react.tsx' | 'file.js';
type MessageId = 'asyncForEach' | 'discardedAsyncMap' | 'asyncPredicate' | 'asyncReducer';

/**
 * One finding at line:column, with the `await map(…)` suggestion's output, or none. The suggestion is offered only
 * where the iterations' work takes a signal: awaiting work that nothing could cancel is the author's call.
 */
function invalid(code: string, messageId: MessageId, method: string, at: [line: number, column: number], output?: string, filename: Filename = 'file.ts') {
  const [line, column] = at;
  return {
    code,
    filename,
    errors: [
      {
        messageId,
        data: { method },
        line,
        column,
        suggestions: output === undefined ? [] : [{ messageId: 'awaitMap' as const, output }],
      },
    ],
  };
}

/** A file without imports gets the runtime import on top. */
const withMap = (code: string, quote = "'") => `import { map } from ${quote}taskscope${quote};\n\n${code}`;

const save = 'declare function save(id: string): Promise<void>;\n';
/** Work that takes a signal: the `await map(…)` rewrite hands it each iteration's. */
const store = 'declare function store(id: string, signal?: AbortSignal): Promise<void>;\n';

typedTester.run('no-async-iteration-callback (typed)', rule, {
  valid: [
    `${save}export async function saveAll(ids: string[]) {\n  for (const id of ids) await save(id);\n}`,
    // The promises are used.
    `${save}export async function saveAll(ids: string[]) {\n  await Promise.all(ids.map(async (id) => save(id)));\n}`,
    `${save}export const pending = (ids: string[]) => ids.map(async (id) => save(id));`,
    // Synchronous callbacks.
    'export function show(ids: string[]) {\n  ids.forEach((id) => console.log(id));\n  return ids.filter((id) => id.length > 2);\n}',
    'declare function isKnown(id: string): boolean;\nexport const known = (ids: string[]) => ids.find((id) => isKnown(id));',
    'export function show(ids: string[], log: (id: string) => void) {\n  ids.forEach(log);\n}',
    // A forEach that awaits its callbacks.
    'declare const queue: { forEach(cb: (job: string) => Promise<void>): Promise<void> };\nexport async function drain() {\n  await queue.forEach(async (job) => {\n    console.log(job);\n  });\n}',
    // A map that returns a promise (the floating-promise rules own that).
    'declare const pool: { map<R>(fn: (x: string) => Promise<R>): Promise<R[]> };\npool.map(async (x) => x);',
    // The sequential-chain idiom: reduce over a promise accumulator.
    `${save}export async function inOrder(ids: string[]) {\n  await ids.reduce(async (previous, id) => {\n    await previous;\n    await save(id);\n  }, Promise.resolve());\n}`,
    // taskscope's own map.
    `import { map } from 'taskscope';\n${save}export async function saveAll(ids: string[]) {\n  await map(ids, async (id) => save(id));\n}`,
    // Spawned tasks have an owner; an async generator returns no promise.
    `import { scope } from 'taskscope';\n${save}export const saveAll = (ids: string[]) =>\n  scope((s) => {\n    ids.forEach((id) => s.spawn(() => save(id)));\n  });`,
    'export function each(ids: string[]) {\n  ids.forEach(async function* (id) {\n    yield id;\n  });\n}',
    // Iterations that cannot reject lose nothing when nobody awaits them: each failure is handled in place.
    `${save}declare function log(error: unknown): void;\nexport function saveAll(xs: string[]) {\n  xs.forEach(async (x) => {\n    try {\n      await save(x);\n    } catch (e) {\n      log(e);\n    }\n  });\n}`,
    `${save}export function saveAll(xs: string[]) {\n  xs.map(async (x) => {\n    await save(x).catch(() => undefined);\n  });\n}`,
    // Not an iteration method.
    'declare const emitter: { on(event: string, cb: () => Promise<void>): void };\nemitter.on("x", async () => {});',
    { code: 'export const List = ({ ids }: { ids: string[] }) => <ul>{ids.map((id) => <li key={id}>{id}</li>)}</ul>;', filename: 'react.tsx' },
    { code: 'export function show(ids) {\n  ids.forEach((id) => console.log(id));\n}', filename: 'file.js' },
    // Computed, but not a static name.
    `${save}declare const ids: string[];\ndeclare const method: 'forEach';\nids[method](async (id: string) => save(id));`,
  ],
  invalid: [
    invalid(
      `${store}export async function saveAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await store(id);\n  });\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
      withMap(`${store}export async function saveAll(ids: string[]) {\n  await map(ids, async (id, signal) => {\n    await store(id, signal);\n  });\n}`),
    ),
    // Work that takes no signal: reported, but no suggestion (nothing could cancel the iterations).
    invalid(`${save}export async function saveAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await save(id);\n  });\n}`, 'asyncForEach', 'forEach', [3, 7]),
    // Work given the signal in scope gets each iteration's instead, and map follows the one in scope.
    invalid(
      `${store}export async function saveAll(ids: string[], signal: AbortSignal) {\n  ids.forEach(async (id) => {\n    await store(id, signal);\n  });\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
      withMap(
        `${store}export async function saveAll(ids: string[], signal: AbortSignal) {\n  await map(ids, async (id, taskSignal) => {\n    await store(id, taskSignal);\n  }, { signal });\n}`,
      ),
    ),
    // The index moves behind map's signal; an existing taskscope import is extended.
    invalid(
      `import { sleep } from 'taskscope';\n${save}export async function saveAll(ids: string[]) {\n  ids.forEach(async (id, i) => {\n    await sleep(i * 10);\n    await save(id);\n  });\n}`,
      'asyncForEach',
      'forEach',
      [4, 7],
      `import { sleep, map } from 'taskscope';\n${save}export async function saveAll(ids: string[]) {\n  await map(ids, async (id, signal, i) => {\n    await sleep(i * 10, signal);\n    await save(id);\n  });\n}`,
    ),
    // A discarded map.
    invalid(
      `${store}export async function saveAll(ids: readonly string[]) {\n  ids.map(async (id) => store(id));\n  console.log("done");\n}`,
      'discardedAsyncMap',
      'map',
      [3, 7],
      withMap(`${store}export async function saveAll(ids: readonly string[]) {\n  await map(ids, async (id, signal) => store(id, signal));\n  console.log("done");\n}`, '"'),
    ),
    invalid(`${save}export async function saveAll(ids: readonly string[]) {\n  ids.map(async (id) => save(id));\n  console.log("done");\n}`, 'discardedAsyncMap', 'map', [3, 7]),
    // Typed: a reference to an async function (map would hand it no signal it takes: no suggestion), and a
    // concise arrow returning a promise.
    invalid(`${save}export async function saveAll(ids: string[]) {\n  ids.forEach(save);\n}`, 'asyncForEach', 'forEach', [3, 7]),
    invalid(`${store}export async function saveAll(ids: string[]) {\n  ids.forEach(store);\n}`, 'asyncForEach', 'forEach', [3, 7]),
    invalid(
      `${store}export async function saveAll(ids: string[]) {\n  ids.forEach((id) => store(id));\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
      withMap(`${store}export async function saveAll(ids: string[]) {\n  await map(ids, (id, signal) => store(id, signal));\n}`),
    ),
    // Outside an async function: no suggestion (the codemod marks it for review).
    invalid(`${save}export function saveAll(ids: string[]) {\n  ids.forEach(async (id) => save(id));\n}`, 'asyncForEach', 'forEach', [3, 7]),
    // The array argument has no counterpart in taskscope's map.
    invalid(
      `${save}export async function saveAll(ids: string[]) {\n  ids.forEach(async (id, i, all) => save(all[i - 1] ?? id));\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
    ),
    // A Set is not an array: reported, rewritten by hand.
    invalid(`${save}export async function saveAll(ids: Set<string>) {\n  ids.forEach(async (id) => save(id));\n}`, 'asyncForEach', 'forEach', [3, 7]),
    // Predicates see an always-truthy promise.
    invalid(
      'declare function isActive(id: string): Promise<boolean>;\nexport const active = (ids: string[]) => ids.filter(async (id) => await isActive(id));',
      'asyncPredicate',
      'filter',
      [2, 46],
    ),
    invalid(
      'declare function isActive(id: string): Promise<boolean>;\nexport const anyActive = (ids: string[]) => ids.some((id) => isActive(id));',
      'asyncPredicate',
      'some',
      [2, 49],
    ),
    invalid(
      'declare function isActive(id: string): Promise<boolean>;\nexport const last = (ids: string[]) =>\n  ids.findLastIndex(async function (id) {\n    return isActive(id);\n  });',
      'asyncPredicate',
      'findLastIndex',
      [3, 7],
    ),
    invalid(
      'declare function count(id: string): Promise<number>;\nexport function totals(ids: string[]) {\n  return ids.reduce(async (acc, id) => {\n    acc[id] = await count(id);\n    return acc;\n  }, {} as Record<string, number>);\n}',
      'asyncReducer',
      'reduce',
      [3, 14],
    ),
    invalid(
      `${store}export function SaveButton({ ids }: { ids: string[] }) {\n  const onClick = async () => {\n    ids.forEach(async (id) => {\n      await store(id);\n    });\n  };\n  return <button onClick={onClick}>Save</button>;\n}`,
      'asyncForEach',
      'forEach',
      [4, 9],
      withMap(
        `${store}export function SaveButton({ ids }: { ids: string[] }) {\n  const onClick = async () => {\n    await map(ids, async (id, signal) => {\n      await store(id, signal);\n    });\n  };\n  return <button onClick={onClick}>Save</button>;\n}`,
      ),
      'react.tsx',
    ),
    invalid(
      "export async function postAll(urls) {\n  urls.forEach(async (url) => {\n    await fetch(url, { method: 'POST' });\n  });\n}",
      'asyncForEach',
      'forEach',
      [2, 8],
      withMap("export async function postAll(urls) {\n  await map(urls, async (url, signal) => {\n    await fetch(url, { method: 'POST', signal });\n  });\n}"),
      'file.js',
    ),
    // A callback parameter of unknown type takes no signal anyone can see: no suggestion.
    invalid('export async function saveAll(ids, save) {\n  ids.forEach(async (id) => {\n    await save(id);\n  });\n}', 'asyncForEach', 'forEach', [2, 7], undefined, 'file.js'),
    invalid(
      'export async function check(ids, isValid) {\n  return ids.every(async (id) => isValid(id));\n}',
      'asyncPredicate',
      'every',
      [2, 14],
      undefined,
      'file.js',
    ),
    // The catch rethrows: the rejection still goes unhandled.
    invalid(
      `${store}export async function saveAll(xs: string[]) {\n  xs.forEach(async (x) => {\n    try {\n      await store(x);\n    } catch (e) {\n      console.error(e);\n      throw e;\n    }\n  });\n}`,
      'asyncForEach',
      'forEach',
      [3, 6],
      withMap(`${store}export async function saveAll(xs: string[]) {\n  await map(xs, async (x, signal) => {\n    try {\n      await store(x, signal);\n    } catch (e) {\n      console.error(e);\n      throw e;\n    }\n  });\n}`),
    ),
    // A predicate that cannot reject still hands `filter` an always-truthy promise.
    invalid(
      'declare function isActive(id: string): Promise<boolean>;\nexport const active = (ids: string[]) =>\n  ids.filter(async (id) => {\n    try {\n      return await isActive(id);\n    } catch {\n      return false;\n    }\n  });',
      'asyncPredicate',
      'filter',
      [3, 7],
    ),
    // A thisArg: reported, rewritten by hand.
    invalid(
      `${save}export async function saveAll(this: unknown, ids: string[]) {\n  ids.forEach(async function (id) {\n    await save(id);\n  }, this);\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
    ),
  ],
});

syntacticTester.run('no-async-iteration-callback (syntactic)', rule, {
  valid: [
    // References and non-async arrows need types.
    'async function saveAll(ids: string[]) {\n  ids.forEach(save);\n  ids.forEach((id) => save(id));\n}',
    'async function saveAll(ids: string[]) {\n  await Promise.all(ids.map(async (id) => save(id)));\n}',
    'async function inOrder(ids: string[]) {\n  await ids.reduce(async (previous, id) => {\n    await previous;\n    await save(id);\n  }, Promise.resolve());\n}',
    { code: 'const List = ({ ids }) => <ul>{ids.map(async (id) => <li>{await load(id)}</li>)}</ul>;', filename: 'react.tsx' },
  ],
  invalid: [
    // Without types, a function declared in the file with a signal parameter takes one.
    invalid(
      `${store}async function saveAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await store(id);\n  });\n}`,
      'asyncForEach',
      'forEach',
      [3, 7],
      withMap(`${store}async function saveAll(ids: string[]) {\n  await map(ids, async (id, signal) => {\n    await store(id, signal);\n  });\n}`),
    ),
    // A function of unknown signature takes no signal anyone can see: no suggestion.
    invalid('async function saveAll(ids: string[]) {\n  ids.forEach(async (id) => {\n    await save(id);\n  });\n}', 'asyncForEach', 'forEach', [2, 7]),
    // A local `map` is not shadowed; an index parameter that would meet a `signal` of the body, whose work gets
    // the iteration's signal in place of the one in scope.
    invalid(
      'declare function save(id: string, i: number, signal?: AbortSignal): Promise<void>;\nconst map = new Map();\nasync function saveAll(ids: string[], signal: AbortSignal) {\n  this.ids["forEach"](async (id, i) => save(id, i, signal));\n}',
      'asyncForEach',
      'forEach',
      [4, 12],
      'import { map as scopedMap } from "taskscope";\n\ndeclare function save(id: string, i: number, signal?: AbortSignal): Promise<void>;\nconst map = new Map();\nasync function saveAll(ids: string[], signal: AbortSignal) {\n  await scopedMap(this.ids, async (id, taskSignal, i) => save(id, i, taskSignal), { signal });\n}',
    ),
    invalid('ids.find(async (id) => (await load(id)).ok);', 'asyncPredicate', 'find', [1, 5], undefined, 'react.tsx'),
  ],
});

espreeTester.run('no-async-iteration-callback (espree)', rule, {
  valid: [
    'async function saveAll(ids) {\n  for (const id of ids) await save(id);\n}',
    // Each send's failure is reported where it happens: nothing is lost.
    'items.forEach(async (item) => {\n  try {\n    await send(item);\n  } catch (error) {\n    report(error);\n  }\n});',
  ],
  invalid: [
    invalid(
      'import { log } from "./log.js";\nexport async function loadAll(urls) {\n  urls.forEach(async (url) => {\n    log(await fetch(url));\n  });\n}',
      'asyncForEach',
      'forEach',
      [3, 8],
      'import { log } from "./log.js";\nimport { map } from "taskscope";\nexport async function loadAll(urls) {\n  await map(urls, async (url, signal) => {\n    log(await fetch(url, { signal }));\n  });\n}',
      'file.js',
    ),
    // Without types, readFile's options are not known to take a signal: no suggestion.
    invalid(
      'import { readFile } from "node:fs/promises";\nexport async function loadAll(paths) {\n  paths.forEach(async (path) => {\n    console.log(await readFile(path, "utf8"));\n  });\n}',
      'asyncForEach',
      'forEach',
      [3, 9],
      undefined,
      'file.js',
    ),
    invalid(
      'const totals = orders.reduce(async (sum, order) => sum + (await price(order)), 0);',
      'asyncReducer',
      'reduce',
      [1, 23],
      undefined,
      'file.js',
    ),
    // Top level: no suggestion.
    invalid('items.forEach(async (item) => {\n  await send(item);\n});', 'asyncForEach', 'forEach', [1, 7], undefined, 'file.js'),
  ],
});
