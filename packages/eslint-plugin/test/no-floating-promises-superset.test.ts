// Differential test: every line typescript-eslint's no-floating-promises (default
// options) reports, ours (default options) reports too, when the promise can
// reject. The snippets cover each category of invalid case without options in
// typescript-eslint's own suite, written afresh, over work that can fail
// (`failing()`). A second list holds the same shapes where nothing is lost (a
// promise that cannot reject, a script's entry, a rejection raised on purpose),
// which ours leaves alone on purpose (see the rule's docs), and a third what
// only ours reports.
import path from 'node:path';

import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import rule from '../src/rules/no-floating-promises.js';
import { fixtureDir } from './rule-tester.js';

const linter = new Linter({ configType: 'flat', cwd: fixtureDir });
const config: Linter.Config[] = [
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js'],
    languageOptions: {
      parser: tseslint.parser as Linter.Parser,
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: fixtureDir },
    },
    plugins: {
      theirs: tseslint.plugin as never,
      ours: { rules: { 'no-floating-promises': rule } } as never,
    },
    rules: { 'theirs/no-floating-promises': 'error', 'ours/no-floating-promises': 'error' },
  },
];

/** The lines each rule reports in `code`. */
function reportedLines(code: string, filename = 'file.ts'): { theirs: number[]; ours: number[] } {
  const messages = linter.verify(code, config, path.join(fixtureDir, filename));
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${fatal.line}:${fatal.column} ${fatal.message}`);
  const lines = (ruleId: string) => messages.filter((m) => m.ruleId === ruleId).map((m) => m.line);
  return { theirs: lines('theirs/no-floating-promises'), ours: lines('ours/no-floating-promises') };
}

interface Snippet {
  name: string;
  code: string;
  filename?: string;
}

const snippets: Snippet[] = [
  // Plain promise statements and the promise methods that leave them unhandled.
  { name: 'resolved promise statement', code: 'async function f() {\n  failing(1);\n}' },
  { name: 'rejected promise statement', code: "async function f() {\n  Promise.reject(new Error('x'));\n}" },
  { name: 'then without rejection handler', code: 'async function f() {\n  failing(1).then((n) => n + 1);\n}' },
  { name: 'catch without a handler', code: 'async function f() {\n  Promise.reject(2).catch();\n}' },
  { name: 'finally on an unhandled promise', code: 'Promise.reject(3).finally(() => {});' },
  { name: 'finally chained twice', code: 'failing(4)\n  .finally(() => {})\n  .finally(() => {});' },
  { name: 'then then finally', code: 'failing(5)\n  .then(() => 6)\n  .finally(() => {});' },
  // Calls that return promises.
  { name: 'async arrow IIFE', code: 'async function f() {\n  (async () => failing())();\n}' },
  { name: 'IIFE finally', code: '(async () => failing())().finally(() => {});' },
  { name: 'IIFE inside a sync function', code: 'export function start() {\n  (async () => { await failing(); })();\n}' },
  {
    name: 'IIFE inside a promise executor',
    code: 'export const make = () =>\n  new Promise<void>((done) => {\n    (async () => done(await failing()))();\n  });',
  },
  { name: 'local async function', code: 'async function f() {\n  async function inner() {\n    await failing();\n  }\n  inner();\n  inner().then(() => {});\n}' },
  { name: 'declared promise factory', code: 'declare const make: () => Promise<string>;\nmake();' },
  {
    name: 'promise subclass factory',
    code: 'class Deferred<T> extends Promise<T> {}\ndeclare const defer: () => Deferred<number>;\ndefer();',
  },
  { name: 'new Promise', code: 'async function f() {\n  new Promise<void>((resolve, reject) => setTimeout(reject, 1));\n}' },
  {
    name: 'constructor typed as PromiseConstructor',
    code: 'interface Ctor extends PromiseConstructor {\n  extra?: number;\n}\ndeclare const Lib: Ctor;\nasync function f() {\n  const p = new Lib<void>(() => {});\n  p;\n  p.then(() => {});\n}',
  },
  // Values typed as promises.
  { name: 'promise identifier', code: 'declare const pending: Promise<number>;\nasync function f() {\n  pending;\n  pending.catch();\n}' },
  { name: 'promise union identifier', code: 'declare const maybe: Promise<number> | number;\nmaybe;' },
  {
    name: 'promise intersection',
    code: 'declare const both: Promise<number> & { tag: string };\nboth;\nboth.then(() => {});\nboth.finally(() => {});',
  },
  {
    name: 'promise subclass value',
    code: 'class Later extends Promise<number> {}\ndeclare const later: Later;\nlater;\nlater.then(() => {});',
  },
  { name: 'promise property', code: 'async function f() {\n  const box = { job: failing(7) };\n  box.job;\n}' },
  // Optional chains and tagged templates.
  {
    name: 'optional call chains',
    code: 'export async function f(\n  a: { b?: { c?: () => Promise<void> } },\n  d?: () => Promise<void>,\n  e?: { g: () => { h?: () => Promise<void> } },\n) {\n  a.b?.c?.();\n  d?.();\n  e?.g().h?.();\n}',
  },
  {
    name: 'optional chain finally',
    code: 'declare const get: () => Promise<void> | undefined;\nget()?.finally(() => {});',
  },
  {
    name: 'tagged template',
    code: 'declare const sql: (parts: TemplateStringsArray) => Promise<void>;\nsql`select 1`;\nsql`select 2`.then(() => {});\nsql`select 3`.finally(() => {});',
  },
  // Conditional, logical and comma expressions.
  { name: 'ternary consequent', code: 'declare const ok: boolean;\nok ? failing() : undefined;' },
  { name: 'ternary alternate', code: 'declare const ok: boolean;\nok ? undefined : failing();' },
  { name: 'comma first', code: 'async function f() {\n  failing(), 0;\n}' },
  { name: 'comma last and middle', code: 'async function f() {\n  0, failing();\n  0, failing(), 1;\n}' },
  { name: 'comma with finally', code: 'failing().finally(() => {}), 0;' },
  {
    name: 'logical operators',
    code: 'declare const flag: boolean | null;\ndeclare function job(): Promise<void>;\nflag && job();\nflag || job();\nflag ?? job();\nflag || flag || job();',
  },
  { name: 'void on the left of ||', code: 'declare const flag: boolean;\ndeclare function job(): Promise<void>;\nvoid flag || job();' },
  { name: 'promise on the left of ||', code: 'Promise.reject(8) || 0;' },
  // Rejection handlers that are not functions.
  {
    name: 'then with a useless handler',
    code: 'declare const either: string | (() => void);\nfailing().then(() => {}, undefined);\nfailing().then(() => {}, null);\nfailing().then(() => {}, 9);\nfailing().then(() => {}, either);',
  },
  {
    name: 'catch with a useless handler',
    code: "declare const either: string | (() => void);\nfailing().catch(undefined);\nfailing().catch(null);\nfailing().catch('x');\nfailing().catch(either);",
  },
  // Arrays of promises.
  { name: 'array literal holding a promise', code: "[0, Promise.reject(), 'x'];" },
  { name: 'map returning promises', code: '[1, 2].map((n) => failing(n));' },
  { name: 'map with an async callback', code: 'declare const ids: string[];\nids.map(async (id) => {\n  await failing(id);\n});' },
  { name: 'as const tuple', code: "[failing(), 'label'] as const;" },
  { name: 'function returning a promise tuple', code: 'declare function pair(): [Promise<number>, Promise<string>];\npair();' },
  {
    name: 'unions with promise arrays',
    code: 'declare const a: number[] | [number, Promise<void>];\ndeclare const b: number[] | Promise<void>[];\ndeclare const c: Promise<void>[] | undefined;\na;\nb;\nc;',
  },
  {
    name: 'generic promise arrays',
    code: 'function f<T extends Promise<number>[]>(all: T, some: T | undefined): void {\n  all;\n  some;\n}',
  },
  {
    name: 'element of a generic array of maybe-promises',
    code: 'function f<T, A extends Array<T | Promise<T>>>(items?: A): void {\n  items?.[0];\n}',
  },
  {
    name: 'element of nested generic arrays',
    code: 'function f<T, A extends Array<T | Array<T | Promise<T>>>>(items?: A): void {\n  items?.[0];\n}',
  },
  // Generators and type assertions.
  {
    name: 'yield whose result is a promise',
    code: 'declare const v: any;\nfunction* g(): Generator<number, void, Promise<void>> {\n  yield v;\n}',
  },
  {
    name: 'yield* returning a promise',
    code: 'declare const inner: Generator<number, Promise<void>, void>;\nfunction* g(): Generator<number, void, void> {\n  yield* inner;\n}',
  },
  { name: 'as assertion', code: 'declare const raw: unknown;\nraw as Promise<void>;' },
  { name: 'as assertion to an intersection', code: 'declare const raw: unknown;\nraw as Promise<void> & { id: number };' },
  { name: 'angle-bracket assertion', code: 'declare const raw: unknown;\n<Promise<void>>raw;' },
  // File kinds.
  {
    name: 'tsx event handler body',
    code: 'declare function save(): Promise<void>;\nexport const B = () => (\n  <button\n    onClick={async () => {\n      save();\n    }}\n  />\n);',
    filename: 'react.tsx',
  },
  { name: 'js file', code: "export async function f() {\n  fetch('/x');\n}", filename: 'file.js' },
];

const extras: (Snippet & { line: number })[] = [
  { name: 'void promise', code: 'async function f() {\n  void failing();\n}', line: 2 },
  { name: 'void arrow body', code: 'export const go = () => void failing();', line: 1 },
  { name: 'promise parked in an unused variable', code: 'async function f() {\n  const p = failing();\n}', line: 2 },
  {
    name: 'promise awaited after another await',
    code: 'declare function a(): Promise<number>;\nasync function f() {\n  const first = a();\n  const second = await a();\n  return second + (await first);\n}',
    line: 3,
  },
  { name: 'a thenable that is not a Promise', code: 'declare const make: () => PromiseLike<number>;\nmake();', line: 2 },
  {
    name: 'then without a handler on a PromiseLike',
    code: 'declare const later: PromiseLike<void>;\nlater.then(() => {});',
    line: 2,
  },
];

/**
 * Shapes of the list above that lose nothing: over promises that cannot reject, a script's entry,
 * a rejection raised on purpose. typescript-eslint reports them, ours does not (see the rule's docs).
 */
const quiet: Snippet[] = [
  { name: 'async function IIFE at module level: a script entry', code: '(async function boot() {\n  await failing();\n})();' },
  { name: 'Promise.reject raised on purpose in a sync function', code: "export function emitError() {\n  Promise.reject(new Error('x'));\n}" },
  { name: 'resolved promise statement', code: 'async function f() {\n  Promise.resolve(1);\n}' },
  { name: 'async IIFE returning a value', code: 'async function f() {\n  (async () => 1)();\n}' },
  { name: 'new Promise that only resolves', code: 'async function f() {\n  new Promise<void>((resolve) => setTimeout(resolve, 1));\n}' },
  { name: 'settled promise in a ternary', code: 'declare const ok: boolean;\nok ? Promise.resolve() : undefined;' },
  { name: 'async function that catches everything', code: 'async function safe() {\n  try {\n    await failing();\n  } catch {}\n}\nasync function f() {\n  safe();\n}' },
  { name: 'an object literal asserted to be a promise', code: '({}) as Promise<void>;' },
  { name: 'array literal holding a handled promise', code: '[failing().catch(() => {})];' },
];

/** Every snippet can call `failing()`, work that may reject; the line numbers below count from the snippet's first line. */
const prelude = 'declare function failing(value?: unknown): Promise<number>;\n';
const shifted = (lines: number[]) => lines.map((line) => line - 1);

describe('no-floating-promises is a superset of typescript-eslint', () => {
  it('has a snippet per category', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(40);
  });

  it.each(snippets)('$name', ({ code, filename }) => {
    const { theirs, ours } = reportedLines(prelude + code, filename);
    // A snippet that typescript-eslint doesn't flag would prove nothing.
    expect(theirs.length).toBeGreaterThan(0);
    expect(shifted(theirs.filter((line) => !ours.includes(line)))).toEqual([]);
  });

  it.each(quiet)('loses nothing, so only theirs: $name', ({ code, filename }) => {
    const { theirs, ours } = reportedLines(prelude + code, filename);
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours).toEqual([]);
  });

  it.each(extras)('only ours: $name', ({ code, filename, line }) => {
    const { theirs, ours } = reportedLines(prelude + code, filename);
    expect(shifted(ours)).toContain(line);
    expect(shifted(theirs)).not.toContain(line);
  });
});
