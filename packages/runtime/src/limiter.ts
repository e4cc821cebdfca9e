import { bucket } from './bucket.js';
import { signalOr } from './core.js';
import { link, unlink } from './link.js';
import { after } from './timer.js';
import { checkCount, checkFunction, checkNonNegative, checkSignal, toArray } from './validate.js';

/** One rate limit: a bucket of `tokens` that refills continuously over `interval` ms. */
export interface RateLimit {
  /** Size of the bucket, e.g. requests or tokens per minute. */
  tokens: number;
  /** Time in ms to refill the whole bucket (default 60_000). */
  interval?: number | undefined;
}

export interface LimiterOptions {
  /** Calls running at once (default Infinity): requests in flight. */
  concurrency?: number | undefined;
  /** Any number of rate limits, all held at once: a call waits until every bucket holds its cost. */
  limits?: readonly RateLimit[] | undefined;
  /** Shorthand for one more limit, after `limits`: `{ tokens, interval }`. */
  tokens?: number | undefined;
  /** The shorthand limit's interval (default 60_000). */
  interval?: number | undefined;
}

/** A cost in every bucket: one number for all of them, or one per bucket in `limits` order. */
export type LimiterCost = number | readonly number[];

export interface LimiterRunOptions {
  /** What this call reserves when it starts (default 1). */
  cost?: LimiterCost | undefined;
  /**
   * Cancels the wait (and is passed to `fn`): the call then rejects with its reason. Default: the
   * current task's signal, once `taskscope/context` is loaded.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Tells the limiter what a call really cost, as a total like `cost`. The difference from what it
 * reserved is given back, or taken (owed, while the bucket is empty). Call it again to correct it.
 */
export type SettleCost = (actual: LimiterCost) => void;

export interface Limiter {
  /** Runs `fn` once a concurrency slot and its cost in every bucket are free. Calls start in FIFO order. */
  run<T>(fn: (signal: AbortSignal, settle: SettleCost) => T | PromiseLike<T>, options?: LimiterRunOptions): Promise<T>;
}

interface Waiter {
  costs: readonly number[];
  start(): void;
}

/**
 * A request semaphore plus token buckets: the limits LLM APIs put on a client (requests in flight,
 * requests per minute, tokens per minute). A timer runs only while the first waiter waits for tokens.
 */
export function limiter(options: LimiterOptions = {}): Limiter {
  const concurrency = checkCount(options.concurrency ?? Infinity, 'limiter(): options.concurrency');
  const limits = toArray(options.limits ?? [], 'limiter(): options.limits');
  // With `tokens`, the options themselves are one more limit.
  const buckets = (options.tokens === undefined ? limits : [...limits, options as RateLimit]).map((limit, i) => {
    const what = limit === options ? 'limiter(): options' : `limiter(): options.limits[${i}]`;
    const size = checkNonNegative(limit?.tokens, `${what}.tokens`);
    const ms = checkNonNegative(limit.interval ?? 60_000, `${what}.interval`);
    if (!(size && ms)) throw new RangeError(`${what}.tokens and .interval must be > 0`);
    return bucket(size, ms);
  });
  let active = 0;
  let pumping = false;
  let stopTimer: (() => void) | undefined;
  const queue = new Set<Waiter>(); // in insertion order, with O(1) removal of a cancelled waiter

  // One cost per bucket; a number is the same cost in each.
  const costsOf = (cost: LimiterCost, what: string): readonly number[] => {
    const costs: readonly unknown[] = Array.isArray(cost) ? cost : buckets.map(() => cost);
    if (costs.length !== buckets.length) throw new RangeError(`${what} must have one entry per limit (${buckets.length})`);
    return costs.map((c) => checkNonNegative(c, what));
  };

  // Starts waiters from the head of the queue while a slot and their tokens are free.
  const pump = () => {
    if (pumping) return; // a call that finishes synchronously re-enters; the loop below goes on
    pumping = true;
    stopTimer?.();
    stopTimer = undefined;
    for (const waiter of queue) {
      if (active >= concurrency) break;
      let wait = 0;
      for (let i = 0; i < buckets.length; i++) wait = Math.max(wait, buckets[i]!.wait(waiter.costs[i]!));
      if (wait > 0) {
        stopTimer = after(wait, pump);
        break;
      }
      for (let i = 0; i < buckets.length; i++) buckets[i]!.take(waiter.costs[i]!);
      queue.delete(waiter);
      waiter.start();
    }
    pumping = false;
  };

  return {
    run<T>(fn: (signal: AbortSignal, settle: SettleCost) => T | PromiseLike<T>, runOptions: LimiterRunOptions = {}): Promise<T> {
      checkFunction(fn, 'limiter.run(): fn');
      const costs = costsOf(runOptions.cost ?? 1, 'limiter.run(): options.cost');
      costs.forEach((cost, i) => {
        const { capacity } = buckets[i]!;
        if (cost > capacity) throw new RangeError(`limiter.run(): cost ${cost} exceeds limit ${i} (${capacity} tokens)`);
      });
      const signal = signalOr(checkSignal(runOptions.signal, 'limiter.run(): options.signal'));
      return new Promise<T>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        let reserved = costs;
        const settle: SettleCost = (actual) => {
          const next = costsOf(actual, 'settle(): actual');
          next.forEach((cost, i) => buckets[i]!.take(cost - reserved[i]!));
          reserved = next;
          pump(); // tokens given back may let the head start; tokens owed push its timer back
        };
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
          costs,
          start() {
            if (signal) unlink(signal, onAbort);
            active++;
            // A synchronous throw rejects it too.
            const result = new Promise<T>((run) => run(fn(signal ?? new AbortController().signal, settle)));
            resolve(result);
            result.then(finish, finish);
          },
        };
        queue.add(waiter);
        if (signal) link(signal, onAbort);
        pump();
      });
    },
  };
}
