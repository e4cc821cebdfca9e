// supervisor(): Kotlin's supervisorScope. Spawned tasks fail independently; the scope still waits
// for all of them; each failure goes to `onError`, or is kept and rethrown once all have settled.
import { describe, expect, it } from 'vitest';
import { sleep, supervisor, suppressedErrors, TimeoutError } from 'taskscope';
import { child, CustomError, Log, turn } from './helpers.js';

describe('supervisor', () => {
  it('a failing task cancels nothing: its siblings finish, the handler hears it with the task name', async () => {
    const log = new Log();
    const heard: unknown[] = [];
    const boom = new CustomError('boom');
    const result = await supervisor(
      async (s) => {
        s.spawn(child(log, 'slow', 5), { name: 'slow' });
        const failing = s.spawn(child(log, 'failing', 1, { fail: boom }), { name: 'indexer' });
        await expect(failing).rejects.toBe(boom); // awaiting it is optional; the handler hears it either way
        expect(s.signal.aborted).toBe(false);
        return 'body';
      },
      { onError: (error, name) => heard.push([error, name]) },
    );
    log.add('supervisor settled');
    expect(result).toBe('body');
    expect(heard).toEqual([[boom, 'indexer']]);
    expect(log.events.at(-1)).toBe('supervisor settled');
    expect(log.events).toContain('slow settled');
  });

  it('without a handler, keeps the failures and rejects with the first once every task has settled', async () => {
    const log = new Log();
    const first = new CustomError('first');
    const second = new CustomError('second');
    const outcome = await log.watch(
      'supervisor',
      supervisor((s) => {
        s.spawn(child(log, 'a', 1, { fail: first }));
        s.spawn(child(log, 'b', 3, { fail: second }));
        s.spawn(child(log, 'c', 6));
      }),
    );
    expect(outcome).toEqual({ ok: false, value: first });
    expect(suppressedErrors(first)).toEqual([second]);
    expect(log.events.at(-1)).toBe('supervisor settled');
    expect(log.events).toContain('c settled');
  });

  it('a cancelled task is not a failure', async () => {
    const heard: unknown[] = [];
    await supervisor(
      async (s) => {
        const task = s.spawn((signal) => sleep(60_000, signal));
        task.cancel();
        await task.then(undefined, () => undefined);
      },
      { onError: (error) => heard.push(error) },
    );
    expect(heard).toEqual([]);
  });

  it('the body’s own failure, or a throwing handler, cancels every task like a scope', async () => {
    const log = new Log();
    const bodyError = new CustomError('body');
    await expect(
      supervisor(async (s) => {
        s.spawn(child(log, 'long', 60_000));
        await turn();
        throw bodyError;
      }),
    ).rejects.toBe(bodyError);
    expect(log.events).toEqual(['long started', 'long settled']);

    const handlerError = new CustomError('handler');
    await expect(
      supervisor(
        (s) => {
          s.spawn(child(log, 'other', 60_000));
          s.spawn(async () => {
            throw new Error('task');
          });
        },
        {
          onError: () => {
            throw handlerError;
          },
        },
      ),
    ).rejects.toBe(handlerError);
  });

  it('honours its timeout and concurrency like any scope', async () => {
    let running = 0;
    let peak = 0;
    const error = await supervisor(
      (s) => {
        for (let i = 0; i < 6; i++) {
          s.spawn(async (signal) => {
            peak = Math.max(peak, ++running);
            try {
              await sleep(i < 4 ? 0 : 60_000, signal);
            } finally {
              running--;
            }
          });
        }
      },
      { concurrency: 2, timeout: 20, name: 'jobs' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('Scope "jobs" timed out after 20 ms');
    expect(peak).toBe(2);
  });

  it('checks its arguments at the call', () => {
    expect(() => supervisor('body' as never)).toThrow(/supervisor\(\): body must be a function/);
    expect(() => supervisor(() => 1, { onError: 'log' as never })).toThrow(/supervisor\(\): options.onError must be a function/);
    expect(() => supervisor(() => 1, { concurrency: 0 })).toThrow(RangeError);
  });
});
