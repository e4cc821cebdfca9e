import { describe, expect, it } from 'vitest';

import { applyEdits } from '../src/lib/edits.js';
import type { Finding } from '../src/lib/types.js';
import { requireSignalPropagation } from '../src/rules/require-signal-propagation/detector.js';
import { contextFor, findingsOf } from './typed-context.js';

const findings = (code: string, typed: boolean): Finding[] => findingsOf(requireSignalPropagation, contextFor(code, typed), {});

describe('require-signal-propagation findings', () => {
  // `opts.signal ?? undefined` is `AbortSignal | undefined` too and would fit no overload (TS2345).
  it('marks a signal whose type does not fit for review', () => {
    const code = 'declare function o(a: string): Promise<void>;\ndeclare function o(a: string, s: AbortSignal): Promise<void>;\nfunction run(opts: { signal: AbortSignal | undefined }) { o("x"); }';
    const [finding] = findings(code, true);
    expect(finding?.fixes).toEqual([]);
    expect(finding?.review).toMatchObject({ transform: 'signal', reason: 'the type of opts.signal does not fit the signal o takes' });
  });

  it('passes a nullable signal as `?? undefined` where an optional one is taken', () => {
    const code = 'declare function save(doc: string, signal?: AbortSignal): Promise<void>;\nexport async function run(opts: { signal: AbortSignal | null }) {\n  await save("x");\n}';
    const [finding] = findings(code, true);
    expect(finding?.review).toBeUndefined();
    expect(applyEdits(code, finding!.fixes[0]!.edits)).toBe(code.replace('save("x")', 'save("x", opts.signal ?? undefined)'));
  });

  it('gives every call of an undeclared task signal the same declaring edit, so the codemod can merge them', () => {
    const code = "import { all } from 'taskscope';\nall([async () => {\n  await fetch('/a');\n  await fetch('/b');\n}]);";
    const found = findings(code, false);
    expect(found).toHaveLength(2);
    const [first, second] = found.map((f) => f.fixes[0]!.edits);
    expect(first![0]).toEqual(second![0]);
    expect(applyEdits(code, first!)).toBe("import { all } from 'taskscope';\nall([async (signal) => {\n  await fetch('/a', { signal });\n  await fetch('/b');\n}]);");
    expect(found.every((f) => f.fixes[0]!.transform === 'signal')).toBe(true);
  });

  it('passes `this.signal` only where `this` is the same', () => {
    const code =
      'class Poller {\n  signal = new AbortController().signal;\n  poll(this: Poller, url: string) {\n    setTimeout(() => fetch(url), 10);\n    setTimeout(function () { fetch(url); }, 10);\n  }\n}';
    expect(findings(code, true).map((f) => f.data)).toEqual([{ callee: 'fetch', signal: 'this.signal' }]);
  });
});

describe('require-signal-propagation: a signal the body destructures', () => {
  const code = (body: string) =>
    `declare function download(url: string, signal?: AbortSignal): Promise<void>;\nexport async function run(options: { url: string; abortSignal?: AbortSignal }) {\n${body}\n}`;
  it.each([
    ['before the call: in scope', 'const { abortSignal } = options;\nawait download(options.url);', ['abortSignal']],
    ['after the call: not yet there', 'await download(options.url);\nconst { abortSignal } = options;\nvoid abortSignal;', []],
    ['passed', 'const { abortSignal } = options;\nawait download(options.url, abortSignal);', []],
  ])('%s', (_, body, signals) => {
    for (const typed of [true, false]) expect(findings(code(body), typed).map((f) => f.data?.['signal']), typed ? 'typed' : 'syntactic').toEqual(signals);
  });
});

describe('require-signal-propagation: an LLM SDK whose types are not installed', () => {
  // The client's type is unresolved (`any`): its request methods take options, `signal` included, after the body.
  const code = (call: string) => `import OpenAI from 'openai-not-installed';\ndeclare const client: OpenAI;\nexport async function ask(prompt: string, options: { signal?: AbortSignal }) {\n  const { signal } = options;\n  return ${call};\n}`;
  it.each([
    ['a chat completion', 'client.chat.completions.create({ messages: [] })', true],
    ['a streamed message', 'client.messages.stream({ model: "m" })', true],
    ['an embedding request already given options', 'client.embeddings.create({ input: prompt }, { signal })', false],
    ['a create on any other resource', 'client.files.create({ file: prompt })', false],
  ])('%s', (_, call, reported) => {
    for (const typed of [true, false]) {
      const found = findings(code(call), typed);
      expect(found.map((f) => f.data?.['callee']), typed ? 'typed' : 'syntactic').toEqual(reported ? [call.slice(call.lastIndexOf('.', call.indexOf('(')) + 1, call.indexOf('('))] : []);
      // Typed, `options.signal` is in scope too: either is the caller's signal.
      if (reported) expect(applyEdits(code(call), found[0]!.fixes[0]!.edits)).toMatch(/, \{ signal(: options\.signal)? \}\)/);
    }
  });
});

describe('require-signal-propagation: what the call is given carries the signal', () => {
  it.each([
    ['a const that holds it on one branch', 'export async function f(options: { signal?: AbortSignal }) {\n  const init: RequestInit | undefined = options.signal != null ? { signal: options.signal } : undefined;\n  return fetch("/a", init);\n}', []],
    ['a const given it before the call', 'export async function f(signal: AbortSignal) {\n  const init: RequestInit = { method: "GET" };\n  init.signal = signal;\n  return fetch("/a", init);\n}', []],
    ['a const given it only after the call', 'export async function f(signal: AbortSignal) {\n  const init: RequestInit = { method: "GET" };\n  await fetch("/a", init);\n  init.signal = signal;\n}', ['fetch']],
  ])('%s', (_, code, callees) => {
    // Without types any non-literal options may carry a signal: only the checker tells this `init` holds none.
    for (const typed of [true, false]) expect(findings(code, typed).map((f) => f.data?.['callee']), typed ? 'typed' : 'syntactic').toEqual(typed ? callees : []);
  });

  // Typed: the instance reads its own `signal`; an options bag's `fetch` member would not.
  it('leaves a method of a class instance that holds the signal, not a function an options bag holds', () => {
    const reader = 'class Reader {\n  signal?: AbortSignal;\n  async readAll(signal?: AbortSignal): Promise<string> { return String(signal ?? this.signal); }\n}\n';
    const code = `${reader}export async function f(reader: Reader, opts: { signal?: AbortSignal; fetch(url: string, init?: { signal?: AbortSignal }): Promise<string> }) {\n  await reader.readAll();\n  return opts.fetch('/a');\n}`;
    expect(findings(code, true).map((f) => f.data?.['callee'])).toEqual(['fetch']);
  });
});

describe('require-signal-propagation: listener registrations', () => {
  it('are said, with nothing for the codemod to rewrite or mark', () => {
    const code = 'export function listen(signal: AbortSignal, target: EventTarget, onMessage: (event: Event) => void) {\n  target.addEventListener("message", onMessage);\n}';
    const found = findings(code, true);
    expect(found.map((f) => [f.messageId, f.fixes, f.review])).toEqual([['listenerOutlivesSignal', [], undefined]]);
  });
});

describe('require-signal-propagation: cleanup is not cancelled with the work', () => {
  const code = (body: string) =>
    `declare function release(id: string, signal?: AbortSignal): Promise<void>;\nexport async function run(id: string, signal: AbortSignal) {\n${body}\n}`;
  it.each([
    ['in a finally block', 'try {\n  await fetch(id, { signal });\n} finally {\n  await release(id);\n}', []],
    ['in a callback a finally block runs', 'try {\n  await fetch(id, { signal });\n} finally {\n  await Promise.allSettled([id].map((each) => release(each)));\n}', []],
    // A catch block that rethrows undoes; one that doesn't holds a fallback, which is real work.
    ['in a catch block that rethrows', 'try {\n  await fetch(id, { signal });\n} catch (error) {\n  await release(id);\n  throw error;\n}', []],
    ['in a catch block that recovers', 'try {\n  await fetch(id, { signal });\n} catch {\n  await release(id);\n}', ['release']],
    ['in a callback the try block runs', 'try {\n  await Promise.allSettled([id].map((each) => release(each)));\n} finally {\n  console.log(id);\n}', ['release']],
    ['in the try block itself', 'try {\n  await release(id);\n} finally {\n  console.log(id);\n}', ['release']],
  ])('%s', (_name, body, callees) => {
    for (const typed of [true, false]) expect(findings(code(body), typed).map((f) => f.data?.['callee']), typed ? 'typed' : 'syntactic').toEqual(callees);
  });
});
