// Bad input: a clear TypeError or RangeError at the call, or the documented behaviour. Never a hang.
import { describe, expect, it } from 'vitest';
import { all, allSettled, any, map, moveOnAfter, openScope, race, scope, withTimeout, type ScopeOptions, type TaskFn } from 'taskscope';
import { CustomError } from './helpers.js';

type Combinator = (tasks: Iterable<TaskFn<unknown>>, options?: ScopeOptions) => Promise<unknown>;
const combinators: Record<string, Combinator> = { all, allSettled, any, race };

describe('bad input', () => {
  for (const [name, fn] of Object.entries(combinators)) {
    it(`${name}: a task that is not a function is a TypeError naming its index`, () => {
      const call = () => fn([() => 1, Promise.resolve(2) as never]);
      expect(call).toThrow(TypeError);
      expect(call).toThrow(/task 1 must be a function, got a promise/);
    });

    it(`${name}: tasks that are not iterable are a TypeError`, () => {
      expect(() => fn(undefined as never)).toThrow(TypeError);
      expect(() => fn(5 as never)).toThrow(TypeError);
    });

    it(`${name}: a negative, NaN or infinite timeout is a RangeError`, () => {
      for (const timeout of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => fn([() => 1], { timeout })).toThrow(RangeError);
      }
      expect(() => fn([() => 1], { timeout: '5' as never })).toThrow(TypeError);
    });

    it(`${name}: concurrency below 1 or not an integer is a RangeError`, () => {
      for (const concurrency of [0, -1, 1.5, Number.NaN]) {
        expect(() => fn([() => 1], { concurrency })).toThrow(RangeError);
      }
    });

    it(`${name}: a signal that is not an AbortSignal, or a NaN deadline, is rejected`, () => {
      expect(() => fn([() => 1], { signal: {} as never })).toThrow(TypeError);
      expect(() => fn([() => 1], { deadline: Number.NaN })).toThrow(RangeError);
      expect(() => fn([() => 1], null as never)).toThrow(TypeError);
    });
  }

  it('accepts concurrency: Infinity', async () => {
    expect(await all([() => 1], { concurrency: Number.POSITIVE_INFINITY })).toEqual([1]);
  });

  it('map, withTimeout, moveOnAfter, scope and openScope check their functions and options', () => {
    expect(() => map([1], 'f' as never)).toThrow(TypeError);
    expect(() => map(null as never, (x) => x)).toThrow(TypeError);
    expect(() => map([1], (x) => x, { concurrency: 0 })).toThrow(RangeError);
    expect(() => withTimeout(10, undefined as never)).toThrow(TypeError);
    expect(() => withTimeout(-5, () => 1)).toThrow(RangeError);
    expect(() => moveOnAfter(Number.NaN, () => 1)).toThrow(RangeError);
    expect(() => scope(null as never)).toThrow(TypeError);
    expect(() => openScope({ timeout: -1 })).toThrow(RangeError);
  });

  it('a task that throws synchronously behaves like one that rejects', async () => {
    const boom = new CustomError('sync');
    const sync = () => {
      throw boom;
    };
    await expect(all([sync])).rejects.toBe(boom);
    await expect(race([sync])).rejects.toBe(boom);
    expect(await allSettled([sync])).toEqual([{ status: 'rejected', reason: boom }]);
    await expect(any([sync])).rejects.toMatchObject({ errors: [boom] });
    await expect(withTimeout(10, sync)).rejects.toBe(boom);
    await expect(scope(sync)).rejects.toBe(boom);
  });

  it('a thrown value that is not an Error is preserved as is', async () => {
    const values = [42, 'text', null, undefined, { plain: true }];
    for (const value of values) {
      const thrower = async () => {
        throw value;
      };
      await expect(all([thrower])).rejects.toBe(value);
      await expect(scope(thrower)).rejects.toBe(value);
    }
  });

  it('a task returning a plain value or a foreign thenable works', async () => {
    const thenable = { then: (resolve: (v: number) => void) => resolve(7) };
    expect(await all([() => 1, () => thenable])).toEqual([1, 7]);
    const twice = {
      then(resolve: (v: number) => void, reject: (e: unknown) => void) {
        resolve(1);
        reject(new Error('ignored'));
        resolve(2);
      },
    };
    expect(await all([() => twice])).toEqual([1]);
  });
});
