// map() over iterables and async iterables, read lazily: an item is taken only when a call can
// start, reading stops (and the iterator is closed) on cancellation or failure.
import { describe, expect, it } from 'vitest';
import { map, scope, sleep } from 'taskscope';
import { CustomError, deferred, turn } from './helpers.js';

/** An endless generator that records how far it was read and whether it was closed. */
function naturals() {
  const seen = { taken: 0, closed: false };
  function* generate() {
    try {
      for (let i = 0; ; i++) {
        seen.taken = i + 1;
        yield i;
      }
    } finally {
      seen.closed = true;
    }
  }
  return { seen, items: generate() };
}

describe('map: lazy input', () => {
  it('takes an item only when a call can start: never more than `concurrency` ahead of the settled ones', async () => {
    const gates = Array.from({ length: 6 }, () => deferred());
    const taken: number[] = [];
    const run = map(
      (function* () {
        for (const gate of gates.keys()) yield gate;
      })(),
      async (i) => {
        taken.push(i);
        await gates[i]!.promise;
        return i * 10;
      },
      { concurrency: 2 },
    );
    await turn();
    expect(taken).toEqual([0, 1]);
    gates[1]!.resolve();
    await turn();
    expect(taken).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await run).toEqual([0, 10, 20, 30, 40, 50]);
  });

  it('processes an endless generator until it is cancelled, then closes it', async () => {
    const { seen, items } = naturals();
    const controller = new AbortController();
    const reason = new Error('stop reading');
    const run = map<number, unknown>(
      items,
      (i, signal) => {
        if (i < 5) return i; // the first five finish at once
        if (i === 7) queueMicrotask(() => controller.abort(reason)); // three wait: no slot is free
        return sleep(60_000, signal);
      },
      { concurrency: 3, signal: controller.signal },
    );
    await expect(run).rejects.toBe(reason);
    expect(seen.closed).toBe(true);
    expect(seen.taken).toBe(5 + 3); // nothing was read after the slots filled up
  });

  it('closes the iterator when a call fails, as `for … of` does on a throw', async () => {
    const { seen, items } = naturals();
    const boom = new CustomError('boom');
    await expect(
      map(items, async (i) => {
        if (i === 3) throw boom;
      }, { concurrency: 1 }),
    ).rejects.toBe(boom);
    expect(seen.closed).toBe(true);
    expect(seen.taken).toBe(4);
  });

  it('reads an async iterable one item per free slot, in order, and awaits its cleanup on cancellation', async () => {
    const log: string[] = [];
    async function* pages(signal: AbortSignal) {
      try {
        for (let page = 1; ; page++) {
          await sleep(1, signal);
          log.push(`read ${page}`);
          yield page;
        }
      } finally {
        await turn();
        log.push('source closed');
      }
    }
    const outcome = scope(async (s) => {
      const results = map(pages(s.signal), async (page) => {
        log.push(`handle ${page}`);
        if (page === 3) s.cancel(new Error('enough'));
        return page;
      });
      return results;
    }).catch((e: unknown) => e);
    log.push(String(await outcome));
    expect(log).toEqual(['read 1', 'handle 1', 'read 2', 'handle 2', 'read 3', 'handle 3', 'source closed', 'Error: enough']);
  });

  it('fails with the error of an iterator that throws, and keeps the results of a finite async input', async () => {
    const broken = new CustomError('source broke');
    async function* failing() {
      yield 1;
      throw broken;
    }
    await expect(map(failing(), (x) => x)).rejects.toBe(broken);
    async function* three() {
      yield* [1, 2, 3];
    }
    expect(await map(three(), async (x, _signal, index) => x * 10 + index, { concurrency: 2 })).toEqual([10, 21, 32]);
  });

  it('rejects what is neither iterable nor async iterable at the call', () => {
    expect(() => map(5 as never, (x) => x)).toThrow(/map\(\): items must be iterable, got number/);
    expect(() => map({} as never, (x) => x)).toThrow(TypeError);
  });
});
