import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, limiter, retry, scope, sleep, TimeoutError } from 'taskscope';
import { currentSignal } from 'taskscope/context';
import { deferred } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('taskscope/context', () => {
  it('currentSignal() is undefined outside any scope', () => {
    expect(currentSignal()).toBeUndefined();
  });

  it('gives deep calls the signal of the task they run in', async () => {
    const deep = async () => {
      await sleep(1);
      return currentSignal();
    };
    await scope(async (s) => {
      expect(await deep()).toBe(s.signal);
      const task = s.spawn(() => deep());
      expect(await task).toBe(task.signal);
    });
    const [seen] = await all([() => deep()]);
    expect(seen).toBeInstanceOf(AbortSignal);
  });

  it('a nested call without a signal option inherits cancellation and the deadline', async () => {
    const started = Date.now();
    const deepFetch = () => all([(signal) => sleep(60_000, signal)]); // no signal threaded through
    const error = await scope(() => deepFetch(), { timeout: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

// kotlinx.coroutines: a coroutine started in a scope inherits its Job, so cancelling the scope
// cancels it. Every entry point with an optional `signal` defaults to the current one.
describe('kotlinx: a child inherits the Job of its scope (entry points without a signal)', () => {
  /** Runs `work` in a 50 ms scope on fake time: how it ended and when, or 'still running' a minute later. */
  async function inFiftyMsScope(work: () => Promise<unknown>): Promise<{ error: unknown; at: number }> {
    vi.useFakeTimers({ now: 0 });
    let outcome: { error: unknown; at: number } = { error: 'still running', at: -1 };
    void scope(() => work(), { timeout: 50 }).then(
      () => (outcome = { error: undefined, at: Date.now() }),
      (error: unknown) => (outcome = { error, at: Date.now() }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    return outcome;
  }

  it('retry() stops its attempt and its backoff', async () => {
    let calls = 0;
    const { error, at } = await inFiftyMsScope(() =>
      retry(
        async (signal) => {
          calls++;
          await sleep(30, signal);
          throw new Error('flaky');
        },
        { attempts: 10, baseDelay: 1_000, jitter: 'none' },
      ),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(at).toBe(50);
    expect(calls).toBe(1);
  });

  it('limiter.run() leaves the queue, and a running call gets the scope signal', async () => {
    const limit = limiter({ concurrency: 1 });
    const gate = deferred();
    const blocker = limit.run(() => gate.promise);
    let ran = false;
    let received: AbortSignal | undefined;
    const { error, at } = await inFiftyMsScope(() =>
      all([
        () => limit.run(() => void (ran = true)),
        () => limiter().run((signal) => sleep(60_000, (received = signal))),
      ]),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(at).toBe(50);
    expect(ran).toBe(false);
    expect(received?.aborted).toBe(true);
    gate.resolve();
    await blocker;
  });

  it('sleep() without a signal', async () => {
    const { error, at } = await inFiftyMsScope(() => sleep(60_000));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(at).toBe(50);
  });
});
