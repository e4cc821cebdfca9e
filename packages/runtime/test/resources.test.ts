// Rule 5: one AbortController per scope, no listener left on a parent signal, no timer left.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, allSettled, any, limiter, map, moveOnAfter, race, retry, scope, sleep, withTimeout } from 'taskscope';
import { abortListeners, active } from './helpers.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Counts `new AbortController()` calls from now on. */
function countControllers(): { readonly count: number } {
  const counter = { count: 0 };
  const Real = globalThis.AbortController;
  vi.stubGlobal(
    'AbortController',
    class extends Real {
      constructor() {
        super();
        counter.count++;
      }
    },
  );
  return counter;
}

const N = 100;
const tasks = Array.from({ length: N }, (_, i) => async (signal: AbortSignal) => {
  await sleep(i % 3, signal);
  return i;
});

describe('rule 5: resources', () => {
  const combinators: Record<string, () => Promise<unknown>> = {
    all: () => all(tasks),
    allSettled: () => allSettled(tasks),
    race: () => race(tasks),
    any: () => any(tasks),
    map: () => map(tasks, (task, signal) => task(signal), { concurrency: 10 }),
    withTimeout: () => withTimeout(1_000, (signal) => all(tasks, { signal })),
    moveOnAfter: () => moveOnAfter(1_000, (signal) => tasks[1]!(signal)),
  };

  for (const [name, run] of Object.entries(combinators)) {
    it(`${name} creates exactly one AbortController for ${N} tasks`, async () => {
      const controllers = countControllers();
      await run();
      const expected = name === 'withTimeout' ? 2 : 1; // withTimeout wraps an all(): two scopes
      expect(controllers.count).toBe(expected);
    });
  }

  it('spawn costs one AbortController per task, and no listener on the scope signal', async () => {
    let listeners = -1;
    const controllers = countControllers();
    await scope(async (s) => {
      for (let i = 0; i < 20; i++) s.spawn((signal) => sleep(1, signal));
      listeners = abortListeners(s.signal);
    });
    expect(controllers.count).toBe(21);
    expect(listeners).toBe(0);
  });

  it('10,000 sequential scopes on one parent signal leave no listener and no warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const parent = new AbortController().signal;
      for (let i = 0; i < 10_000; i++) {
        await all([() => i, async (signal) => signal.aborted], { signal: parent, timeout: 60_000 });
      }
      await new Promise((resolve) => setImmediate(resolve));
      expect(abortListeners(parent)).toBe(0);
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('50 concurrent nested scopes under one scope add no event listener to its signal', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      await scope(async (s) => {
        const inner = Array.from({ length: 50 }, () => withTimeout(1_000, (signal) => sleep(5, signal), { signal: s.signal }));
        expect(abortListeners(s.signal)).toBe(0);
        await Promise.all(inner);
      });
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('forgets a scope and its tasks once they settled (no registry leak)', async () => {
    let scopeSignal: AbortSignal | undefined;
    let taskSignal: AbortSignal | undefined;
    await scope(async (s) => {
      scopeSignal = s.signal;
      taskSignal = await s.spawn((signal) => signal);
    });
    // Linking to a signal still registered adds no event listener; to a forgotten one, a plain one.
    for (const signal of [scopeSignal!, taskSignal!]) {
      const inner = all([(sig) => sleep(1, sig)], { signal });
      expect(abortListeners(signal)).toBe(1);
      await inner;
      expect(abortListeners(signal)).toBe(0);
    }
  });

  it('leaves no active timer on any path', async () => {
    const before = active('Timeout');
    const controller = new AbortController();
    const outcomes = Promise.allSettled([
      all([(signal) => sleep(1, signal)], { timeout: 60_000 }),
      all([(signal) => sleep(60_000, signal)], { timeout: 1 }),
      all([() => Promise.reject(new Error('x')), (signal) => sleep(60_000, signal)], { timeout: 60_000 }),
      scope((s) => sleep(60_000, s.signal), { signal: controller.signal, deadline: Date.now() + 60_000 }),
      moveOnAfter(1, (signal) => sleep(60_000, signal)),
      retry((signal) => sleep(60_000, signal), { signal: controller.signal }),
      limiter({ tokens: 1, interval: 60_000 }).run(() => 1),
    ]);
    await sleep(5);
    controller.abort();
    const results = await outcomes;
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(active('Timeout')).toBeLessThanOrEqual(before); // vitest's own timers may come and go
  });
});
