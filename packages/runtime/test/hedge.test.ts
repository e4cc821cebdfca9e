// hedge runs on fake time: the delays are exact and the tests take no real time.
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { hedge, sleep, TimeoutError } from 'taskscope';
import { CustomError, Log } from './helpers.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** An attempt that logs when it starts and settles, and answers after `ms` unless aborted first. */
function attempt(log: Log, ms: number, outcome: { fail?: unknown; value?: string } = {}) {
  return async (signal: AbortSignal, n: number) => {
    log.add(`${n} started at ${Date.now()}`);
    try {
      await sleep(ms, signal);
      if ('fail' in outcome) throw outcome.fail;
      return outcome.value ?? `answer ${n}`;
    } finally {
      log.add(`${n} settled at ${Date.now()}`);
    }
  };
}

describe('hedge', () => {
  it('resolves with a fast first attempt and starts no other', async () => {
    const log = new Log();
    const promise = hedge(attempt(log, 30), { delay: 100 });
    expectTypeOf(promise).toEqualTypeOf<Promise<string>>();
    await vi.advanceTimersByTimeAsync(30);
    expect(await promise).toBe('answer 1');
    expect(log.events).toEqual(['1 started at 0', '1 settled at 30']);
    expect(vi.getTimerCount()).toBe(0); // the timer for attempt 2 was cleared
  });

  it('starts a backup after `delay`; the first success wins, the loser is aborted and awaited', async () => {
    const log = new Log();
    const slow = attempt(log, 1_000);
    const fast = attempt(log, 50);
    const signals: AbortSignal[] = [];
    const outcome = log.watch(
      'hedge',
      hedge((signal, n) => (signals.push(signal), n === 1 ? slow(signal, n) : fast(signal, n)), { delay: 100 }),
    );
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await outcome).toEqual({ ok: true, value: 'answer 2' });
    expect(log.events).toEqual(['1 started at 0', '2 started at 100', '2 settled at 150', '1 settled at 150', 'hedge settled']);
    expect(signals[0]!.aborted).toBe(true);
  });

  it('starts the next attempt at once when one fails, without waiting for the delay', async () => {
    const log = new Log();
    const failing = attempt(log, 10, { fail: new CustomError('503') });
    const ok = attempt(log, 10);
    const promise = hedge((signal, n) => (n === 1 ? failing(signal, n) : ok(signal, n)), { delay: 1_000 });
    await vi.advanceTimersByTimeAsync(20);
    expect(await promise).toBe('answer 2');
    expect(log.events).toEqual(['1 started at 0', '1 settled at 10', '2 started at 10', '2 settled at 20']);
  });

  it('a failure while another attempt runs also starts the next one, and restarts the delay', async () => {
    const log = new Log();
    const behaviours = [attempt(log, 150, { fail: new CustomError('1') }), attempt(log, 1_000), attempt(log, 1_000), attempt(log, 10)];
    const promise = hedge((signal, n) => behaviours[n - 1]!(signal, n), { delay: 100, attempts: 4 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await promise).toBe('answer 4');
    // 1 at 0, 2 at 100 (delay), 3 at 150 (1 failed), 4 at 250 (delay after 3).
    expect(log.events.filter((e) => e.includes('started'))).toEqual(['1 started at 0', '2 started at 100', '3 started at 150', '4 started at 250']);
  });

  it('rejects with an AggregateError of every error, in attempt order, only when all failed', async () => {
    const errors = [new CustomError('a'), new CustomError('b'), new CustomError('c')];
    const log = new Log();
    const durations = [300, 50, 10]; // they fail in the reverse order
    const promise = hedge((signal, n) => attempt(log, durations[n - 1]!, { fail: errors[n - 1] })(signal, n), { delay: 100, attempts: 3 });
    const settled = log.watch('hedge', promise);
    await vi.advanceTimersByTimeAsync(1_000);
    const { ok, value } = await settled;
    expect(ok).toBe(false);
    expect(value).toBeInstanceOf(AggregateError);
    expect((value as AggregateError).errors).toEqual(errors);
    expect(log.events.at(-1)).toBe('hedge settled');
  });

  it('starts at most `attempts`, and outer cancellation aborts and awaits them all', async () => {
    const log = new Log();
    const controller = new AbortController();
    const promise = log.watch('hedge', hedge((signal, n) => attempt(log, 60_000)(signal, n), { delay: 10, attempts: 3, signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(500);
    expect(log.events.filter((e) => e.includes('started'))).toHaveLength(3);
    controller.abort('user left');
    await vi.advanceTimersByTimeAsync(0);
    expect(await promise).toEqual({ ok: false, value: 'user left' });
    expect(log.events.slice(3)).toEqual(['1 settled at 500', '2 settled at 500', '3 settled at 500', 'hedge settled']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('honours its own timeout', async () => {
    const promise = hedge((signal) => sleep(60_000, signal), { delay: 100, timeout: 250, name: 'search' });
    const settled = promise.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(250);
    const error = await settled;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/"search" timed out/);
  });

  it('drops a loser that fails for real while being cancelled, like any()', async () => {
    const promise = hedge(
      async (signal, n) => {
        if (n === 2) return 'fast';
        await sleep(60_000, signal).catch(() => undefined);
        throw new CustomError('cleanup failed');
      },
      { delay: 5 },
    );
    await vi.advanceTimersByTimeAsync(5);
    expect(await promise).toBe('fast');
  });

  it('takes a synchronous result or throw like any task', async () => {
    expect(await hedge(() => 42, { delay: 0 })).toBe(42);
    let calls = 0;
    const promise = hedge(
      () => {
        calls++;
        throw new CustomError(`sync ${calls}`);
      },
      { delay: 1_000, attempts: 3 },
    );
    await expect(promise).rejects.toBeInstanceOf(AggregateError);
    expect(calls).toBe(3);
  });

  it('rejects bad input at the call', () => {
    const fn = () => 1;
    expect(() => hedge(fn, undefined as never)).toThrow(TypeError);
    expect(() => hedge(fn, {} as never)).toThrow(/options.delay must be a number/);
    expect(() => hedge(fn, { delay: -1 })).toThrow(RangeError);
    expect(() => hedge(fn, { delay: 10, attempts: 0 })).toThrow(RangeError);
    expect(() => hedge(fn, { delay: 10, attempts: 1.5 })).toThrow(RangeError);
    expect(() => hedge(fn, { delay: 10, attempts: Infinity })).toThrow(/attempts must be an integer >= 1, got Infinity/);
    expect(() => hedge('fn' as never, { delay: 10 })).toThrow(TypeError);
  });
});
