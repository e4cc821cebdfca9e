// The contract where users push it: tight limits, deep nesting, many users of one signal, thousands
// of attempts. Each test is named after the peer test (or behaviour) it ports: CPython's
// test_taskgroups.py and test_timeouts.py, Trio, kotlinx.coroutines, Go's errgroup.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, hedge, limiter, moveOnAfter, scope, sleep, suppressedErrors, TimeoutError, withTimeout } from 'taskscope';
import { abortListeners, CustomError, deferred, Log, turn } from './helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

/** The MaxListenersExceededWarnings emitted while `fn` runs (Node emits them on a later tick). */
async function listenerWarnings(fn: () => Promise<void>): Promise<Error[]> {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    await fn();
    await turn();
  } finally {
    process.off('warning', onWarning);
  }
  return warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
}

describe('concurrency limits', () => {
  it('errgroup TestGoLimit: the limit counts children, not the body (a body awaiting spawn or start settles)', { timeout: 5_000 }, async () => {
    expect(await scope(async (s) => await s.spawn(() => 'spawned'), { concurrency: 1 })).toBe('spawned');
    expect(await scope((s) => s.start<string>((_signal, ready) => ready('ready')), { concurrency: 1 })).toBe('ready');
  });

  it('errgroup TestGoLimit: with a limit of N, N children run while the body waits', async () => {
    let running = 0;
    let peak = 0;
    await scope(
      async (s) => {
        const tasks = Array.from({ length: 9 }, () =>
          s.spawn(async () => {
            peak = Math.max(peak, ++running);
            await turn();
            running--;
          }),
        );
        await Promise.all(tasks);
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });

  it('kotlinx cancelAndJoin: a task cancelled after it waited for a slot is awaited, and its cleanup failure reported', { timeout: 5_000 }, async () => {
    const log = new Log();
    const cleanup = new CustomError('cleanup failed');
    const gate = deferred();
    const outcome = log.watch(
      'scope',
      scope(
        async (s) => {
          s.spawn(() => gate.promise); // holds the only slot
          const late = s.spawn(async (signal) => {
            log.add('late started');
            try {
              await sleep(60_000, signal);
            } finally {
              await turn();
              log.add('late cleaned up');
              throw cleanup;
            }
          });
          gate.resolve();
          while (!log.events.includes('late started')) await turn();
          late.cancel();
        },
        { concurrency: 1 },
      ),
    );
    expect(await outcome).toEqual({ ok: false, value: cleanup });
    expect(log.events).toEqual(['late started', 'late cleaned up', 'scope settled']);
  });
});

describe('deep nesting', () => {
  const DEPTH = 10_000;

  /**
   * `depth` scopes, each opened in the body of the one above after a microtask (so building the
   * tree costs no stack), the innermost waiting on its signal. Resolves `reached` once it waits.
   */
  function nest(depth: number, signal: AbortSignal, reached: () => void, settled: { count: number }): Promise<unknown> {
    return scope(
      async (s) => {
        await null;
        if (depth > 1) return nest(depth - 1, s.signal, reached, settled);
        reached();
        return sleep(60_000, s.signal);
      },
      { signal },
    ).finally(() => settled.count++);
  }

  it(`Trio test_very_deep_cancel_scope_nesting: ${DEPTH} nested scopes cancelled with s.cancel() all settle`, async () => {
    const reached = deferred();
    const settled = { count: 0 };
    const reason = new Error('enough');
    const outcome = scope(async (s) => {
      const inner = nest(DEPTH, s.signal, reached.resolve, settled);
      await reached.promise;
      s.cancel(reason);
      await inner;
    });
    await expect(outcome).rejects.toBe(reason);
    expect(settled.count).toBe(DEPTH);
  });

  it(`Trio test_very_deep_cancel_scope_nesting: ${DEPTH} nested scopes cancelled by the outer timeout settle with its error`, async () => {
    vi.useFakeTimers({ now: 0 });
    const reached = deferred();
    const settled = { count: 0 };
    const outcome = scope((s) => nest(DEPTH, s.signal, reached.resolve, settled), { timeout: 1_000, name: 'outer' }).catch((e: unknown) => e);
    await reached.promise;
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/"outer" timed out/);
    expect(settled.count).toBe(DEPTH);
  });
});

describe('many attempts', () => {
  it('Promise.any: 5,000 attempts that throw synchronously reject with an AggregateError, leaving no listener or timer', async () => {
    vi.useFakeTimers({ now: 0 });
    const controller = new AbortController();
    let calls = 0;
    const error = await hedge(
      () => {
        throw new CustomError(`attempt ${++calls}`);
      },
      { delay: 1_000, attempts: 5_000, signal: controller.signal },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors).toHaveLength(5_000);
    expect(calls).toBe(5_000);
    expect(abortListeners(controller.signal)).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('many users of one signal', () => {
  it('20 withTimeout calls and 50 queued limiter waiters on one request signal print no listener warning', async () => {
    const request = new AbortController();
    const warnings = await listenerWarnings(async () => {
      const gate = deferred();
      const limit = limiter({ concurrency: 1 });
      const calls = [
        ...Array.from({ length: 20 }, () => withTimeout(60_000, () => gate.promise, { signal: request.signal })),
        ...Array.from({ length: 51 }, () => limit.run(() => gate.promise, { signal: request.signal })),
      ];
      expect(abortListeners(request.signal)).toBe(1);
      gate.resolve();
      await Promise.all(calls);
    });
    expect(warnings).toEqual([]);
    expect(abortListeners(request.signal)).toBe(0);
  });

  it('10,000 concurrent scopes on one foreign signal: one listener while they run, none after, all cancelled by it', async () => {
    const parent = new AbortController();
    const reason = new Error('request aborted');
    let outcomes: PromiseSettledResult<unknown>[] = [];
    const warnings = await listenerWarnings(async () => {
      const runs = Array.from({ length: 10_000 }, () => all([(signal) => sleep(60_000, signal)], { signal: parent.signal }));
      expect(abortListeners(parent.signal)).toBe(1);
      parent.abort(reason);
      outcomes = await Promise.allSettled(runs);
    });
    expect(warnings).toEqual([]);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === reason)).toBe(true);
    expect(abortListeners(parent.signal)).toBe(0);
  });
});

describe('errors win over cancellation', () => {
  /** A task that waits on its signal, then fails in its cleanup with `crash`. */
  const crashing = (crash: unknown) => async (signal: AbortSignal) => {
    try {
      await sleep(60_000, signal);
    } finally {
      throw crash;
    }
  };

  it('CPython test_foreign_exception_on_timeout: an error raised while a timeout cancels surfaces, the TimeoutError attached', async () => {
    for (const call of [
      (crash: unknown) => withTimeout(2, crashing(crash)),
      (crash: unknown) => moveOnAfter(2, crashing(crash)),
      (crash: unknown) => scope((s) => crashing(crash)(s.signal), { timeout: 2 }),
      (crash: unknown) => all([crashing(crash), crashing(new Error('second'))], { timeout: 2 }),
    ]) {
      const crash = new CustomError('crash during cleanup');
      const error = await call(crash).catch((e: unknown) => e);
      expect(error).toBe(crash);
      expect(suppressedErrors(error)[0]).toBeInstanceOf(TimeoutError);
    }
  });

  it('CPython test_taskgroup_18: an error raised while cancelled from outside surfaces, the reason attached', async () => {
    const controller = new AbortController();
    const reason = new Error('outer');
    const crash = new CustomError('crash during cleanup');
    const outcome = scope((s) => crashing(crash)(s.signal), { signal: controller.signal });
    controller.abort(reason);
    const error = await outcome.catch((e: unknown) => e);
    expect(error).toBe(crash);
    expect(suppressedErrors(error)).toEqual([reason]);
  });
});
