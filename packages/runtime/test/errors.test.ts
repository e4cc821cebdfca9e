import { describe, expect, it } from 'vitest';
import { all, ScopeClosedError, suppressedErrors, TimeoutError, withTimeout } from 'taskscope';
import { turn } from './helpers.js';

describe('errors', () => {
  it('TimeoutError and ScopeClosedError are Errors with their names', () => {
    const timeout = new TimeoutError('late');
    expect(timeout).toBeInstanceOf(Error);
    expect(timeout.name).toBe('TimeoutError');
    expect(new ScopeClosedError('closed').name).toBe('ScopeClosedError');
  });

  it('a TimeoutError names the scope and its duration, and one raised in the call keeps the caller frame', async () => {
    async function openTheScope() {
      return withTimeout(0, () => 1, { name: 'fetch' });
    }
    const named = await openTheScope().catch((e: unknown) => e);
    expect(named).toBeInstanceOf(TimeoutError);
    expect((named as Error).message).toBe('Scope "fetch" timed out after 0 ms');
    expect((named as Error).stack).toContain('openTheScope');
    await expect(all([() => 1], { deadline: Date.now() - 1 })).rejects.toThrow('Scope timed out after 0 ms');
  });

  it("a scope cancelled by a failure aborts its tasks' signal with an AbortError caused by it", async () => {
    const failure = new Error('boom');
    let reason: unknown;
    await all([
      async () => {
        throw failure;
      },
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => {
            reason = signal.reason;
            resolve();
          });
        }),
    ]).catch(() => undefined);
    expect(reason).toBeInstanceOf(DOMException);
    expect(reason).toMatchObject({ name: 'AbortError', cause: failure });
    expect(Object.keys(reason as object)).not.toContain('cause');
  });

  it('suppressedErrors is empty for anything that suppressed nothing, primitives included', () => {
    expect(suppressedErrors(new Error('alone'))).toEqual([]);
    expect(suppressedErrors('a string')).toEqual([]);
    expect(suppressedErrors(undefined)).toEqual([]);
  });

  it('a primitive thrown first cannot carry the others: they are dropped, as documented', async () => {
    const other = new Error('other');
    const error = await all([
      async () => {
        throw 'first';
      },
      async () => {
        await turn();
        throw other;
      },
    ]).catch((e: unknown) => e);
    expect(error).toBe('first');
    expect(suppressedErrors(error)).toEqual([]);
  });

  it('lists each suppressed error once, even when thrown by several tasks', async () => {
    const first = new Error('first');
    const shared = new Error('shared');
    const error = await all([
      async () => {
        throw first;
      },
      async () => {
        await turn();
        throw shared;
      },
      async () => {
        await turn();
        throw shared;
      },
      async () => {
        await turn();
        throw first; // the same as the error thrown: not listed under itself
      },
    ]).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect(suppressedErrors(error)).toEqual([shared]);
  });
});
