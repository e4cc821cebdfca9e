// Shared test helpers: an ordered event log, a task that can be released by hand, and resource counts.
import { getEventListeners } from 'node:events';

/** Resolves after one turn of the event loop (setImmediate): lets timers-free work progress. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Lets all pending microtasks run. */
export const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An append-only log, to assert the order in which things happened. */
export class Log {
  readonly events: string[] = [];
  add(event: string): void {
    this.events.push(event);
  }
  /** Attaches handlers that log when `promise` settles, and returns the logged settlement. */
  watch<T>(name: string, promise: PromiseLike<T>): Promise<{ ok: boolean; value: unknown }> {
    return Promise.resolve(promise).then(
      (value) => (this.add(`${name} settled`), { ok: true, value }),
      (error: unknown) => (this.add(`${name} settled`), { ok: false, value: error }),
    );
  }
}

/**
 * A child that logs when it starts and when its (asynchronous) cleanup is done. By default it
 * stops when its signal aborts; with `ignoreSignal` it runs its full `ms` regardless.
 */
export function child(log: Log, name: string, ms: number, opts: { fail?: unknown; ignoreSignal?: boolean; value?: unknown } = {}) {
  return async (signal: AbortSignal) => {
    log.add(`${name} started`);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        if (!opts.ignoreSignal) {
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }
      });
      if ('fail' in opts) throw opts.fail;
      return opts.value ?? name;
    } finally {
      await new Promise((resolve) => setTimeout(resolve, 2)); // async cleanup
      log.add(`${name} settled`);
    }
  };
}

/** How many active handles of `type` (e.g. 'Timeout') the process has. */
export function active(type: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === type).length;
}

export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}

export class CustomError extends Error {
  override name = 'CustomError';
}
