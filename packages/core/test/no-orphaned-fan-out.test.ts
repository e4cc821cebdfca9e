import { describe, expect, it } from 'vitest';

import type { AnalysisContext } from '../src/lib/types.js';
import { noOrphanedFanOut } from '../src/rules/no-orphaned-fan-out/detector.js';
import { noUnboundedFanOut } from '../src/rules/no-unbounded-fan-out/detector.js';
import { contextFor, findingsOf, migrateFindings } from './typed-context.js';

// `send` is a request; `embed` is billed, which a handful of calls written side by side needs to be reported.
const prelude =
  'declare function send(url: string, init?: { signal?: AbortSignal }): Promise<string>;\ndeclare function embed(text: string, signal?: AbortSignal): Promise<number[]>;\ndeclare const urls: string[] | undefined;\n';
const orphaned = (context: AnalysisContext) => findingsOf(noOrphanedFanOut, context, { ...noOrphanedFanOut.defaultOptions, defaultConcurrency: 4 });
const unbounded = (context: AnalysisContext) => findingsOf(noUnboundedFanOut, context, { ...noUnboundedFanOut.defaultOptions, defaultConcurrency: 4 });

/** The code in an async function after the prelude, typed and syntactic. */
function each(body: string, check: (context: AnalysisContext, typed: boolean) => void): void {
  for (const typed of [true, false]) check(contextFor(`${prelude}async function f() {\n${body}\n}`, typed), typed);
}

describe('no-orphaned-fan-out: the tasks behind a name or a fallback', () => {
  const cases: [string, string, boolean][] = [
    ['an array held in a const', "const tasks = [send('/a'), embed('/b')];\nawait Promise.all(tasks);", true],
    ['a handful of requests none of which is billed', "const tasks = [send('/a'), send('/b')];\nawait Promise.all(tasks);", false],
    ['a map held in a const', "const tasks = (urls ?? []).map(async (u) => send(u));\nawait Promise.all(tasks);", true],
    ['work pushed in a loop', "const tasks = [];\nfor (const u of urls ?? []) tasks.push(send(u));\nawait Promise.all(tasks);", true],
    ['work pushed in a forEach callback', "const tasks: Promise<string>[] = [];\n(urls ?? []).forEach((u) => { tasks.push(send(u)); });\nawait Promise.all(tasks);", true],
    ['one push outside a loop', "const tasks = [];\ntasks.push(send('/a'));\nawait Promise.all(tasks);", false],
    ['an optional chain with a fallback', 'await Promise.all(urls?.filter(Boolean).map(async (u) => send(u)) ?? []);', true],
    ['an optional map with a fallback', 'await Promise.all(urls?.map(async (u) => send(u)) || []);', true],
    ['a const of inert values', 'const values = [Promise.resolve(1), Promise.resolve(2)];\nawait Promise.all(values);', false],
    ['a let (it may be reassigned)', "let tasks = [send('/a'), send('/b')];\nawait Promise.all(tasks);", false],
    ['a parameter-like name from elsewhere', 'await Promise.all(pending);', false],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(`declare const pending: Promise<string>[];\n${body}`, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
  });
});

describe('no-orphaned-fan-out: rewrites', () => {
  it('turns the elements of the const right before the call into tasks, their signals declared', () => {
    each("const tasks = [fetch('/a'), embed('/b')];\nawait Promise.all(tasks);", (context) => {
      expect(migrateFindings(context, orphaned(context))).toContain(
        "const tasks = [\n  (signal: AbortSignal) => fetch('/a', { signal }),\n  (signal: AbortSignal) => embed('/b', signal),\n];\nawait all(tasks);",
      );
    });
  });

  it('marks a const that is used elsewhere, typed, or declared earlier, instead of moving the work', () => {
    for (const body of [
      "const tasks = [fetch('/a'), embed('/b')];\nawait Promise.all(tasks);\nconsole.log(tasks);",
      "const tasks: Promise<unknown>[] = [fetch('/a'), embed('/b')];\nawait Promise.all(tasks);",
      "const tasks = [fetch('/a'), embed('/b')];\nawait fetch('/c');\nawait Promise.all(tasks);",
      'const tasks = [];\nfor (const u of urls ?? []) tasks.push(fetch(u));\nawait Promise.all(tasks);',
    ]) {
      each(body, (context) => {
        const [finding] = orphaned(context);
        expect(finding?.fixes).toEqual([]);
        const where = body.includes('push') ? 'as they are pushed into tasks' : 'where tasks is declared';
        expect(finding?.review).toMatchObject({ transform: 'promise-all', reason: expect.stringContaining(`Promise.all: the tasks start ${where}, not here;`) });
      });
    }
  });

  it('keeps the fallback when an optional chain becomes the items of map()', () => {
    each('await Promise.all(urls?.filter(Boolean).map(async (u) => fetch(u)) ?? []);', (context) => {
      expect(migrateFindings(context, orphaned(context))).toContain(
        'await map(\n  urls?.filter(Boolean) ?? [],\n  async (u, signal) => fetch(u, { signal }),\n  { concurrency: 4 },\n);',
      );
    });
    each('await Promise.all(urls?.map(async (u) => fetch(u)) ?? []);', (context) => {
      expect(migrateFindings(context, orphaned(context))).toContain('await map(urls ?? [], async (u, signal) => fetch(u, { signal }), { concurrency: 4 });');
    });
  });

  it('offers no rewrite where no task takes a signal, and marks the site: nothing could cancel them', () => {
    const marker = '  /* taskscope-migrate: Promise.all: no task takes an AbortSignal, so nothing could cancel them;\n     give the work one first */\n';
    const upload = 'declare function upload(url: string): Promise<string>;\ndeclare function sendEmail(to: string): Promise<void>;\n';
    const cases: [string, boolean[]][] = [
      [`${upload}export async function f() {\n  await Promise.all([upload('/a'), sendEmail('/b')]);\n}`, [true, false]],
      [`${upload}export async function f(urls: string[]) {\n  await Promise.all(urls.map((u) => upload(u)));\n}`, [true, false]],
      // Without types, what `send` takes is unknown: no signal is known to reach it.
      [`${prelude}export async function f() {\n  await Promise.all([send('/a'), sendEmail('/b')]);\n}`, [false]],
    ];
    for (const [code, modes] of cases) {
      for (const typed of modes) {
        const context = contextFor(code, typed);
        const [finding] = orphaned(context);
        expect(finding?.fixes, code).toEqual([]);
        expect(migrateFindings(context, [finding!])).toBe(code.replace('  await Promise.all(', `${marker}  await Promise.all(`));
      }
    }
    // Typed, `send` takes one in its options.
    const [typedSend] = orphaned(contextFor(`${prelude}export async function f() {\n  await Promise.all([send('/a'), embed('/b')]);\n}`, true));
    expect(typedSend?.fixes.map((fix) => [fix.messageId, fix.delivery])).toEqual([['useTaskscope', 'all']]);
  });

  it('rewrites a fan-out whose tasks pass the signal in scope, giving each the task\'s signal instead', () => {
    const context = contextFor(`${prelude}export async function f(signal: AbortSignal, ids: string[]) {\n  return Promise.all(ids.map((id) => send(id, { signal })));\n}`, true);
    expect(migrateFindings(context, orphaned(context))).toContain(
      '  return map(ids, (id, taskSignal) => send(id, { signal: taskSignal }), { concurrency: 4, signal });',
    );
  });

  it('sees the same shapes in no-unbounded-fan-out', () => {
    each('await Promise.allSettled(urls?.map((u) => send(u)) ?? []);', (context) => expect(unbounded(context)).toHaveLength(1));
    each('const tasks = (urls ?? []).map((u) => send(u));\nawait Promise.allSettled(tasks);', (context) => {
      const [finding] = unbounded(context);
      expect(finding?.fixes.map((fix) => fix.messageId)).toEqual(['limitConcurrency']);
      expect(migrateFindings(context, [finding!])).toContain('await allSettled(tasks, { concurrency: 4 });');
    });
  });
});

describe('the fan-out rules: one site, one finding', () => {
  const both = (context: AnalysisContext) => [...orphaned(context), ...unbounded(context)].map((f) => `${f.rule}:${f.messageId}`);
  it('reports a Promise.all over a collection of open size once, with both problems', () => {
    each('await Promise.all(urls!.map(async (u) => send(u)));', (context) => expect(both(context)).toEqual(['no-orphaned-fan-out:orphanedUnboundedFanOut']));
  });
  it('leaves to no-unbounded-fan-out what orphans nothing', () => {
    each('await Promise.all(urls!.map((u) => send(u).catch(() => "")));', (context) => expect(both(context)).toEqual(['no-unbounded-fan-out:unboundedFanOut']));
    each('await Promise.allSettled(urls!.map((u) => send(u)));', (context) => expect(both(context)).toEqual(['no-unbounded-fan-out:unboundedFanOut']));
  });
  it('says an orphaning fan-out of known size is not unbounded', () => {
    each("await Promise.all(['/a', '/b'].map(async (u) => embed(u)));", (context) => expect(both(context)).toEqual(['no-orphaned-fan-out:orphanedFanOut']));
  });
});

describe('no-orphaned-fan-out: a handful written side by side needs billed work', () => {
  const api =
    'declare function save(row: string): Promise<void>;\ndeclare function queryModel(q: string): Promise<string>;\ndeclare function sendEmail(to: string): Promise<void>;\n' +
    'declare function search(q: string): Promise<string[]>;\ndeclare function summarize(text: string): Promise<string>;\n' +
    'declare const llm: { invoke(prompt: string): Promise<string> };\ndeclare const openai: any;\n' +
    'declare const userModel: { create(row: string): Promise<void> };\ndeclare const pdf: { embedFont(name: string): Promise<void> };\n';
  const cases: [string, string, boolean][] = [
    ['two requests', "await Promise.all([send('/a'), send('/b')]);", false],
    ['a request and a write', "await Promise.all([send('/a'), save('b')]);", false],
    ['the first of two requests', "await Promise.any([send('/a'), send('/b')]);", false],
    ['pushed outside a loop', "const tasks = [];\ntasks.push(send('/a'));\ntasks.push(save('b'));\nawait Promise.all(tasks);", false],
    ['a model call by name', "await Promise.all([send('/a'), embed('b')]);", true],
    ['a model call beside a read, neither costly by its name alone', "await Promise.all([search('a'), summarize('b')]);", true],
    ['two model calls, the first to answer wins', "await Promise.any([queryModel('a'), queryModel('b')]);", true],
    ['a write on a data model', "await Promise.all([save('a'), userModel.create('b')]);", false],
    ['a font embedded in a PDF', "await Promise.all([save('a'), pdf.embedFont('b')]);", false],
    ['a model call by what its name asks', "await Promise.all([send('/a'), queryModel('b')]);", true],
    ['a method of a model', "await Promise.all([save('a'), llm.invoke('b')]);", true],
    ['an SDK request by its shape', "await Promise.all([save('a'), openai.chat.completions.create({ model: 'm' })]);", true],
    ['a message to a person', "await Promise.all([save('a'), sendEmail('b')]);", true],
    ['a function of the file that calls a model', "async function draft(s: string) { await save(s); return llm.invoke(s); }\nawait Promise.all([save('a'), draft('b')]);", true],
    ['a map over a collection, not billed', "await Promise.all((urls ?? []).map((u) => save(u)));", true],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    for (const typed of [true, false]) {
      expect(orphaned(contextFor(`${prelude}${api}async function f() {\n${body}\n}`, typed)), typed ? 'typed' : 'syntactic').toHaveLength(reported ? 1 : 0);
    }
  });
});

describe('no-orphaned-fan-out: what a callback starts', () => {
  const api = 'declare function stream(url: string): AsyncGenerator<string>;\ndeclare const held: Promise<string>;\nconst items = urls ?? [];\n';
  const cases: [string, string, boolean][] = [
    ['a stream it starts and drives with for await', 'await Promise.all(items.map(async (u) => {\n  const chunks = stream(u);\n  for await (const c of chunks) console.log(c);\n}));', true],
    ['a stream started once, outside it', "const chunks = stream('/a');\nawait Promise.all(items.map(async () => {\n  for await (const c of chunks) console.log(c);\n}));", false],
    ['an object literal whose field awaits work', 'await Promise.all(items.map(async (u) => ({ u, body: await send(u) })));', true],
    ['an object literal whose field awaits a promise held outside', 'await Promise.all(items.map(async (u) => ({ u, body: await held })));', false],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(`${api}${body}`, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
    // Tasks that settle each on their own are no-unbounded-fan-out's, which must see the same work.
    each(`${api}${body.replace('Promise.all(', 'Promise.allSettled(')}`, (context) => expect(unbounded(context)).toHaveLength(reported ? 1 : 0));
  });

  it('does not take for await over a plain array for work (typed)', () => {
    const body = 'declare function names(u: string): string[];\nawait Promise.all((urls ?? []).map(async (u) => {\n  for await (const n of names(u)) console.log(n);\n}));';
    expect(orphaned(contextFor(`${prelude}async function f() {\n${body}\n}`, true))).toHaveLength(0);
  });
});

describe('no-orphaned-fan-out: inert elements', () => {
  const store = (method: string) =>
    `class Store {\n  m = new Map<string, string>();\n  async lookup(k: string) {\n    const v = this.m.get(k);\n    if (!v) throw new Error(k);\n    return v;\n  }\n  async fetched(k: string) { return send(k); }\n  async waited(k: string) { await send(k); }\n  all(keys: string[]) { return Promise.all(keys.map(async (k) => this.${method}(k))); }\n}`;
  const cases: [string, string, boolean][] = [
    ['a method of this class that never suspends', store('lookup'), false],
    ['a method that returns work', store('fetched'), true],
    ['a method that awaits', store('waited'), true],
    ['a function declared here that never suspends', 'async function size(s: string): Promise<number> { return s.length; }\nawait Promise.all((urls ?? []).map((u) => size(u)));', false],
    ['a function declared here that returns work', 'async function sync(s: string) { return send(s); }\nawait Promise.all((urls ?? []).map((u) => sync(u)));', true],
    ['an arrow bound here that never suspends', 'const size = async (s: string) => s.length;\nawait Promise.all((urls ?? []).map((u) => size(u)));', false],
    ['an arrow bound here that returns work of any type', 'declare const api: any;\nconst sync = async (s: string) => api.upload(s);\nawait Promise.all((urls ?? []).map((u) => sync(u)));', true],
    ['dynamic imports', "await Promise.all([import('./a.js').then((m) => m.default), import('./b.js')]);", false],
    ['a dynamic import beside two requests', "await Promise.all([import('./a.js'), send('/b'), embed('/c')]);", true],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(body, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
  });
});

describe('no-orphaned-fan-out: a failure that aborts the siblings', () => {
  const fanOut = (work: string, handler: string) =>
    `const round = new AbortController();\nconst other = new AbortController();\nconst init = { signal: round.signal };\nawait Promise.${handler.startsWith('any:') ? 'any' : 'all'}((urls ?? []).map(async (u) => {\n  try {\n    return await ${work};\n  } catch (error) {\n    ${handler.replace('any:', '')}\n    throw error;\n  }\n}));`;
  const cases: [string, string, boolean][] = [
    ['aborts the controller whose signal each task got', fanOut('send(u, { signal: round.signal })', 'round.abort(error);'), false],
    ['the signal handed in a const of options', fanOut('send(u, init)', 'round.abort(error);'), false],
    ['aborts a controller the tasks were not given', fanOut('send(u, { signal: round.signal })', 'other.abort(error);'), true],
    ['aborts nothing', fanOut('send(u, init)', 'console.error(error);'), true],
    ['aborts only in a callback that may never run', fanOut('send(u, init)', 'setTimeout(() => round.abort(error));'), true],
    ['Promise.any still leaves the others running when one fulfils', fanOut('send(u, init)', 'any:round.abort(error);'), true],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(body, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
  });
});

describe('no-orphaned-fan-out: work worth cancelling, by name and by type', () => {
  const api = [
    'declare const batches: string[][];',
    'declare const store: { addDocuments(docs: string[]): Promise<void>; deleteMany(ids: string[]): Promise<void> };',
    'const fetchFont = (family: string) => fetch(`/fonts/${family}`).then((res) => res.arrayBuffer());',
    'interface Config { signal?: AbortSignal; tags?: string[] }',
    'declare function mergeConfig(config: Config): Promise<Config>;',
    'declare const configs: Config[];',
    'async function revive(this: unknown, value: string): Promise<string> { return value.trim(); }',
    '',
  ].join('\n');
  // [name, body, reported typed, reported without types]
  const cases: [string, string, boolean, boolean][] = [
    ['writes named add… / delete…', 'await Promise.all(batches.map((b) => store.addDocuments(b)));\nawait Promise.all([store.deleteMany(["a"]), store.deleteMany(["b"])]);', true, true],
    ['reads named fetch…, whatever they call', "await Promise.all([fetchFont('a'), fetchFont('b')]);", false, false],
    // A read given the caller's signal is still a read: left running after a sibling fails, it only ends on its own.
    [
      'downloads and lookups handed a signal',
      'declare function download(o: { url: string; abortSignal?: AbortSignal }): Promise<Uint8Array>;\ndeclare function getUser(id: string, signal: AbortSignal): Promise<string>;\ndeclare const urls: string[];\ndeclare const signal: AbortSignal;\nawait Promise.all(urls.map((url) => download({ url, abortSignal: signal })));\nawait Promise.all(urls.map((id) => getUser(id, signal)));',
      false,
      false,
    ],
    ['work of any other name handed a signal', 'declare function digest(url: string, signal: AbortSignal): Promise<string>;\ndeclare const urls: string[];\ndeclare const signal: AbortSignal;\nawait Promise.all(urls.map((url) => digest(url, signal)));', true, true],
    ['a call that hands back options holding the signal it takes', 'await Promise.all(configs.map((c) => mergeConfig(c)));', false, false],
    [
      'a function of the project named like a write, three calls down, doing local work',
      'function updateState(id: string) {\n  return id.length;\n}\nasync function c(id: string) {\n  return updateState(id);\n}\nasync function b(id: string) {\n  return c(id);\n}\nasync function a(id: string) {\n  await b(id);\n  throw new Error(id);\n}\nawait Promise.all(batches.flat().map((id) => a(id)));',
      false,
      false,
    ],
    // `call` is a name clients use: only types tell Function.prototype.call from it.
    ['a function run through .call', 'await Promise.all(batches.flat().map((v) => revive.call(null, v)));', false, true],
  ];
  it.each(cases)('%s', (_name, body, typedReported, untypedReported) => {
    each(`${api}${body}`, (context, typed) => expect(orphaned(context).length > 0).toBe(typed ? typedReported : untypedReported));
  });
});

describe('no-orphaned-fan-out: tasks that only tell every handler', () => {
  const api = 'class Handler {\n  async handleStart(run: string) {\n    await send(run);\n  }\n}\ndeclare const handlers: Handler[];\nconst items = urls ?? [];\n';
  const cases: [string, string, boolean][] = [
    [
      'a task whose work is a broadcast, beside a handle it builds',
      'await Promise.all(items.map(async (item) => {\n  await Promise.all(handlers.map((h) => h.handleStart(item)));\n  return new Map([[item, 1]]);\n}));',
      false,
    ],
    [
      'a task that also does work of its own',
      'await Promise.all(items.map(async (item) => {\n  await Promise.all(handlers.map((h) => h.handleStart(item)));\n  return send(item);\n}));',
      true,
    ],
  ];
  it.each(cases)('%s', (_name, body, reported) => {
    each(`${api}${body}`, (context) => expect(orphaned(context)).toHaveLength(reported ? 1 : 0));
  });
});
