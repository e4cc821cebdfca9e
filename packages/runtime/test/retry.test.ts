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
    expect(() => retry(() => 1, { retryAfter: 'yes' as never })).toThrow(/options.retryAfter must be a function/);
    const fn = () => 1;
    expect(() => retry(fn, { attempts: 0 })).toThrow(RangeError);
    expect(() => retry(fn, { attempts: 1.5 })).toThrow(RangeError);
    expect(() => retry(fn, { baseDelay: -1 })).toThrow(RangeError);
    expect(() => retry(fn, { jitter: 'half' as never })).toThrow(TypeError);
    expect(() => retry(fn, { retryIf: true as never })).toThrow(TypeError);
    expect(() => retry('fn' as never)).toThrow(TypeError);
  });
});

describe('retry: Retry-After', () => {
  /** The delays retry waits, with setTimeout stubbed to fire at once. */
  function recordDelays() {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms: number) => {
      delays.push(ms);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout);
    return delays;
  }

  /** Fails once with `error`, then succeeds; resolves with the delay retry waited in between. */
  async function delayAfter(error: unknown, options: Parameters<typeof retry>[1] = {}): Promise<number | undefined> {
    const delays = recordDelays();
    await retry(
      (_signal, attempt) => {
        if (attempt === 1) throw error;
        return 'ok';
      },
      { baseDelay: 100, maxDelay: 60_000, ...options },
    );
    vi.restoreAllMocks();
    expect(delays.length).toBeLessThanOrEqual(1);
    return delays[0];
  }

  // The shapes SDK errors have (OpenAI's and Anthropic's APIError: status + headers), without the SDKs.
  class ApiError extends Error {
    constructor(
      readonly status: number,
      readonly headers: Headers | Record<string, string> | undefined,
    ) {
      super(`${status} error`);
    }
  }

  it('waits what `retry-after-ms` says (OpenAI and Anthropic send it), before `Retry-After`', async () => {
    expect(await delayAfter(new ApiError(429, new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' })))).toBe(1_500);
  });

  it('reads `Retry-After` in seconds, from a Headers object or a plain record (older SDKs)', async () => {
    expect(await delayAfter(new ApiError(429, new Headers({ 'Retry-After': '2' })))).toBe(2_000);
    expect(await delayAfter(new ApiError(503, { 'retry-after': '0.5' }))).toBe(500);
  });

  it('reads `Retry-After` as an HTTP date', async () => {
    const at = new Date(Date.now() + 5_000).toUTCString(); // whole seconds: 4-5 s from now
    const delay = await delayAfter(new ApiError(503, { 'retry-after': at }));
    expect(delay).toBeGreaterThan(3_900);
    expect(delay).toBeLessThanOrEqual(5_000);
  });

  it('reads a thrown Response, and the headers of an error’s `response`', async () => {
    expect(await delayAfter(new Response(null, { status: 429, headers: { 'Retry-After': '3' } }))).toBe(3_000);
    expect(await delayAfter(Object.assign(new Error('429'), { response: { status: 429, headers: new Headers({ 'retry-after': '4' }) } }))).toBe(4_000);
  });

  it('takes an error’s own `retryAfter` in ms first', async () => {
    expect(await delayAfter(Object.assign(new ApiError(429, { 'retry-after': '9' }), { retryAfter: 250 }))).toBe(250);
  });

  it('caps the wait at maxDelay', async () => {
    expect(await delayAfter(new ApiError(429, { 'retry-after': '120' }), { maxDelay: 10_000 })).toBe(10_000);
  });

  it('backs off with full jitter when nothing usable is said: no header, a bad value, a past date', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.25);
    for (const error of [
      new ApiError(429, undefined),
      new ApiError(503, { 'retry-after': 'soon' }),
      new ApiError(503, { 'retry-after': '-3' }),
      new ApiError(503, { 'retry-after': new Date(Date.now() - 60_000).toUTCString() }),
      new ApiError(429, { 'retry-after-ms': '' }),
      new Error('no status at all'),
    ]) {
      vi.spyOn(Math, 'random').mockReturnValue(0.25);
      expect(await delayAfter(error)).toBe(25); // random * baseDelay
    }
  });

  it('retryAfter: false always backs off; a function of your own replaces the default', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const error = new ApiError(429, { 'retry-after': '7' });
    expect(await delayAfter(error, { retryAfter: false })).toBe(50);
    const seen: unknown[] = [];
    const own = (e: unknown) => (seen.push(e), (e as ApiError).status === 429 ? 777 : undefined);
    expect(await delayAfter(error, { retryAfter: own })).toBe(777);
    expect(seen).toEqual([error]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(await delayAfter(new ApiError(500, undefined), { retryAfter: own })).toBe(50); // undefined: back off
  });
});
