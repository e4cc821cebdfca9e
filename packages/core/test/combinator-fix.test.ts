import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { combinatorFix } from '../src/lib/combinator-fix.js';
import { applyEdits, planEdits } from '../src/lib/edits.js';
import { parseSourceFile } from '../src/lib/locate.js';
import { promiseCombinatorOf } from '../src/lib/syntax.js';
import type { AnalysisContext } from '../src/lib/types.js';
import { firstCall } from './typed-context.js';

const fixOptions = { messageId: 'useTaskscope', transform: 'promise-all' } as const;

function rewrite(context: AnalysisContext, concurrency?: number): string | undefined {
  const fix = combinatorFix(firstCall(context.sourceFile, (call) => promiseCombinatorOf(call) !== undefined), context, { ...fixOptions, concurrency });
  return fix && applyEdits(context.sourceFile.text, planEdits(context.sourceFile, [fix]).edits);
}

function syntactic(code: string, fileName = 'file.ts', concurrency?: number): string | undefined {
  return rewrite({ sourceFile: parseSourceFile(fileName, code), checker: undefined }, concurrency);
}

const runtimeIndex = fileURLToPath(new URL('../../runtime/src/index.ts', import.meta.url));

/** A program over in-memory files plus the default libs, with `taskscope` mapped to the runtime's source. */
function program(files: Record<string, string>, overrides: ts.CompilerOptions = {}): ts.Program {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.esnext.disposable.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    paths: { taskscope: [runtimeIndex] },
    ...overrides,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => {
    const text = files[name];
    return text === undefined ? getSourceFile(name, version) : ts.createSourceFile(name, text, version, true);
  };
  return ts.createProgram({ rootNames: Object.keys(files), options, host });
}

function typedContext(code: string): AnalysisContext {
  const typed = program({ '/virtual/file.ts': code });
  return { sourceFile: typed.getSourceFile('/virtual/file.ts')!, checker: typed.getTypeChecker() };
}

describe('combinatorFix: array literals', () => {
  it('turns calls into signal thunks and other values into plain thunks', () => {
    expect(syntactic('const r = await Promise.all([a(1), p, 2, Promise.resolve(3)]);')).toBe(
      "import { all } from 'taskscope';\n\nconst r = await all([(signal) => a(1), () => p, () => 2, () => Promise.resolve(3)]);",
    );
  });

  it('keeps comments and layout inside the array', () => {
    const code = [
      'const [u, o] = await Promise.all([',
      '  // the user',
      '  getUser(id), /* and */',
      '  getOrders(id).then((r) => r.items),',
      ']);',
    ].join('\n');
    expect(syntactic(code)).toBe(
      [
        "import { all } from 'taskscope';",
        '',
        'const [u, o] = await all([',
        '  // the user',
        '  (signal) => getUser(id), /* and */',
        '  (signal) => getOrders(id).then((r) => r.items),',
        ']);',
      ].join('\n'),
    );
  });

  it('maps each combinator to its taskscope namesake', () => {
    expect(syntactic('Promise.any([a(), b()]);')).toBe("import { any } from 'taskscope';\n\nany([(signal) => a(), (signal) => b()]);");
    expect(syntactic('Promise.race([a(), b()]);')).toBe("import { race } from 'taskscope';\n\nrace([(signal) => a(), (signal) => b()]);");
    expect(syntactic('Promise.allSettled([a(), b()]);')).toBe(
      "import { allSettled } from 'taskscope';\n\nallSettled([(signal) => a(), (signal) => b()]);",
    );
  });

  it('threads the signal into calls that accept one, and not into nested callbacks', () => {
    expect(syntactic("Promise.all([fetch(a), fetch(b, { method: 'POST' }).then(() => fetch(c))]);")).toBe(
      "import { all } from 'taskscope';\n\nall([\n  (signal) => fetch(a, { signal }),\n  (signal) => fetch(b, { method: 'POST', signal }).then(() => fetch(c)),\n]);",
    );
    expect(syntactic('Promise.all(urls.map((url) => fetch(url)));')).toBe(
      "import { map } from 'taskscope';\n\nmap(urls, (url, signal) => fetch(url, { signal }));",
    );
  });

  it('renames the parameter when an element already uses `signal`', () => {
    expect(syntactic('Promise.all([a(signal), fetch(b, { signal })]);')).toBe(
      "import { all } from 'taskscope';\n\nall([(taskSignal) => a(signal), (taskSignal) => fetch(b, { signal })]);",
    );
  });

  it('parenthesizes object literals and adds the concurrency option', () => {
    expect(syntactic('Promise.all([{ a: 1 } as X, b()]);', 'file.ts', 4)).toBe(
      "import { all } from 'taskscope';\n\nall([() => ({ a: 1 } as X), (signal) => b()], { concurrency: 4 });",
    );
  });

  it('merges into an existing import and respects an alias', () => {
    expect(syntactic('import { all as tsAll } from "taskscope";\nPromise.all([a(), b()]);')).toBe(
      'import { all as tsAll } from "taskscope";\ntsAll([(signal) => a(), (signal) => b()]);',
    );
  });

  it('imports under an alias where a local already has the name', () => {
    expect(syntactic('const all = 1;\nPromise.all([a(), b()]);')).toBe(
      "import { all as scopedAll } from 'taskscope';\n\nconst all = 1;\nscopedAll([(signal) => a(), (signal) => b()]);",
    );
  });

  it('gives up on shapes it cannot rewrite faithfully', () => {
    expect(syntactic('Promise.all([a(), ...rest]);')).toBeUndefined();
    expect(syntactic('Promise.all([a(), , b()]);')).toBeUndefined();
    expect(syntactic('async function f() { await Promise.all([a(), b(await c())]); }')).toBeUndefined();
    expect(syntactic('Promise.all<[number, number]>([a(), b()]);')).toBeUndefined();
    expect(syntactic('Promise.all(promises);')).toBeUndefined();
    expect(syntactic('Promise.all(xs.map(f, thisArg));')).toBeUndefined();
    expect(syntactic('Promise.all(xs.map((x, i, all) => f(x, i, all)));')).toBeUndefined();
  });
});

describe('combinatorFix: map shapes', () => {
  it('rewrites Promise.all over .map to taskscope map with the signal second', () => {
    expect(syntactic('await Promise.all(items.map((item) => load(item)));')).toBe(
      "import { map } from 'taskscope';\n\nawait map(items, (item, signal) => load(item));",
    );
    expect(syntactic('await Promise.all(items.map(item => load(item)));')).toBe(
      "import { map } from 'taskscope';\n\nawait map(items, (item, signal) => load(item));",
    );
    expect(syntactic('await Promise.all(items.map(async (item, i) => { await load(item, i); }));')).toBe(
      "import { map } from 'taskscope';\n\nawait map(items, async (item, signal, i) => { await load(item, i); });",
    );
    expect(syntactic('await Promise.all((items.map(function (item) { return load(item); })));', 'file.js')).toBe(
      "import { map } from 'taskscope';\n\nawait map(items, function (item, signal) { return load(item); });",
    );
  });

  it('adds the concurrency limit to map', () => {
    expect(syntactic('await Promise.all(items.map((item) => load(item)));', 'file.ts', 8)).toBe(
      "import { map } from 'taskscope';\n\nawait map(items, (item, signal) => load(item), { concurrency: 8 });",
    );
  });

  it('rewrites Array.from over an iterable, and a length object into thunks', () => {
    expect(syntactic('await Promise.all(Array.from(ids, (id) => load(id)));')).toBe(
      "import { map } from 'taskscope';\n\nawait map(ids, (id, signal) => load(id));",
    );
    // A thunk a `.map` returns has no contextual type: in TypeScript its signal is declared AbortSignal.
    expect(syntactic('await Promise.all(Array.from({ length: 3 }, (_, i) => load(i)));')).toBe(
      "import { all } from 'taskscope';\n\nawait all(Array.from({ length: 3 }, (_, i) => (signal: AbortSignal) => load(i)));",
    );
    expect(syntactic('await Promise.all(Array.from({ length: 3 }, (_, i) => load(i)));', 'file.js')).toBe(
      "import { all } from 'taskscope';\n\nawait all(Array.from({ length: 3 }, (_, i) => (signal) => load(i)));",
    );
  });

  it('makes other combinators map to thunks, moving `async` onto the task', () => {
    expect(syntactic('await Promise.allSettled(items.map(async (item) => load(item)));', 'file.ts', 2)).toBe(
      "import { allSettled } from 'taskscope';\n\nawait allSettled(\n  items.map((item) => async (signal: AbortSignal) => load(item)),\n  { concurrency: 2 },\n);",
    );
    expect(syntactic('await Promise.any(items.map((item) => { return load(item); }));')).toBe(
      "import { any } from 'taskscope';\n\nawait any(items.map((item) => (signal: AbortSignal) => { return load(item); }));",
    );
  });

  it('avoids a local `map` and leaves named callbacks alone without types', () => {
    expect(syntactic('const map = new Map();\nPromise.all(xs.map((x) => f(x)));')).toBe(
      "import { map as scopedMap } from 'taskscope';\n\nconst map = new Map();\nscopedMap(xs, (x, signal) => f(x));",
    );
    expect(syntactic('Promise.all(ids.map(load));')).toBeUndefined();
  });
});

describe('combinatorFix: delivery (whether the tasks\' signals reach work that takes one)', () => {
  const deliveryOf = (code: string, fileName = 'file.ts'): string | undefined => {
    const context = { sourceFile: parseSourceFile(fileName, code), checker: undefined };
    return combinatorFix(firstCall(context.sourceFile, (call) => promiseCombinatorOf(call) !== undefined), context, fixOptions)?.delivery;
  };

  it.each([
    ['every element', 'Promise.all([fetch(a), fetch(b)]);', 'all'],
    ['some elements', 'Promise.all([fetch(a), b()]);', 'some'],
    ['no element', 'Promise.all([a(), b()]);', 'none'],
    ['a value that is no work beside work that takes one', 'Promise.all([fetch(a), p]);', 'some'],
    ['a map callback', 'Promise.all(urls.map((u) => fetch(u)));', 'all'],
    ['a map callback whose work takes none', 'Promise.all(ids.map((id) => load(id)));', 'none'],
    ['a local function declaring a signal parameter', 'async function load(id: string, signal?: AbortSignal) {}\nPromise.any([load(a), load(b)]);', 'all'],
    ['work already given another signal', 'declare const other: AbortSignal;\nPromise.all([fetch(a, { signal: other }), fetch(b, { signal: other })]);', 'none'],
  ])('%s', (_name, code, expected) => {
    expect(deliveryOf(code)).toBe(expected);
  });

  it('replaces the signal in scope, which the combinator then follows, with the task\'s', () => {
    const code = 'async function f(opts: { signal: AbortSignal }) {\n  await Promise.all([fetch(a, { signal: opts.signal }), fetch(b, { signal: opts.signal })]);\n}';
    expect(deliveryOf(code)).toBe('all');
    expect(syntactic(code)).toBe(
      "import { all } from 'taskscope';\n\nasync function f(opts: { signal: AbortSignal }) {\n  await all([\n    (taskSignal) => fetch(a, { signal: taskSignal }),\n    (taskSignal) => fetch(b, { signal: taskSignal }),\n  ], { signal: opts.signal });\n}",
    );
  });

  it('counts work given the signal in scope under the name `signal` as delivered to', () => {
    const code = 'async function f(signal: AbortSignal) {\n  await Promise.all([fetch(a, { signal }), fetch(b, { signal })]);\n}';
    expect(syntactic(code)).toContain('(taskSignal) => fetch(a, { signal: taskSignal })');
    expect(deliveryOf(code)).toBe('all');
  });
});

describe('combinatorFix: typed', () => {
  it('maps arrays directly and other `.map` receivers through thunks', () => {
    const code = [
      'declare function load(id: string): Promise<number>;',
      'declare const ids: string[];',
      'declare const list: { map<U>(fn: (id: string) => U): U[] };',
      'Promise.all(ids.map((id) => load(id)));',
      'Promise.all(list.map((id) => load(id)));',
    ].join('\n');
    const context = typedContext(code);
    const [first, second] = context.sourceFile.statements.slice(3) as ts.ExpressionStatement[];
    const apply = (statement: ts.ExpressionStatement | undefined): string => {
      const fix = combinatorFix(statement!.expression as ts.CallExpression, context, fixOptions);
      return applyEdits(code, fix!.edits).split('\n')[statement === first ? 3 : 4]!;
    };
    expect(apply(first)).toBe('map(ids, (id, signal) => load(id));');
    expect(apply(second)).toBe('all(list.map((id) => (signal: AbortSignal) => load(id)));');
  });

  it('wraps a named callback only when it takes one parameter', () => {
    const unary = 'declare function load(id: string): Promise<number>;\ndeclare const ids: string[];\nPromise.all(ids.map(load));';
    expect(rewrite(typedContext(unary))).toBe(
      "import { map } from 'taskscope';\n\ndeclare function load(id: string): Promise<number>;\ndeclare const ids: string[];\nmap(ids, (item, signal) => load(item));",
    );
    const binary = 'declare function load(id: string, i: number): Promise<number>;\ndeclare const ids: string[];\nPromise.all(ids.map(load));';
    expect(rewrite(typedContext(binary))).toBeUndefined();
  });
});

describe('combinatorFix: output typechecks against the runtime', () => {
  const declarations = [
    'interface User { name: string }',
    'declare function getUser(): Promise<User>;',
    'declare function getOrders(): Promise<number[]>;',
    'declare const ids: readonly string[];',
    'declare function load(id: string, signal?: AbortSignal): Promise<boolean>;',
  ].join('\n');

  const cases = [
    ['const [u, o] = await Promise.all([getUser(), getOrders()]);', 'const check: [User, number[]] = [u, o];'],
    ['const flags = await Promise.all(ids.map((id) => load(id)));', 'const check: boolean[] = flags;'],
    ['const first = await Promise.any([getUser(), getUser()]);', 'const check: User = first;'],
    ['const settled = await Promise.allSettled([getUser(), 1]);', 'const check: [PromiseSettledResult<User>, PromiseSettledResult<number>] = settled;'],
    ['const all = await Promise.all(ids.map(async (id, i) => (await load(id)) && i > 0));', 'const check: boolean[] = all;'],
    // Thunks with no contextual type: their signal parameter is declared, or it would be an implicit any.
    ['const settled = await Promise.allSettled(ids.map(async (id) => load(id)));', 'const check: PromiseSettledResult<boolean>[] = settled;'],
    ['const pair = await Promise.all(Array.from({ length: 2 }, (_, i) => load(String(i))));', 'const check: boolean[] = pair;'],
    ["const tasks = [load('a'), load('b')];\nconst held = await Promise.all(tasks);", 'const check: boolean[] = held;'],
  ];

  it('keeps the result types, tuples included', () => {
    const files: Record<string, string> = {};
    cases.forEach(([line, check], index) => {
      const code = `${declarations}\n${line}\n${check}\nexport {};\n`;
      const output = rewrite({ sourceFile: parseSourceFile('file.ts', code), checker: undefined });
      expect(output).toContain("from 'taskscope'");
      expect(output).not.toContain('Promise.all');
      files[`/virtual/case${index}.ts`] = output!;
    });
    const typed = program(files);
    const errors = Object.keys(files).flatMap((name) =>
      ts
        .getPreEmitDiagnostics(typed, typed.getSourceFile(name))
        .map((d) => `${name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(errors).toEqual([]);
  });
});

describe('combinatorFix: items typed any', () => {
  // Where `noImplicitAny` is off (or the type is lost to an error), `items.map((x) => …)` gives x
  // `any`, and `map(items, (x) => …)` would infer `unknown`: the thunk form keeps the `any`.
  const code = (callback: string) =>
    `declare function send(to: string, signal?: AbortSignal): Promise<void>;\ndeclare const payload: any;\nexport async function notify() {\n  await Promise.all(payload.recipients.map(${callback}));\n}\n`;

  it.each([
    ['an unannotated item: a .map returning thunks', '(r) => send(r.address)', 'await all(payload.recipients.map((r) => (signal: AbortSignal) => send(r.address, signal)));'],
    ['an annotated item: map over the items', '(r: { address: string }) => send(r.address)', 'await map(payload.recipients, (r: { address: string }, signal) => send(r.address, signal));'],
  ])('%s, and the output typechecks', (_name, callback, expected) => {
    const output = rewrite(typedContext(code(callback)));
    expect(output).toContain(expected);
    const typed = program({ '/virtual/case.ts': output! }, { noImplicitAny: false });
    expect(ts.getPreEmitDiagnostics(typed, typed.getSourceFile('/virtual/case.ts')).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });
});

describe('promiseCombinatorOf', () => {
  const combinatorsIn = (code: string) => {
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      const combinator = promiseCombinatorOf(node);
      if (combinator) found.push(combinator);
      ts.forEachChild(node, visit);
    };
    visit(parseSourceFile('file.ts', code));
    return found;
  };

  it('knows the global Promise by name, also through globalThis and a computed member', () => {
    expect(combinatorsIn("Promise.all([a()]); Promise['race']([b()]); globalThis.Promise.any([c()]); other.all([d()]);")).toEqual([
      'all',
      'race',
      'any',
    ]);
  });

  it('skips `Promise.x` in a file that binds its own Promise, but not `globalThis.Promise.x`', () => {
    const bindings = [
      "import Promise from 'bluebird';",
      "import { Promise } from 'bluebird';",
      "import * as Promise from 'bluebird';",
      "const Promise = require('bluebird');",
      'function f(Promise: PromiseConstructor) {}',
    ];
    for (const binding of bindings) {
      expect(combinatorsIn(`${binding}\nPromise.all([a(), b()]);\nglobalThis.Promise.all([a(), b()]);`), binding).toEqual(['all']);
    }
    // A type or a value passed along is no binding.
    expect(combinatorsIn('const p: Promise<void> = f(Promise);\nPromise.all([a(), b()]);')).toEqual(['all']);
  });
});
