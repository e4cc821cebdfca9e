import { describe, expect, it } from 'vitest';
import { all, scope, sleep, TimeoutError } from 'taskscope';
import { currentSignal } from 'taskscope/context';

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
