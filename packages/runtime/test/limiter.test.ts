import { afterEach, describe, expect, it, vi } from 'vitest';
import { limiter, sleep } from 'taskscope';
import { active, deferred, flush, turn } from './helpers.js';

describe('limiter', () => {
  it('runs at most `concurrency` calls at once, in FIFO order', async () => {
    const limit = limiter({ concurrency: 2 });
    const gates = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = gates.map((gate, i) =>
      limit.run(async () => {
        order.push(i);
        await gate.promise;
        return i;
      }),
    );
    await flush();
    expect(order).toEqual([0, 1]);
    gates[1]!.resolve();
    await flush();
    expect(order).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
  });

  it('passes the caller signal to fn, and a failure of fn to the caller', async () => {
    const limit = limiter({ concurrency: 1 });
    const controller = new AbortController();
    let received: AbortSignal | undefined;
    await limit.run((signal) => void (received = signal), { signal: controller.signal });
    expect(received).toBe(controller.signal);
    const boom = new Error('boom');
    await expect(limit.run(() => Promise.reject(boom))).rejects.toBe(boom);
    await expect(
      limit.run(() => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await limit.run(() => 'slot freed')).toBe('slot freed');
  });

  it('takes `cost` tokens per call and waits for the bucket to refill', async () => {
    const limit = limiter({ tokens: 10, interval: 50 }); // 10 tokens per 50 ms
    const started = performance.now();
    await limit.run(() => 1, { cost: 10 });
    await limit.run(() => 2, { cost: 4 }); // must wait about 20 ms
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('removes an aborted waiter at once and rejects it with the reason', async () => {
    const limit = limiter({ concurrency: 1 });
    const gate = deferred();
    const first = limit.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limit.run(
      () => {
        ran = true;
      },
      { signal: controller.signal },
    );
    const third = limit.run(() => 'third');
    controller.abort('changed my mind');
    await expect(waiting).rejects.toBe('changed my mind');
    gate.resolve();
    await first;
    expect(await third).toBe('third');
    expect(ran).toBe(false);
  });

  it('an aborted waiter that blocks the head on tokens leaves no timer behind', async () => {
    const limit = limiter({ tokens: 1, interval: 60_000 });
    await limit.run(() => 'takes the only token');
    const timers = active('Timeout');
    const controller = new AbortController();
    const waiting = limit.run(() => 'never', { signal: controller.signal });
    expect(active('Timeout')).toBe(timers + 1);
    controller.abort('bye');
    expect(active('Timeout')).toBe(timers);
    await expect(waiting).rejects.toBe('bye');
  });

  it('rejects at once when the signal already aborted', async () => {
    let ran = false;
    await expect(limiter().run(() => void (ran = true), { signal: AbortSignal.abort('no') })).rejects.toBe('no');
    await turn();
    expect(ran).toBe(false);
  });

  it('rejects bad input at the call', () => {
    expect(() => limiter({ concurrency: 0 })).toThrow(RangeError);
    expect(() => limiter({ concurrency: 1.5 })).toThrow(RangeError);
    expect(() => limiter({ tokens: -5 })).toThrow(RangeError);
    expect(() => limiter({ tokens: 0 })).toThrow(RangeError);
    const limit = limiter({ tokens: 100 });
    expect(() => limit.run(() => 1, { cost: 101 })).toThrow(RangeError);
    expect(() => limit.run(() => 1, { cost: Number.NaN })).toThrow(RangeError);
    expect(() => limit.run('x' as never)).toThrow(TypeError);
  });
});

// Several limits and settle run on fake time: waits are exact and take no real time.
describe('limiter with several limits and settle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `run` now and records when it starts, in fake ms. */
  const startTimes = () => {
    const times: number[] = [];
    return { times, mark: () => times.push(Date.now()) };
  };

  it('holds requests per interval and tokens per interval at once, with a cost for each', async () => {
    vi.useFakeTimers({ now: 0 });
    // 2 requests and 1 000 tokens per second.
    const limit = limiter({ limits: [{ tokens: 2, interval: 1_000 }, { tokens: 1_000, interval: 1_000 }] });
    const { times, mark } = startTimes();
    const runs = [
      limit.run(mark, { cost: [1, 900] }),
      limit.run(mark, { cost: [1, 300] }), // 100 tokens left: waits 200 ms for 200 more
      limit.run(mark, { cost: [1, 100] }), // 0.4 requests left: waits 300 ms for 0.6 more
    ];
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    expect(times).toEqual([0, 200, 500]);
  });

  it('one number is the same cost in every bucket', async () => {
    vi.useFakeTimers({ now: 0 });
    const limit = limiter({ limits: [{ tokens: 10, interval: 100 }, { tokens: 20, interval: 100 }] });
    const { times, mark } = startTimes();
    const runs = [limit.run(mark, { cost: 10 }), limit.run(mark, { cost: 5 })]; // bucket 0 needs 50 ms
    await vi.runAllTimersAsync();
    await Promise.all(runs);
    expect(times).toEqual([0, 50]);
  });

  it('settle for less gives tokens back at once, and the next waiter starts', async () => {
    vi.useFakeTimers({ now: 0 });
    const limit = limiter({ tokens: 1_000, interval: 60_000 });
    const { times, mark } = startTimes();
    const first = limit.run(async (_signal, settle) => {
      mark();
      await sleep(10);
      settle(200); // reserved 1 000, used 200
      await sleep(100);
    }, { cost: 1_000 });
    const second = limit.run(mark, { cost: 800 });
    await vi.advanceTimersByTimeAsync(110);
    await Promise.all([first, second]);
    expect(times).toEqual([0, 10]);
  });

  it('settle for more takes what the bucket holds and owes the rest: later calls wait for it', async () => {
    vi.useFakeTimers({ now: 0 });
    const limit = limiter({ tokens: 100, interval: 1_000 }); // 0.1 token per ms
    const { times, mark } = startTimes();
    await limit.run((_signal, settle) => {
      mark();
      settle(250); // reserved 10: 90 more are taken now, 150 are owed
    }, { cost: 10 });
    const next = limit.run(mark, { cost: 20 }); // waits for the 150 owed, then 20: 1 700 ms
    await vi.runAllTimersAsync();
    await next;
    expect(times).toEqual([0, 1_700]);
  });

  it('settle can be called again: each call sets the total', async () => {
    vi.useFakeTimers({ now: 0 });
    const limit = limiter({ tokens: 100, interval: 1_000 });
    const { times, mark } = startTimes();
    await limit.run((_signal, settle) => {
      settle(100);
      settle(30); // the total is 30: 70 come back
    }, { cost: 50 });
    const next = limit.run(mark, { cost: 70 });
    await vi.runAllTimersAsync();
    await next;
    expect(times).toEqual([0]);
  });

  it('rejects costs that do not fit the limits, at the call and in settle', async () => {
    const limit = limiter({ limits: [{ tokens: 10 }, { tokens: 1_000 }] });
    expect(() => limit.run(() => 1, { cost: [1] })).toThrow(/one entry per limit \(2\)/);
    expect(() => limit.run(() => 1, { cost: [1, 1_001] })).toThrow(/cost 1001 exceeds limit 1 \(1000 tokens\)/);
    expect(() => limit.run(() => 1, { cost: [1, -1] })).toThrow(RangeError);
    expect(() => limit.run(() => 1, { cost: 11 })).toThrow(RangeError); // 11 > 10 in bucket 0
    await expect(limit.run((_signal, settle) => settle([1]))).rejects.toThrow(/settle\(\): actual must have one entry per limit/);
    await expect(limit.run((_signal, settle) => settle(Number.NaN))).rejects.toThrow(RangeError);
    // A bad settle leaves the reservation as it was: the limiter goes on.
    expect(await limit.run(() => 'still fine')).toBe('still fine');
  });

  it('rejects bad limits at the call', () => {
    expect(() => limiter({ limits: {} as never })).toThrow(/options.limits must be iterable/);
    expect(() => limiter({ limits: [{ tokens: 0 }] })).toThrow(/limits\[0\].tokens and .interval must be > 0/);
    expect(() => limiter({ limits: [{ tokens: 5 }, { tokens: 5, interval: -1 }] })).toThrow(/limits\[1\].interval/);
    expect(() => limiter({ limits: [null as never] })).toThrow(TypeError);
    expect(() => limiter({ concurrency: 1, limits: [{ tokens: 5 }], tokens: Number.NaN })).toThrow(/options.tokens/);
  });
});
