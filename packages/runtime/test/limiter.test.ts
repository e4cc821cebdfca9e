import { describe, expect, it } from 'vitest';
import { limiter } from 'taskscope';
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
