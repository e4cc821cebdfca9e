import type { TaskFn } from './core.js';
import { link, unlink } from './link.js';
import { after } from './timer.js';
import { checkCount, checkFunction, checkNonNegative, checkSignal, isThenable } from './validate.js';

export interface LimiterOptions {
  /** Calls running at once (default Infinity): requests in flight. */
  concurrency?: number;
  /** Size of the token bucket (default: no bucket), e.g. tokens per minute. */
  tokens?: number;
  /** Time in ms to refill a full bucket (default 60_000); it refills continuously. */
  interval?: number;
}

export interface LimiterRunOptions {
  /** Tokens this call takes from the bucket when it starts (default 1). */
  cost?: number;
  /** Cancels the wait (and is passed to `fn`): the call then rejects with its reason. */
  signal?: AbortSignal;
}

export interface Limiter {
  /** Runs `fn` once a concurrency slot and `cost` tokens are free. Calls start in FIFO order. */
  run<T>(fn: TaskFn<T>, options?: LimiterRunOptions): Promise<T>;
}

interface Waiter {
  cost: number;
  start(): void;
}

/**
 * A request semaphore plus a token bucket, the two limits LLM APIs put on a client (requests in
 * flight, tokens per minute). A timer runs only while the first waiter waits for tokens.
 */
export function limiter(options: LimiterOptions = {}): Limiter {
  const concurrency = checkCount(options.concurrency ?? Infinity, 'limiter(): options.concurrency');
  const capacity = options.tokens === undefined ? Infinity : checkNonNegative(options.tokens, 'limiter(): options.tokens');
  const interval = checkNonNegative(options.interval ?? 60_000, 'limiter(): options.interval');
  if (capacity === 0 || interval === 0) throw new RangeError('limiter(): options.tokens and options.interval must be > 0');
  const rate = capacity / interval; // tokens per ms
  let level = capacity;
  let last = Date.now();
  let active = 0;
  let pumping = false;
  let stopTimer: (() => void) | undefined;
  const queue = new Set<Waiter>(); // in insertion order, with O(1) removal of a cancelled waiter

  // Starts waiters from the head of the queue while a slot and their tokens are free.
  const pump = () => {
    if (pumping) return; // a call that finishes synchronously re-enters; the loop below goes on
    pumping = true;
    stopTimer?.();
    stopTimer = undefined;
    for (const waiter of queue) {
      if (active >= concurrency) break;
      if (capacity !== Infinity) {
        const now = Date.now();
        level = Math.min(capacity, level + (now - last) * rate);
        last = now;
        if (level < waiter.cost) {
          stopTimer = after(Math.ceil((waiter.cost - level) / rate), pump);
          break;
        }
        level -= waiter.cost;
      }
      queue.delete(waiter);
      waiter.start();
    }
    pumping = false;
  };

  return {
    run<T>(fn: TaskFn<T>, runOptions: LimiterRunOptions = {}): Promise<T> {
      checkFunction(fn, 'limiter.run(): fn');
      const cost = checkNonNegative(runOptions.cost ?? 1, 'limiter.run(): options.cost');
      if (cost > capacity) throw new RangeError(`limiter.run(): cost ${cost} is larger than the bucket (${capacity} tokens), so it could never run`);
      const signal = checkSignal(runOptions.signal, 'limiter.run(): options.signal');
      return new Promise<T>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const finish = () => {
          active--;
          pump();
        };
        const onAbort = () => {
          queue.delete(waiter);
          unlink(signal!, onAbort);
          reject(signal!.reason);
          pump(); // the head may have changed
        };
        const waiter: Waiter = {
          cost,
          start() {
            if (signal) unlink(signal, onAbort);
            active++;
            let result: T | PromiseLike<T>;
            try {
              result = fn(signal ?? new AbortController().signal);
            } catch (error) {
              reject(error);
              return finish();
            }
            resolve(result);
            if (isThenable(result)) Promise.resolve(result).then(finish, finish);
            else finish();
          },
        };
        queue.add(waiter);
        if (signal) link(signal, onAbort);
        pump();
      });
    },
  };
}
