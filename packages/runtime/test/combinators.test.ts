import { describe, expect, expectTypeOf, it } from 'vitest';
import { all, allSettled, any, map, race, sleep, suppressedErrors, TimeoutError, type TaskFn } from 'taskscope';
import { child, CustomError, Log, turn } from './helpers.js';

describe('all', () => {
  it('resolves with the results in task order, tuple types preserved', async () => {
    const result = await all([() => 1, async () => 'x', (signal: AbortSignal) => sleep(2, signal).then(() => true)] as const);
    expectTypeOf(result).toEqualTypeOf<[number, string, boolean]>();
    expect(result).toEqual([1, 'x', true]);
  });

  it('infers a tuple without `as const`, and an array from an array', async () => {
    const tuple = await all([() => 1, async () => 'x']);
    expectTypeOf(tuple).toEqualTypeOf<[number, string]>();
    const tasks: TaskFn<number>[] = [() => 1, async () => 2];
    const list = await all(tasks);
    expectTypeOf(list).toEqualTypeOf<number[]>();
    expect(list).toEqual([1, 2]);
  });

  it('accepts any iterable of tasks, and an empty one', async () => {
    expect(await all(new Set([() => 'a', () => 'b']))).toEqual(['a', 'b']);
    expect(await all([])).toEqual([]);
  });

  it('gives every task the same signal', async () => {
    const signals: AbortSignal[] = [];
    await all([(signal) => void signals.push(signal), (signal) => void signals.push(signal)]);
    expect(signals[0]).toBe(signals[1]);
    expect(signals[0]!.aborted).toBe(false);
  });

  it('fails fast: the first failure aborts the others, which are awaited, then it rejects', async () => {
    const log = new Log();
    const boom = new CustomError('boom');
    const outcome = await log.watch('all', all([child(log, 'slow', 60_000), child(log, 'failing', 1, { fail: boom })]));
    expect(outcome).toEqual({ ok: false, value: boom });
    expect(log.events.at(-1)).toBe('all settled');
    expect(log.events).toContain('slow settled');
  });

  it('treats a task that throws synchronously like one that rejects', async () => {
    const boom = new CustomError('sync');
    let secondRan = false;
    await expect(
      all([
        () => {
          throw boom;
        },
        () => {
          secondRan = true;
        },
      ]),
    ).rejects.toBe(boom);
    expect(secondRan).toBe(false); // like Promise.all(tasks.map(t => t())), which never reaches it
  });

  it('respects concurrency', async () => {
    let running = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++running);
      await turn();
      running--;
    };
    await all(Array.from({ length: 8 }, () => task), { concurrency: 2 });
    expect(peak).toBe(2);
  });

  it('does not overflow the stack on many synchronous tasks behind a concurrency limit', async () => {
    const tasks = Array.from({ length: 50_000 }, (_, i) => () => i);
    const result = await all(tasks, { concurrency: 1 });
    expect(result.length).toBe(50_000);
    expect(result[49_999]).toBe(49_999);
  });

  it('rejects with the parent reason when cancelled from outside', async () => {
    const controller = new AbortController();
    const promise = all([(signal) => sleep(60_000, signal)], { signal: controller.signal });
    controller.abort('stop');
    await expect(promise).rejects.toBe('stop');
  });
});

describe('allSettled', () => {
  it('has exactly the shape of Promise.allSettled', async () => {
    const boom = new Error('boom');
    const ours = await allSettled([() => 1, async () => Promise.reject(boom), async () => 'x'] as const);
    const theirs = await Promise.allSettled([1, Promise.reject(boom), 'x']);
    expect(ours).toEqual(theirs);
    expectTypeOf(ours).toEqualTypeOf<[PromiseSettledResult<number>, PromiseSettledResult<never>, PromiseSettledResult<string>]>();
  });

  it('is a supervisor: one failure does not cancel the others', async () => {
    let aborted = false;
    const result = await allSettled([
      async () => {
        throw new Error('x');
      },
      async (signal) => {
        await turn();
        await turn();
        aborted = signal.aborted;
        return 'finished';
      },
    ]);
    expect(aborted).toBe(false);
    expect(result[1]).toEqual({ status: 'fulfilled', value: 'finished' });
  });

  it('is cancelled by its parent signal or its timeout, and then rejects', async () => {
    const controller = new AbortController();
    const promise = allSettled([(signal) => sleep(60_000, signal)], { signal: controller.signal });
    controller.abort('outer');
    await expect(promise).rejects.toBe('outer');
    await expect(allSettled([(signal) => sleep(60_000, signal)], { timeout: 1 })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('race', () => {
  it('resolves with the first to settle, after aborting and awaiting the losers', async () => {
    const log = new Log();
    const outcome = await log.watch('race', race([child(log, 'slow', 60_000), child(log, 'fast', 1, { value: 'fast' })]));
    expect(outcome).toEqual({ ok: true, value: 'fast' });
    expect(log.events.at(-1)).toBe('race settled');
    expect(log.events).toContain('slow settled');
  });

  it('rejects when the first to settle rejects', async () => {
    const boom = new CustomError('boom');
    await expect(race([(signal) => sleep(60_000, signal), async () => Promise.reject(boom)])).rejects.toBe(boom);
  });

  it('a loser that fails for real while being cancelled still fails the race', async () => {
    const late = new CustomError('cleanup failed');
    const promise = race([
      async () => 'winner',
      async (signal) => {
        try {
          await sleep(60_000, signal);
        } finally {
          throw late;
        }
      },
    ]);
    await expect(promise).rejects.toBe(late);
  });

  it('types the result as the union of the tasks', async () => {
    const result = await race([() => 1, async () => 'x']);
    expectTypeOf(result).toEqualTypeOf<number | string>();
    expect(result).toBe(1);
  });

  it('throws a RangeError for no tasks, instead of never settling like Promise.race([])', () => {
    expect(() => race([])).toThrow(RangeError);
  });
});

describe('any', () => {
  it('resolves with the first to fulfil, aborting and awaiting the others', async () => {
    const log = new Log();
    const outcome = await log.watch(
      'any',
      any([child(log, 'fails', 1, { fail: new Error('no') }), child(log, 'slow', 60_000), child(log, 'ok', 5, { value: 'ok' })]),
    );
    expect(outcome).toEqual({ ok: true, value: 'ok' });
    expect(log.events.at(-1)).toBe('any settled');
    expect(log.events).toContain('slow settled');
  });

  it('rejects with an AggregateError of every failure, in task order, when all fail', async () => {
    const a = new Error('a');
    const b = new Error('b');
    const error = await any([
      async () => {
        await turn();
        throw a;
      },
      async () => {
        throw b;
      },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toEqual([a, b]);
    await expect(any([])).rejects.toBeInstanceOf(AggregateError);
  });

  it('rejects with the parent reason when cancelled from outside', async () => {
    await expect(any([(signal) => sleep(60_000, signal)], { signal: AbortSignal.abort('gone') })).rejects.toBe('gone');
  });
});

describe('map', () => {
  it('maps in order with bounded concurrency, passing item, signal and index', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    const result = await map(
      [30, 10, 20, 0],
      async (ms, signal, index) => {
        expect(signal).toBeInstanceOf(AbortSignal);
        peak = Math.max(peak, ++running);
        await sleep(ms, signal);
        running--;
        seen.push(index);
        return ms * 2;
      },
      { concurrency: 2 },
    );
    expect(result).toEqual([60, 20, 40, 0]);
    expect(peak).toBe(2);
    expect(seen).toHaveLength(4);
    expectTypeOf(result).toEqualTypeOf<number[]>();
  });

  it('is fail-fast: the first failure aborts the running calls and skips the queued ones', async () => {
    const started: number[] = [];
    const boom = new CustomError('boom');
    const promise = map(
      [1, 2, 3, 4, 5],
      async (item, signal) => {
        started.push(item);
        if (item === 2) throw boom;
        await sleep(60_000, signal);
      },
      { concurrency: 2 },
    );
    await expect(promise).rejects.toBe(boom);
    expect(started).toEqual([1, 2]);
  });

  it('accepts any iterable', async () => {
    expect(await map(new Set(['a', 'b']), (s) => s.toUpperCase())).toEqual(['A', 'B']);
  });

  it('reports every other failure through suppressedErrors', async () => {
    const errors = [new Error('0'), new Error('1'), new Error('2')];
    const error = await map([0, 1, 2], async (i) => {
      await turn();
      throw errors[i];
    }).catch((e: unknown) => e);
    expect(error).toBe(errors[0]);
    expect(suppressedErrors(error)).toEqual([errors[1], errors[2]]);
  });
});
