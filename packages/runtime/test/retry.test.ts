import { afterEach, describe, expect, it, vi } from 'vitest';
import { retry, suppressedErrors } from 'taskscope';
import { active, CustomError } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('retry', () => {
  it('returns the first success, passing the attempt number and a signal', async () => {
    const calls: number[] = [];
    const result = await retry(
      async (signal, attempt) => {
        expect(signal).toBeInstanceOf(AbortSignal);
        calls.push(attempt);
        if (attempt < 3) throw new Error(`try ${attempt}`);
        return 'ok';
      },
      { attempts: 5, baseDelay: 1 },
    );
    expect(result).toBe('ok');
    expect(calls).toEqual([1, 2, 3]);
  });

  it('gives up after `attempts`, rethrowing the last error with the earlier ones suppressed', async () => {
    const errors = [new Error('1'), new Error('2'), new CustomError('3')];
    const error = await retry(
      (_signal, attempt) => {
        throw errors[attempt - 1];
      },
      { attempts: 3, baseDelay: 0 },
    ).catch((e: unknown) => e);
    expect(error).toBe(errors[2]);
    expect(suppressedErrors(error)).toEqual([errors[0], errors[1]]);
  });

  it('stops when retryIf says so', async () => {
    let calls = 0;
    const fatal = new CustomError('fatal');
    await expect(
      retry(
        async () => {
          calls++;
          throw fatal;
        },
        { attempts: 10, baseDelay: 0, retryIf: (error) => !(error instanceof CustomError) },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it('uses exponential backoff capped by maxDelay, with full jitter by default', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms: number) => {
      delays.push(ms);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout);
    const fail = () => {
      throw new Error('x');
    };
    await retry(fail, { attempts: 5, baseDelay: 100, maxDelay: 300 }).catch(() => {});
    expect(delays).toEqual([50, 100, 150, 150]); // random * min(300, 100 * 2^n)
    delays.length = 0;
    await retry(fail, { attempts: 3, baseDelay: 100, jitter: 'equal' }).catch(() => {});
    expect(delays).toEqual([75, 150]);
    delays.length = 0;
    await retry(fail, { attempts: 3, baseDelay: 100, jitter: 'none' }).catch(() => {});
    expect(delays).toEqual([100, 200]);
  });

  it('abort during the wait rejects with the reason, clears the timer and calls no more', async () => {
    const timers = active('Timeout');
    const controller = new AbortController();
    let calls = 0;
    const promise = retry(
      () => {
        calls++;
        if (calls === 1) setImmediate(() => controller.abort('stop'));
        throw new Error('x');
      },
      { attempts: 5, baseDelay: 60_000, jitter: 'none', signal: controller.signal },
    );
    await expect(promise).rejects.toBe('stop');
    expect(calls).toBe(1);
    expect(active('Timeout')).toBeLessThanOrEqual(timers); // vitest's own timers may come and go
  });

  it('does not retry the cancellation of an attempt', async () => {
    const controller = new AbortController();
    let calls = 0;
    const promise = retry(
      (signal) =>
        new Promise((_, reject) => {
          calls++;
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          controller.abort('user');
        }),
      { attempts: 5, baseDelay: 0, signal: controller.signal },
    );
    await expect(promise).rejects.toBe('user');
    expect(calls).toBe(1);
  });

  it('rejects bad options at the call', () => {
    const fn = () => 1;
    expect(() => retry(fn, { attempts: 0 })).toThrow(RangeError);
    expect(() => retry(fn, { attempts: 1.5 })).toThrow(RangeError);
    expect(() => retry(fn, { baseDelay: -1 })).toThrow(RangeError);
    expect(() => retry(fn, { jitter: 'half' as never })).toThrow(TypeError);
    expect(() => retry(fn, { retryIf: true as never })).toThrow(TypeError);
    expect(() => retry('fn' as never)).toThrow(TypeError);
  });
});
