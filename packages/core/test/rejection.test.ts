import ts from 'typescript';
import { describe, expect, it } from 'vitest';

import { canReject } from '../src/lib/rejection.js';
import { contextFor } from './typed-context.js';

/** canReject of the file's last expression statement (or the `void`ed expression in it). */
function lastRejects(code: string, typed: boolean, others?: Record<string, string>): boolean {
  const context = contextFor(code, typed, 'case.ts', others);
  const statements = context.sourceFile.statements.filter(ts.isExpressionStatement);
  let expression = statements[statements.length - 1]!.expression;
  if (ts.isVoidExpression(expression)) expression = expression.expression;
  return canReject(expression, context);
}

const work = 'declare function work(): Promise<number>;\ndeclare function log(e: unknown): void;\n';

const cannot: [string, string][] = [
  ['a .catch whose handler throws nothing', 'work().catch((e) => log(e));'],
  ['a .catch with a reporting handler out of sight', 'work().catch(console.error);'],
  ['a .catch with a handler a factory builds', 'declare function handlerFor(name: string): (e: unknown) => void;\nwork().catch(handlerFor("sync"));'],
  ['a .catch whose arrow hands the error to a function of unknown type', 'declare const logger: any;\nwork().catch((e) => logger.error(e));'],
  ['a .then(ok, handler) whose callbacks throw nothing', 'work().then((n) => n + 1, () => 0);'],
  ['an async IIFE whose body is one quiet try', '(async () => { try { await work(); } catch (e) { log(e); } })();'],
  [
    'an async IIFE that prepares, then tries',
    '(async () => { const started = Date.now(); try { await work(); } catch { log(started); } finally { log("done"); } })();',
  ],
  ['an await of a handled chain, unguarded', '(async () => { const n = await work().catch(() => 0); log(n); })();'],
  ['a same-file async function that catches everything and returns a result', 'async function safe() { try { return { ok: true, value: await work() }; } catch (error) { return { ok: false, error }; } }\nsafe();'],
  ['Promise.allSettled', 'Promise.allSettled([work(), work()]);'],
  ['Promise.resolve of a value', 'Promise.resolve(1);'],
  ['Promise.all of handled chains', 'Promise.all([work().catch(log), work().catch(log)]);'],
  ['Promise.all of mapped tasks that each catch everything', 'declare const ids: string[];\nPromise.all(ids.map(async () => { try { await work(); } catch (e) { return e; } }));'],
  ['Promise.all over Array.from with a quiet mapper', 'declare const ids: Set<string>;\nPromise.all(Array.from(ids, async () => { try { await work(); } catch {} }));'],
  ['a new Promise that never rejects', 'new Promise<void>((resolve) => setTimeout(resolve, 10));'],
  ['a const bound to a handled chain', 'const quiet = work().catch(log);\nquiet;'],
  ['.finally on a handled chain', 'work().catch(log).finally(() => log("end"));'],
  ['the promise of withResolvers destructured without reject', 'const { promise, resolve } = Promise.withResolvers<void>();\nsetTimeout(resolve, 1);\npromise.then(() => log(1));'],
  ['the promise of withResolvers whose reject is bound but never read', 'const { promise, resolve, reject } = Promise.withResolvers<void>();\nresolve();\npromise;'],
  ['a handled chain destructured from the object a local function returns', 'function start() {\n  const job = work().catch(log);\n  return { job, cancel: () => log(0) };\n}\nconst { job } = start();\njob;'],
  ['a handled chain destructured from an object literal', 'const { job: quiet } = { job: work().catch(log) };\nquiet;'],
  ['the promise of a withResolvers holder read only to resolve', 'const ready = Promise.withResolvers<void>();\nsetTimeout(() => ready.resolve(), 1);\nready.promise;'],
];

const can: [string, string][] = [
  ['a bare call of unknown work', 'work();'],
  ['a .catch that rethrows', 'work().catch((e) => { log(e); throw e; });'],
  ['a .catch returning a rejection', 'work().catch((e) => Promise.reject(e));'],
  ['a .then(ok, handler) whose ok throws', 'work().then((n) => { if (n < 0) throw new Error("neg"); }, () => 0);'],
  ['a .then without a handler', 'work().then((n) => n + 1);'],
  ['.finally on unhandled work', 'work().finally(() => log("end"));'],
  ['an async IIFE that awaits outside its try', '(async () => { await work(); try { await work(); } catch {} })();'],
  ['an async IIFE whose catch rethrows', '(async () => { try { await work(); } catch (e) { throw e; } })();'],
  ['an async IIFE whose finally throws', '(async () => { try { await work(); } catch {} finally { throw new Error("x"); } })();'],
  ['an async IIFE with a try but no catch', '(async () => { try { await work(); } finally { log(1); } })();'],
  // The try of an async function does not see the rejection of a promise it returns unawaited.
  ['an async function returning work unawaited inside its try', 'async function f() { try { return work(); } catch { return 0; } }\nf();'],
  ['a new Promise that rejects', 'new Promise((resolve, reject) => work().then(resolve, reject));'],
  ['Promise.all with one unhandled element', 'Promise.all([work().catch(log), work()]);'],
  ['Promise.all of mapped tasks that await outside a try', 'declare const ids: string[];\nPromise.all(ids.map(async () => { await work(); }));'],
  ['Promise.all of tasks mapped by a function out of sight', 'declare const ids: string[];\ndeclare function task(id: string): Promise<void>;\nPromise.all(ids.map(task));'],
  ['a for await outside a try', '(async () => { for await (const x of [work()]) log(x); })();'],
  ['a recursive async function', 'async function again(): Promise<void> { await again(); }\nagain();'],
  ['work destructured from the object a local function returns', 'function start() {\n  return { job: work(), cancel: () => log(0) };\n}\nconst { job } = start();\njob;'],
  ['work destructured from a function returning another object on one path', 'function start(fast: boolean) {\n  if (fast) return { job: work().catch(log) };\n  return { job: work() };\n}\nconst { job } = start(true);\njob;'],
  ['a value destructured from an object of unknown origin', 'declare function start(): { job: Promise<number> };\nconst { job } = start();\njob;'],
  ['the promise of withResolvers bound with let and reassigned', 'let { promise, resolve } = Promise.withResolvers<number>();\nresolve(1);\npromise = work();\npromise;'],
  ['the promise of a withResolvers holder whose promise is replaced', 'const ready = Promise.withResolvers<number>();\nready.promise = ready.promise.then(() => work());\nready.promise;'],
  ['the promise of a withResolvers holder resolved with work that can reject', 'const ready = Promise.withResolvers<number>();\nready.resolve(work());\nready.promise;'],
  ['the promise of an exported withResolvers holder', 'export const ready = Promise.withResolvers<void>();\nready.promise;'],
  ['a destructured value whose object repeats the key', 'const { job } = { job: work().catch(log), job: work() };\njob;'],
  ['a destructured value whose default can reject', 'declare const c: boolean;\nconst { job = work() } = { job: c ? work().catch(log) : undefined };\njob;'],
  ['the promise of withResolvers whose reject is read', 'const { promise, reject } = Promise.withResolvers<void>();\nsetTimeout(reject, 1);\npromise;'],
  ['the promise of a withResolvers holder that is rejected', 'const ready = Promise.withResolvers<void>();\nready.reject(new Error("x"));\nready.promise;'],
  ['the promise of a withResolvers holder handed on whole', 'declare function keep(x: unknown): void;\nconst ready = Promise.withResolvers<void>();\nkeep(ready);\nready.promise;'],
];

describe('canReject', () => {
  describe.each([true, false])('typed: %s', (typed) => {
    it.each(cannot)('cannot: %s', (_, code) => {
      expect(lastRejects(work + code, typed)).toBe(false);
    });
    it.each(can)('can: %s', (_, code) => {
      expect(lastRejects(work + code, typed)).toBe(true);
    });
  });

  it('follows a callee into another file of the program (typed)', () => {
    const helpers = `export async function quiet(): Promise<string | undefined> {
  try { return await fetch('/x').then((r) => r.text()); } catch { return undefined; }
}
export async function loud(): Promise<string> { return (await fetch('/x')).text(); }`;
    expect(lastRejects(`import { quiet } from './helpers';\nquiet();`, true, { 'helpers.ts': helpers })).toBe(false);
    expect(lastRejects(`import { loud } from './helpers';\nloud();`, true, { 'helpers.ts': helpers })).toBe(true);
  });

  it('follows a method of this class, and a method the checker resolves on another object', () => {
    const cls = `declare function work(): Promise<number>;
class Store {
  async save() { try { await work(); } catch {} }
  async load() { await work(); }
  run() { this.save(); }
}
const store = new Store();
`;
    expect(lastRejects(`${cls}store.save();`, true)).toBe(false);
    expect(lastRejects(`${cls}store.load();`, true)).toBe(true);
    // Syntactic: only `this.m()` inside the class can be followed; another receiver is unknown work.
    expect(lastRejects(`${cls}store.save();`, false)).toBe(true);
  });

  it('knows a private field by every value its class stores there', () => {
    /** canReject of the class's \`void this.#ready…\` statement. */
    const voidedRejects = (members: string, typed: boolean, read = 'this.#ready') => {
      const context = contextFor(`${work}class Conn {\n${members}\n  start() { void ${read}.then(() => log(1)); }\n}`, typed, 'case.ts');
      let voided: ts.Expression | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isVoidExpression(node)) voided = node.expression;
        ts.forEachChild(node, visit);
      };
      visit(context.sourceFile);
      return canReject(voided!, context);
    };
    const quiet = '#open!: () => void;\n  #ready = new Promise<void>((resolve) => { this.#open = resolve; });';
    const resolveOnly = '#holder = Promise.withResolvers<void>();\n  #ready = this.#holder.promise;\n  open() { this.#holder.resolve(); }';
    for (const typed of [true, false]) {
      expect(voidedRejects(quiet, typed)).toBe(false);
      expect(voidedRejects(resolveOnly, typed)).toBe(false);
      expect(voidedRejects('private open!: () => void;\n  private ready = new Promise<void>((resolve) => { this.open = resolve; });', typed, 'this.ready')).toBe(false);
      // Any value that can reject, or a use the class does not make itself, and the field is work that can.
      expect(voidedRejects(`${quiet}\n  reset() { this.#ready = work().then(() => undefined); }`, typed)).toBe(true);
      expect(voidedRejects(`${quiet}\n  static adopt(other: Conn) { other.#ready = Promise.resolve(); }`, typed)).toBe(true);
      expect(voidedRejects(`${resolveOnly}\n  fail() { this.#holder.reject(new Error('closed')); }`, typed)).toBe(true);
      expect(voidedRejects(`${resolveOnly}\n  fail() { const self = this; self.#holder.reject(new Error('closed')); }`, typed)).toBe(true);
      expect(voidedRejects(`${resolveOnly}\n  adopt() { this.#holder.resolve(work().then(() => undefined)); }`, typed)).toBe(true);
      expect(voidedRejects('#ready!: Promise<void>;', typed)).toBe(true);
      // A public field may be written anywhere; a getter computes its value.
      expect(voidedRejects('ready = new Promise<void>((resolve) => setTimeout(resolve, 1));', typed, 'this.ready')).toBe(true);
      expect(voidedRejects(`get ready() { return work().then(() => undefined); }`, typed, 'this.ready')).toBe(true);
    }
  });

  it('treats a value whose type is unresolved as a promise that may reject when it is returned', () => {
    const code = `declare const sdk: any;
async function f() { try { return sdk.call(); } catch { return 0; } }
f();`;
    expect(lastRejects(code, true)).toBe(true);
  });
});
