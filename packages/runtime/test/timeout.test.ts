import { describe, expect, expectTypeOf, it } from 'vitest';
import { all, moveOnAfter, scope, sleep, suppressedErrors, TimeoutError, withTimeout } from 'taskscope';
import { active, CustomError, Log, child } from './helpers.js';

describe('withTimeout', () => {
  it('resolves with the value when fn finishes in time, and leaves no timer', async () => {
    const timers = active('Timeout');
    expect(await withTimeout(1_000, async () => 'ok')).toBe('ok');
    expect(active('Timeout')).toBeLessThanOrEqual(timers); // vitest's own timers may come and go
  });

  it('rejects with a TimeoutError after aborting fn and waiting for it', async () => {
    const log = new Log();
    const outcome = await log.watch('withTimeout', withTimeout(5, child(log, 'slow', 60_000), { name: 'fetch' }));
    expect(outcome.ok).toBe(false);
    expect(outcome.value).toBeInstanceOf(TimeoutError);
    expect((outcome.value as Error).message).toMatch(/"fetch" timed out/);
    expect(log.events).toEqual(['slow started', 'slow settled', 'withTimeout settled']);
  });

  it('passes a failure of fn through', async () => {
    const boom = new CustomError('boom');
    await expect(withTimeout(1_000, () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('with 0 ms, times out without running fn', async () => {
    let ran = false;
    await expect(
      withTimeout(0, () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(ran).toBe(false);
  });
});

describe('moveOnAfter', () => {
  it('resolves { timedOut: false, value } when fn finishes in time', async () => {
    const result = await moveOnAfter(1_000, async () => 42);
    expect(result).toEqual({ timedOut: false, value: 42 });
    expectTypeOf(result.value).toEqualTypeOf<number | undefined>();
    if (!result.timedOut) expectTypeOf(result.value).toEqualTypeOf<number>();
  });

  it('resolves { timedOut: true, value: undefined } on its own timeout, after fn settled', async () => {
    const log = new Log();
    // Long enough that fn has started on a loaded machine: a deadline already past when fn would start skips it.
    const result = await moveOnAfter(200, child(log, 'slow', 60_000));
    log.add('moved on');
    expect(result).toEqual({ timedOut: true, value: undefined });
    expect(log.events).toEqual(['slow started', 'slow settled', 'moved on']);
  });

  it('does not swallow an outer deadline: that still rejects', async () => {
    const error = await scope((s) => moveOnAfter(1_000, (signal) => sleep(60_000, signal), { signal: s.signal }), { timeout: 3 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('does not swallow a real failure raised while fn was being cancelled', async () => {
    const late = new CustomError('cleanup failed');
    await expect(
      moveOnAfter(2, async (signal) => {
        try {
          await sleep(60_000, signal);
        } finally {
          throw late;
        }
      }),
    ).rejects.toBe(late);
  });

  it('rejects a negative or NaN timeout at the call', () => {
    expect(() => moveOnAfter(-1, () => 1)).toThrow(RangeError);
    expect(() => withTimeout(Number.NaN, () => 1)).toThrow(RangeError);
  });
});

describe('deadlines', () => {
  it('an inner timeout can never extend an outer one', async () => {
    const started = Date.now();
    const error = await scope((s) => withTimeout(10_000, (signal) => sleep(60_000, signal), { signal: s.signal }), {
      timeout: 5,
      name: 'outer',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/"outer" timed out/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a shorter inner timeout fires first', async () => {
    const error = await scope((s) => withTimeout(3, (signal) => sleep(60_000, signal), { signal: s.signal, name: 'inner' }), {
      timeout: 10_000,
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/"inner" timed out/);
  });

  it('a deadline in epoch ms works like a timeout, and one in the past cancels at once', async () => {
    await expect(all([(signal) => sleep(60_000, signal)], { deadline: Date.now() + 3 })).rejects.toBeInstanceOf(TimeoutError);
    let ran = false;
    await expect(
      all([() => void (ran = true)], { deadline: Date.now() - 1 }),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(ran).toBe(false);
  });

  it('a nested scope on a task signal inherits the deadline without a timer of its own', async () => {
    const timersBefore = active('Timeout');
    let timersInside = -1;
    await scope(
      async (s) => {
        await s.spawn((signal) =>
          scope(
            () => {
              timersInside = active('Timeout');
            },
            { signal, timeout: 60_000 }, // later than the outer deadline: no timer needed
          ),
        );
      },
      { timeout: 60_000 },
    );
    expect(timersInside).toBe(timersBefore + 1);
  });

  it('a timeout that fires during cleanup of a failure does not replace the error', async () => {
    const boom = new CustomError('boom');
    const error = await all(
      [
        async () => {
          throw boom;
        },
        async (signal) => {
          try {
            await sleep(60_000, signal);
          } finally {
            await sleep(10);
          }
        },
      ],
      { timeout: 2 },
    ).catch((e: unknown) => e);
    expect(error).toBe(boom);
    expect(suppressedErrors(error)).toEqual([]);
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = performance.now();
    await sleep(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
  });

  it('rejects with the signal reason and clears its timer on abort', async () => {
    const timers = active('Timeout');
    const controller = new AbortController();
    const promise = sleep(60_000, controller.signal);
    expect(active('Timeout')).toBe(timers + 1);
    controller.abort('why');
    expect(active('Timeout')).toBe(timers);
    await expect(promise).rejects.toBe('why');
  });

  it('rejects at once for an already aborted signal', async () => {
    await expect(sleep(60_000, AbortSignal.abort('already'))).rejects.toBe('already');
  });

  it('rejects bad arguments at the call', () => {
    expect(() => sleep(-1)).toThrow(RangeError);
    expect(() => sleep(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => sleep('5' as never)).toThrow(TypeError);
    expect(() => sleep(1, {} as never)).toThrow(TypeError);
  });
});
