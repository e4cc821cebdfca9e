import { describe, expect, it } from 'vitest';
import { openScope, scope, ScopeClosedError, sleep, suppressedErrors, TimeoutError, type Scope, type Task } from 'taskscope';
import { child, CustomError, deferred, flush, Log, turn } from './helpers.js';

describe('scope', () => {
  it('resolves with the body value once every child has settled', async () => {
    const log = new Log();
    const result = await scope(async (s) => {
      s.spawn(child(log, 'a', 5));
      s.spawn(child(log, 'b', 1));
      return 'body';
    });
    log.add('scope settled');
    expect(result).toBe('body');
    expect(log.events.at(-1)).toBe('scope settled');
    expect(log.events).toContain('a settled');
  });

  it('gives tasks their values when awaited, and runs a sync body', async () => {
    const result = await scope((s) => {
      const a = s.spawn(() => 1);
      const b = s.spawn(async () => 'two');
      return Promise.all([a, b]);
    });
    expect(result).toEqual([1, 'two']);
  });

  it('passes the scope signal to the body, and a per-task signal to each task', async () => {
    let taskSignal: AbortSignal | undefined;
    await scope((s) => {
      const task = s.spawn((signal) => {
        taskSignal = signal;
      });
      expect(task.signal).toBe(taskSignal);
      expect(task.signal).not.toBe(s.signal);
    });
    expect(taskSignal?.aborted).toBe(false);
  });

  it('task.cancel aborts that task only and rejects it with the reason; the scope goes on', async () => {
    const reason = new Error('stop this one');
    const log = new Log();
    const result = await scope(async (s) => {
      const slow = s.spawn(child(log, 'slow', 1_000));
      const other = s.spawn(child(log, 'other', 5));
      slow.cancel(reason);
      await expect(slow).rejects.toBe(reason);
      expect(s.signal.aborted).toBe(false);
      return await other;
    });
    expect(result).toBe('other');
  });

  it('task.cancel without a reason rejects with an AbortError', async () => {
    await scope(async (s) => {
      const task = s.spawn((signal) => sleep(1_000, signal));
      task.cancel();
      await expect(task).rejects.toMatchObject({ name: 'AbortError' });
    });
  });

  it('task.cancel settles a task still queued behind `concurrency` at once, without running it', async () => {
    let ran = false;
    await scope(
      async (s) => {
        const gate = deferred();
        s.spawn(() => gate.promise);
        const queued = s.spawn(() => {
          ran = true;
        });
        queued.cancel('nope');
        await expect(queued).rejects.toBe('nope');
        gate.resolve();
      },
      { concurrency: 1 },
    );
    expect(ran).toBe(false);
  });

  it('limits running children to `concurrency` (the body does not count)', async () => {
    let running = 0;
    let peak = 0;
    await scope(
      (s) => {
        for (let i = 0; i < 10; i++) {
          s.spawn(async () => {
            peak = Math.max(peak, ++running);
            await turn();
            running--;
          });
        }
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });

  it('a spawned task that fails and is never awaited rejects the scope, not the process', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const boom = new CustomError('boom');
      await expect(
        scope((s) => {
          s.spawn(async () => {
            throw boom;
          });
        }),
      ).rejects.toBe(boom);
      await turn();
      await turn();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('s.cancel() ends the scope early with the body value, after the children settled', async () => {
    const log = new Log();
    const result = await scope(async (s) => {
      s.spawn(child(log, 'forever', 60_000));
      await turn();
      s.cancel();
      return 'done';
    });
    expect(result).toBe('done');
    expect(log.events).toEqual(['forever started', 'forever settled']);
  });

  it('s.cancel(reason) before the body returned rejects with the reason', async () => {
    const reason = new Error('enough');
    await expect(
      scope(async (s) => {
        s.cancel(reason);
        await sleep(60_000, s.signal);
      }),
    ).rejects.toBe(reason);
  });

  it('throws a TypeError at the call for a body that is not a function', () => {
    expect(() => scope(42 as never)).toThrow(TypeError);
    expect(() => scope(() => 1, { timeout: -1 })).toThrow(RangeError);
  });
});

describe('start', () => {
  it('resolves with the value given to ready() while the child keeps running in the scope', async () => {
    const log = new Log();
    const result = await scope(async (s) => {
      const port = await s.start<number>(async (signal, ready) => {
        ready(8080);
        log.add('ready');
        await sleep(10, signal);
        log.add('server stopped');
      });
      log.add(`got ${port}`);
      return port;
    });
    expect(result).toBe(8080);
    expect(log.events).toEqual(['ready', 'got 8080', 'server stopped']);
  });

  it('rejects, and fails the scope, when the child fails before ready()', async () => {
    const boom = new CustomError('no port');
    let startError: unknown;
    await expect(
      scope(async (s) => {
        try {
          await s.start(async () => {
            throw boom;
          });
        } catch (error) {
          startError = error;
        }
      }),
    ).rejects.toBe(boom);
    expect(startError).toBe(boom);
  });

  it('fails when the child finishes without calling ready()', async () => {
    await expect(scope((s) => s.start(() => undefined))).rejects.toThrow(/without calling ready/);
  });

  it('Trio test_nursery_start: calling ready() twice raises, and fails the task', async () => {
    let second: unknown;
    const outcome = scope(async (s) => {
      const value = await s.start<number>(async (_signal, ready) => {
        ready(1);
        try {
          ready(2);
        } catch (error) {
          second = error;
          throw error;
        }
      }, { name: 'listener' });
      expect(value).toBe(1); // the first value stands
    });
    await expect(outcome).rejects.toThrow('start(): Task "listener" called ready() twice');
    expect(second).toBeInstanceOf(Error);
  });

  it('after ready(), a failure of the child fails the scope', async () => {
    const boom = new CustomError('crashed later');
    await expect(
      scope(async (s) => {
        await s.start(async (_signal, ready) => {
          ready();
          await turn();
          throw boom;
        });
        await sleep(60_000, s.signal);
      }),
    ).rejects.toBe(boom);
  });
});

describe('task names', () => {
  it('a spawned task carries its name, which its default cancellation reason shows', async () => {
    await scope(async (s) => {
      const named = s.spawn((signal) => sleep(60_000, signal), { name: 'indexer' });
      const anonymous = s.spawn((signal) => sleep(60_000, signal));
      expect(named.name).toBe('indexer');
      expect(anonymous.name).toBeUndefined();
      named.cancel();
      anonymous.cancel();
      await expect(named).rejects.toMatchObject({ name: 'AbortError', message: 'Task "indexer" was cancelled' });
      await expect(anonymous).rejects.toMatchObject({ name: 'AbortError', message: 'Task was cancelled' });
    });
  });

  it('start() names the task in its errors', async () => {
    await expect(scope((s) => s.start(() => undefined, { name: 'server' }))).rejects.toThrow('start(): Task "server" finished without calling ready()');
  });

  it('rejects a name that is not a string, for a scope or a task', async () => {
    expect(() => scope(() => 1, { name: 42 as never })).toThrow(/scope\(\): options.name must be a string, got number/);
    await scope((s) => {
      expect(() => s.spawn(() => 1, { name: {} as never })).toThrow(/spawn\(\): options.name must be a string/);
      expect(() => s.spawn(() => 1, 'name' as never)).toThrow(/spawn\(\): options must be an object/);
    });
  });
});

describe('openScope', () => {
  it('join() waits for every child and resolves', async () => {
    const log = new Log();
    {
      await using s = openScope();
      s.spawn(child(log, 'a', 3));
      await s.join();
      log.add('joined');
    }
    expect(log.events).toEqual(['a started', 'a settled', 'joined']);
  });

  it('join() rejects with the first failure', async () => {
    const boom = new CustomError('boom');
    const s = openScope();
    s.spawn(async () => {
      throw boom;
    });
    await expect(s.join()).rejects.toBe(boom);
    await expect(s[Symbol.asyncDispose]()).resolves.toBeUndefined(); // already reported by join
  });

  it('disposing without join() cancels the children and waits for them', async () => {
    const log = new Log();
    const bodyError = new Error('body failed');
    await expect(
      (async () => {
        await using s = openScope();
        s.spawn(child(log, 'a', 60_000));
        await turn();
        throw bodyError;
      })(),
    ).rejects.toBe(bodyError);
    expect(log.events).toEqual(['a started', 'a settled']);
  });

  it('disposing throws a real failure of a child that nobody joined', async () => {
    const boom = new CustomError('boom');
    const s = openScope();
    s.spawn(async () => {
      throw boom;
    });
    await flush();
    await expect(s[Symbol.asyncDispose]()).rejects.toBe(boom);
  });

  it('join() rejects with the parent reason on outer cancellation', async () => {
    const controller = new AbortController();
    const s = openScope({ signal: controller.signal });
    s.spawn((signal) => sleep(60_000, signal));
    controller.abort('shutdown');
    await expect(s.join()).rejects.toBe('shutdown');
  });
});

// Semantics rules 1-6 of the spec.
describe('rule 1: no child settles after its scope has settled', () => {
  const paths: Record<string, (log: Log, s: Scope) => Promise<unknown>> = {
    success: async (log, s) => {
      s.spawn(child(log, 'a', 5));
      s.spawn(child(log, 'b', 1, { ignoreSignal: true }));
    },
    'child failure': async (log, s) => {
      s.spawn(child(log, 'a', 60_000));
      s.spawn(child(log, 'b', 60_000, { ignoreSignal: false }));
      s.spawn(child(log, 'c', 1, { fail: new Error('c') }));
      s.spawn(child(log, 'd', 20, { ignoreSignal: true }));
    },
    'body failure': async (log, s) => {
      s.spawn(child(log, 'a', 60_000));
      s.spawn(child(log, 'b', 20, { ignoreSignal: true }));
      await turn();
      throw new Error('body');
    },
    'start failing before ready': async (log, s) => {
      s.spawn(child(log, 'a', 60_000));
      s.spawn(child(log, 'b', 20, { ignoreSignal: true }));
      await s.start(child(log, 'c', 1, { fail: new Error('c') }));
    },
    'parent abort': async (log, s) => {
      s.spawn(child(log, 'a', 60_000));
      s.spawn(child(log, 'b', 20, { ignoreSignal: true }));
    },
    timeout: async (log, s) => {
      s.spawn(child(log, 'a', 60_000));
      s.spawn(child(log, 'b', 20, { ignoreSignal: true }));
      await sleep(60_000, s.signal);
    },
  };
  for (const [path, body] of Object.entries(paths)) {
    it(`on ${path}`, async () => {
      const log = new Log();
      const controller = new AbortController();
      if (path === 'parent abort') setTimeout(() => controller.abort(), 3);
      const options = { signal: controller.signal, timeout: path === 'timeout' ? 3 : 60_000 };
      const outcome = await log.watch('scope', scope((s) => body(log, s), options));
      const started = log.events.filter((event) => event.endsWith('started')).length;
      const settled = log.events.filter((event) => event.endsWith('settled') && event !== 'scope settled').length;
      expect(settled).toBe(started);
      expect(log.events.at(-1)).toBe('scope settled');
      expect(outcome.ok).toBe(path === 'success');
    });
  }
});

describe('rule 2: the first real error is rethrown with its identity', () => {
  it('keeps the class, so `instanceof` checks still work', async () => {
    const error = await scope(async (s) => {
      s.spawn(async () => {
        throw new CustomError('typed');
      });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CustomError);
  });

  it('never counts the scope’s own cancellation: its reason, or an AbortError/TimeoutError after it', async () => {
    const first = new CustomError('first');
    const error = await scope(async (s) => {
      s.spawn((signal) => sleep(60_000, signal)); // rejects with the reason itself
      s.spawn(
        (signal) =>
          new Promise((_, reject) => {
            // like fetch: its own AbortError, not the reason
            signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
          }),
      );
      s.spawn(
        (signal) =>
          new Promise((_, reject) => signal.addEventListener('abort', () => reject(new DOMException('timed out', 'TimeoutError')))),
      );
      s.spawn(async () => {
        await turn();
        throw first;
      });
    }).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect(suppressedErrors(error)).toEqual([]);
  });

  it('an AbortError thrown while the scope was not cancelling is a real failure', async () => {
    const own = new DOMException('my own controller', 'AbortError');
    await expect(
      scope((s) => {
        s.spawn(async () => {
          throw own;
        });
      }),
    ).rejects.toBe(own);
  });

  it('keeps the other real failures reachable through suppressedErrors(), in order', async () => {
    const first = new CustomError('first');
    const second = new Error('second, during cleanup');
    const third = 'a string';
    const keys = Reflect.ownKeys(first);
    const error = await scope(async (s) => {
      s.spawn(async (signal) => {
        try {
          await sleep(60_000, signal);
        } finally {
          await turn();
          throw second;
        }
      });
      s.spawn(async () => {
        await turn();
        await turn();
        throw third; // ignores the signal and fails anyway
      });
      s.spawn(async () => {
        throw first;
      });
    }).catch((e: unknown) => e);
    expect(error).toBe(first);
    expect(suppressedErrors(error)).toEqual([second, third]);
    expect(Reflect.ownKeys(first)).toEqual(keys); // the user's error object is not touched
  });

  it('collects failures of nested scopes into the same list', async () => {
    const outer = new CustomError('outer');
    const inner = new Error('inner cleanup');
    const error = await scope(async (s) => {
      s.spawn((signal) =>
        scope(
          (inside) => {
            inside.spawn(async (sig) => {
              try {
                await sleep(60_000, sig);
              } finally {
                throw inner;
              }
            });
          },
          { signal },
        ),
      );
      await turn();
      throw outer;
    }).catch((e: unknown) => e);
    expect(error).toBe(outer);
    expect(suppressedErrors(error)).toEqual([inner]);
  });

  it('preserves a thrown value that is not an Error, as is', async () => {
    await expect(
      scope((s) => {
        s.spawn(() => {
          throw 42;
        });
      }),
    ).rejects.toBe(42);
    expect(suppressedErrors(42)).toEqual([]);
  });
});

describe('rule 3: outer cancellation rejects with the signal reason, unless a real error happens', () => {
  it('rejects with the reason of the parent signal', async () => {
    const controller = new AbortController();
    const reason = { why: 'user left' };
    const promise = scope((s) => {
      s.spawn((signal) => sleep(60_000, signal));
      setTimeout(() => controller.abort(reason), 1);
    }, { signal: controller.signal });
    await expect(promise).rejects.toBe(reason);
  });

  it('rejects at once, without running the body, when the parent signal already aborted', async () => {
    let ran = false;
    await expect(
      scope(() => {
        ran = true;
      }, { signal: AbortSignal.abort('early') }),
    ).rejects.toBe('early');
    expect(ran).toBe(false);
  });

  it('errors win: a failure before the outer abort is what rejects', async () => {
    const controller = new AbortController();
    const boom = new CustomError('boom');
    const promise = scope(async (s) => {
      s.spawn(async (signal) => {
        try {
          await sleep(60_000, signal);
        } finally {
          controller.abort('too late'); // the outer abort arrives while we are cleaning up
        }
      });
      await turn();
      throw boom;
    }, { signal: controller.signal });
    await expect(promise).rejects.toBe(boom);
  });

  it('a failure during cleanup after the outer abort wins, through nested scopes, with the reason listed once', async () => {
    const controller = new AbortController();
    const reason = new Error('outer');
    const late = new CustomError('cleanup failed');
    const promise = scope(
      (s) =>
        scope((inner) => {
          inner.spawn(async (signal) => {
            try {
              await sleep(60_000, signal);
            } finally {
              throw late;
            }
          });
        }, { signal: s.signal }),
      { signal: controller.signal },
    );
    controller.abort(reason);
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBe(late);
    expect(suppressedErrors(late)).toEqual([reason]);
    expect(suppressedErrors(reason)).toEqual([]);
  });

  it('a timeout rejects with a TimeoutError', async () => {
    await expect(scope((s) => sleep(60_000, s.signal), { timeout: 2 })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe('rule 4: spawning into a closed or cancelling scope', () => {
  it('throws ScopeClosedError once the scope has settled', async () => {
    let saved: Scope | undefined;
    await scope((s) => {
      saved = s;
    }, { name: 'jobs' });
    expect(() => saved!.spawn(() => 1)).toThrow(ScopeClosedError);
    expect(() => saved!.spawn(() => 1)).toThrow(/Scope "jobs" has already closed/);
    expect(() => saved!.start(() => 1)).toThrow(ScopeClosedError);
  });

  it('returns an already-cancelled task whose function never runs', async () => {
    let ran = false;
    let task: Task<void> | undefined;
    const reason = new Error('cancelling');
    await scope(async (s) => {
      s.spawn((signal) => sleep(60_000, signal));
      s.signal.addEventListener('abort', () => {
        task = s.spawn(() => {
          ran = true;
        });
      });
      s.cancel(reason);
    });
    expect(task?.signal.aborted).toBe(true);
    await expect(task).rejects.toBe(reason);
    expect(ran).toBe(false);
  });
});

describe('rule 6: a task that ignores its signal is still awaited', () => {
  it('the scope waits for it after a failure (cancellation is cooperative)', async () => {
    const log = new Log();
    const outcome = await log.watch(
      'scope',
      scope((s) => {
        s.spawn(child(log, 'stubborn', 30, { ignoreSignal: true }));
        s.spawn(child(log, 'failing', 1, { fail: new Error('x') }));
      }),
    );
    expect(outcome.ok).toBe(false);
    expect(log.events.indexOf('stubborn settled')).toBeLessThan(log.events.indexOf('scope settled'));
  });
});
