import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { applyEdits } from '../src/lib/edits.js';
import { passSignalEdit, passesSignal, signalSlot, type SignalSlot } from '../src/lib/signal-slots.js';
import type { AnalysisContext } from '../src/lib/types.js';
import { contextFor } from './typed-context.js';

/** The last call expression statement of the file (the case under test). */
function lastCall(context: AnalysisContext): ts.CallExpression {
  const statements = context.sourceFile.statements.filter(ts.isExpressionStatement);
  let expression = statements[statements.length - 1]!.expression;
  if (ts.isAwaitExpression(expression)) expression = expression.expression;
  if (!ts.isCallExpression(expression)) throw new Error('the last statement is not a call');
  return expression;
}

function slotIn(code: string, typed: boolean, fileName?: string): Omit<SignalSlot, 'type'> | undefined {
  const context = contextFor(code, typed, fileName);
  const slot = signalSlot(lastCall(context), context);
  return slot && { kind: slot.kind, index: slot.index };
}

describe('signalSlot (typed)', () => {
  it.each([
    ['fetch', 'fetch("/a");', { kind: 'options', index: 1 }],
    [
      'a parameter typed AbortSignal',
      'function load(url: string, signal?: AbortSignal) {}\nload("/a");',
      { kind: 'parameter', index: 1 },
    ],
    [
      'a parameter of any name typed AbortSignal | undefined',
      'declare function wait(ms: number, abort: AbortSignal | undefined): void;\nwait(1, undefined);',
      { kind: 'parameter', index: 1 },
    ],
    [
      'an options parameter with a signal property',
      'function get(url: string, opts?: { retries?: number; signal?: AbortSignal }) {}\nget("/a");',
      { kind: 'options', index: 1 },
    ],
    [
      'a method taking RequestInit-like options',
      'declare const api: { send(body: string, init?: RequestInit): void };\napi.send("x", { method: "POST" });',
      { kind: 'options', index: 1 },
    ],
    [
      'an overload that takes the signal after the given arguments',
      'declare function o(a: string): void;\ndeclare function o(a: string, s: AbortSignal): void;\no("x");',
      { kind: 'parameter', index: 1 },
    ],
    [
      // A project without the DOM lib or @types/node: the annotation says what the type can't.
      'a parameter annotated AbortSignal whose type does not resolve',
      "import type { AbortSignal } from 'abort-controller';\ndeclare function wait(ms: number, signal?: AbortSignal): Promise<void>;\nwait(1);",
      { kind: 'parameter', index: 1 },
    ],
    [
      'an options property annotated AbortSignal whose type does not resolve',
      "import type { AbortSignal } from 'abort-controller';\ndeclare function get(url: string, options?: { signal?: AbortSignal }): Promise<void>;\nget('/a');",
      { kind: 'options', index: 1 },
    ],
    [
      'a union options parameter given an object',
      'declare function read(p: string, o?: string | { signal?: AbortSignal }): void;\nread("p", { });',
      { kind: 'options', index: 1 },
    ],
  ] as const)('finds %s', (_, code, expected) => {
    expect(slotIn(code, true)).toEqual(expected);
  });

  it.each([
    ['a function without a signal parameter', 'function plain(url: string) {}\nplain("/a");'],
    ['a union options parameter given a string', 'declare function read(p: string, o?: string | { signal?: AbortSignal }): void;\nread("p", "utf8");'],
    ['a spread before the slot', 'declare const args: [string];\nfetch(...args);'],
    ['a rest parameter of signals', 'declare function r(...s: AbortSignal[]): void;\nr();'],
    ['a local function named fetch', 'export {};\nfunction fetch(url: string) {}\nfetch("/a");'],
    ['a signal property that is not an AbortSignal', 'declare function f(o: { signal: string }): void;\nf({ signal: "x" });'],
    ['an overload whose other parameters do not fit', 'declare function o(ids: string[]): void;\ndeclare function o(id: string, s: AbortSignal): void;\no(["a"]);'],
    ['an object exposing its own signal', 'declare function inspect(r: Request): void;\ninspect(new Request("/a"));'],
  ])('finds none for %s', (_, code) => {
    expect(slotIn(code, true)).toBeUndefined();
  });

  it('reads untyped .js parameters by name', () => {
    expect(slotIn('function load(url, signal) {}\nload("/a");', true, 'case.js')).toEqual({ kind: 'parameter', index: 1 });
    expect(slotIn('function get(url, { signal } = {}) {}\nget("/a");', true, 'case.js')).toEqual({ kind: 'options', index: 1 });
    expect(slotIn('function other(url, abort) {}\nother("/a");', true, 'case.js')).toBeUndefined();
  });

  it('records the type a passed signal must be assignable to', () => {
    const context = contextFor('declare function w(s: AbortSignal): void;\nw(undefined!);', true);
    const slot = signalSlot(lastCall(context), context);
    expect(slot?.type && context.checker!.typeToString(slot.type)).toBe('AbortSignal');
  });
});

describe('signalSlot (syntactic fallback)', () => {
  it.each([
    ['fetch', 'fetch(url);', { kind: 'options', index: 1 }],
    ['a local function with a signal parameter', 'function load(url, signal) {}\nload(url);', { kind: 'parameter', index: 1 }],
    [
      'a local arrow with a parameter annotated AbortSignal',
      'const wait = (ms: number, abort?: AbortSignal) => {};\nwait(1);',
      { kind: 'parameter', index: 1 },
    ],
    ['a local function destructuring { signal }', 'function get(url, { signal: s }) {}\nget(url);', { kind: 'options', index: 1 }],
  ] as const)('finds %s', (_, code, expected) => {
    expect(slotIn(code, false)).toEqual(expected);
  });

  it.each([
    ['an unknown callee', 'load(url);'],
    ['a method call, even fetch', 'window.fetch(url);'],
    ['a name bound to two functions', 'function load(url, signal) {}\nfunction outer() { const load = (url) => {}; }\nload(url);'],
    ['a local function without a signal parameter', 'function fetch(url) {}\nfetch(url);'],
  ])('finds none for %s', (_, code) => {
    expect(slotIn(code, false)).toBeUndefined();
  });
});

describe('passesSignal', () => {
  const passes = (code: string, typed: boolean): boolean => {
    const context = contextFor(code, typed);
    const call = lastCall(context);
    return passesSignal(call, signalSlot(call, context)!, context);
  };

  it('sees a signal given positionally or in an options literal', () => {
    expect(passes('function load(u: string, s?: AbortSignal) {}\ndeclare const c: AbortController;\nload("a", c.signal);', true)).toBe(true);
    expect(passes('function load(u: string, s?: AbortSignal) {}\nload("a", undefined);', true)).toBe(false);
    expect(passes('fetch(url, { signal: other });', false)).toBe(true);
    expect(passes('fetch(url, { method: "GET" });', false)).toBe(false);
    expect(passes('fetch(url, null);', false)).toBe(false);
  });

  it('asks the checker about spreads and option variables', () => {
    const typedSpread = 'declare const base: { method: string };\nfetch("/a", { ...base });';
    expect(passes(typedSpread, true)).toBe(false);
    expect(passes('declare const base: { signal: AbortSignal };\nfetch("/a", { ...base });', true)).toBe(true);
    expect(passes('declare const init: RequestInit;\nfetch("/a", init);', true)).toBe(false);
    expect(passes('declare const init: RequestInit;\nfetch("/a", { ...init });', true)).toBe(false);
    expect(passes('declare const init: { signal: AbortSignal };\nfetch("/a", init);', true)).toBe(true);
  });

  it('assumes, without a checker, that spreads and option variables may carry one', () => {
    expect(passes('fetch(url, { ...base });', false)).toBe(true);
    expect(passes('fetch(url, init);', false)).toBe(true);
  });
});

describe('passSignalEdit', () => {
  const options = (index: number): SignalSlot => ({ kind: 'options', index });
  const parameter = (index: number): SignalSlot => ({ kind: 'parameter', index });
  const edited = (code: string, slot: SignalSlot, signal = 'signal', fileName = 'case.ts'): string | undefined => {
    const { sourceFile } = contextFor(code, false, fileName);
    const call = lastCall({ sourceFile, checker: undefined });
    const edit = passSignalEdit(call, slot, signal, sourceFile);
    return edit && applyEdits(code, [edit]);
  };

  it.each([
    ['appends an options object', 'fetch(url);', options(1), 'signal', 'fetch(url, { signal });'],
    ['names a signal of another name', 'fetch(url);', options(1), 's', 'fetch(url, { signal: s });'],
    ['accepts any expression as the signal', 'fetch(url);', options(1), 'opts.signal', 'fetch(url, { signal: opts.signal });'],
    ['adds to an options literal', "fetch(url, { method: 'POST' });", options(1), 'signal', "fetch(url, { method: 'POST', signal });"],
    ['fills an empty literal', 'fetch(url, {});', options(1), 'signal', 'fetch(url, { signal });'],
    ['replaces undefined options', 'fetch(url, undefined);', options(1), 'signal', 'fetch(url, { signal });'],
    ['spreads an options variable', 'fetch(url, init);', options(1), 'signal', 'fetch(url, { ...init, signal });'],
    ['parenthesises a complex options expression', 'fetch(url, a ? b : c);', options(1), 's', 'fetch(url, { ...(a ? b : c), signal: s });'],
    ['fills skipped arguments before options', 'get(url);', options(2), 'signal', 'get(url, undefined, { signal });'],
    ['appends a positional signal', 'load(url);', parameter(1), 'signal', 'load(url, signal);'],
    ['passes the only argument', 'load();', parameter(0), 'task', 'load(task);'],
    ['fills skipped positional arguments', 'load(url);', parameter(3), 'signal', 'load(url, undefined, undefined, signal);'],
    ['replaces an explicit undefined', 'load(url, undefined, 3);', parameter(1), 'signal', 'load(url, signal, 3);'],
    ['keeps a single-line trailing comma', 'load(url,);', parameter(1), 'signal', 'load(url, signal,);'],
  ] as const)('%s', (_, code, slot, signal, expected) => {
    expect(edited(code, slot, signal)).toBe(expected);
  });

  it('follows a multi-line options literal with a trailing comma', () => {
    const code = "await fetch(url, {\n  method: 'POST',\n  body,\n});";
    expect(edited(code, options(1))).toBe("await fetch(url, {\n  method: 'POST',\n  body,\n  signal,\n});");
  });

  it('follows a multi-line options literal without a trailing comma', () => {
    const code = 'fetch(url, {\n    method: "POST"\n});';
    expect(edited(code, options(1), 'ctx.signal')).toBe('fetch(url, {\n    method: "POST",\n    signal: ctx.signal\n});');
  });

  it('puts a new argument on its own line in a one-per-line call', () => {
    const code = 'load(\n  url,\n  retries,\n);';
    expect(edited(code, parameter(2))).toBe('load(\n  url,\n  retries,\n  signal,\n);');
    expect(edited('load(\n  url\n);', parameter(1))).toBe('load(\n  url,\n  signal\n);');
  });

  it('keeps a callback-last call on one line', () => {
    const code = 'retry(() => {\n  work();\n});';
    expect(edited(code, parameter(1))).toBe('retry(() => {\n  work();\n}, signal);');
  });

  it('makes no edit when a signal is already passed', () => {
    expect(edited('fetch(url, { signal: other });', options(1))).toBeUndefined();
    expect(edited('fetch(url, { signal });', options(1))).toBeUndefined();
    expect(edited('load(url, controller.signal);', parameter(1))).toBeUndefined();
  });

  it('works on .tsx and .js text', () => {
    expect(edited('fetch(url, { headers: <X /> as any });', options(1), 'signal', 'case.tsx')).toBe(
      'fetch(url, { headers: <X /> as any, signal });',
    );
    expect(edited('fetch(url, init || {});', options(1), 'signal', 'case.js')).toBe('fetch(url, { ...(init || {}), signal });');
  });
});
