// Property test: random limiters (0-3 buckets, a concurrency cap) and random calls (arrival times,
// costs, durations, a settle for more or less, an abort while waiting), on fake time. A model of
// the buckets, replayed from what the calls observed, checks that no call starts before every
// bucket holds its cost (no bucket is overdrawn), that none starts later than it could, that calls
// start in arrival order, and that an aborted waiter leaves without running or blocking anyone.
import fc from 'fast-check';
import { afterEach, expect, it, vi } from 'vitest';
import { limiter, sleep } from 'taskscope';

interface Call {
  arrive: number;
  costs: number[];
  duration: number;
  settle: number[] | undefined;
  /** How long the call runs on after it settled its cost. */
  afterSettle: number;
  abortAfter: number | undefined;
}
interface Case {
  limits: { tokens: number; interval: number }[];
  concurrency: number;
  calls: Call[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    limits: fc.array(fc.record({ tokens: fc.integer({ min: 1, max: 20 }), interval: fc.integer({ min: 10, max: 200 }) }), { maxLength: 3 }),
    concurrency: fc.option(fc.integer({ min: 1, max: 3 }), { nil: Infinity }),
  })
  .chain(({ limits, concurrency }) =>
    fc.record({
      limits: fc.constant(limits),
      concurrency: fc.constant(concurrency),
      calls: fc.array(
        fc.record({
          arrive: fc.integer({ min: 0, max: 60 }),
          costs: fc.tuple(...limits.map((limit) => fc.integer({ min: 0, max: limit.tokens }))),
          duration: fc.integer({ min: 0, max: 40 }),
          settle: fc.option(fc.tuple(...limits.map((limit) => fc.integer({ min: 0, max: 2 * limit.tokens }))), { nil: undefined }),
          afterSettle: fc.integer({ min: 0, max: 20 }),
          abortAfter: fc.option(fc.integer({ min: 0, max: 80 }), { nil: undefined, freq: 3 }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
    }),
  );

/** What happened, in the order it happened, at fake time `at`. */
type Event =
  | { at: number; type: 'arrive' | 'abort' | 'end'; call: number }
  | { at: number; type: 'start'; call: number }
  | { at: number; type: 'settle'; call: number; costs: number[] };

const EPSILON = 1e-6;

/** The buckets as the model sees them: a signed balance each, refilled at `rate` up to `capacity`. */
class Model {
  readonly balance: number[];
  #last = 0;
  constructor(readonly limits: Case['limits']) {
    this.balance = limits.map((limit) => limit.tokens);
  }
  advance(to: number): void {
    this.limits.forEach((limit, i) => {
      this.balance[i] = Math.min(limit.tokens, this.balance[i]! + ((to - this.#last) * limit.tokens) / limit.interval);
    });
    this.#last = to;
  }
  /** Takes `costs` (negative entries give back, up to the capacity). */
  take(costs: readonly number[]): void {
    costs.forEach((cost, i) => {
      this.balance[i] = Math.min(this.limits[i]!.tokens, this.balance[i]! - cost);
    });
  }
}

afterEach(() => {
  vi.useRealTimers();
});

it('limiter: buckets are never overdrawn, calls start in FIFO order and as soon as they can, aborted waiters leave', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async ({ limits, concurrency, calls }) => {
      vi.useFakeTimers({ now: 0 });
      try {
        const limit = limiter({ concurrency, limits });
        const events: Event[] = [];
        const outcomes: (PromiseSettledResult<unknown> | undefined)[] = calls.map(() => undefined);
        calls.forEach((call, i) => {
          setTimeout(() => {
            events.push({ at: Date.now(), type: 'arrive', call: i });
            const controller = new AbortController();
            if (call.abortAfter !== undefined) {
              setTimeout(() => {
                if (!events.some((e) => e.type === 'start' && e.call === i)) events.push({ at: Date.now(), type: 'abort', call: i });
                controller.abort(`abort ${i}`);
              }, call.abortAfter);
            }
            limit
              .run(
                async (signal, settle) => {
                  expect(signal).toBe(controller.signal);
                  events.push({ at: Date.now(), type: 'start', call: i });
                  await sleep(call.duration);
                  if (call.settle) {
                    events.push({ at: Date.now(), type: 'settle', call: i, costs: call.settle }); // before: it may start the next call
                    settle(call.settle);
                    await sleep(call.afterSettle);
                  }
                  events.push({ at: Date.now(), type: 'end', call: i });
                  return i;
                },
                { cost: call.costs, signal: controller.signal },
              )
              .then(
                (value) => (outcomes[i] = { status: 'fulfilled', value }),
                (reason: unknown) => (outcomes[i] = { status: 'rejected', reason }),
              );
          }, call.arrive);
        });
        await vi.runAllTimersAsync();

        const started = events.filter((e) => e.type === 'start').map((e) => e.call);
        const aborted = new Set(events.filter((e) => e.type === 'abort').map((e) => e.call));
        const arrived = events.filter((e) => e.type === 'arrive').map((e) => e.call);
        // Every call settled; an aborted waiter rejected with its reason and never ran; the others ran.
        calls.forEach((_, i) => {
          expect(outcomes[i]).toEqual(aborted.has(i) ? { status: 'rejected', reason: `abort ${i}` } : { status: 'fulfilled', value: i });
        });
        // FIFO: calls start in the order they arrived (an aborted waiter is skipped, nothing else).
        expect(started).toEqual(arrived.filter((i) => !aborted.has(i)));

        // Replay: no start may overdraw a bucket, and none may come later than the model allows.
        const model = new Model(limits);
        const reserved = calls.map((call) => call.costs);
        let running = 0;
        const state = (upTo: number) => {
          // The state once everything up to `upTo` (inclusive) had happened.
          const m = new Model(limits);
          const r = calls.map((call) => call.costs);
          let busy = 0;
          const done = new Set<number>(); // started or aborted
          const here = new Set<number>();
          for (const e of events) {
            if (e.at > upTo) break;
            m.advance(e.at);
            if (e.type === 'arrive') here.add(e.call);
            if (e.type === 'abort') done.add(e.call);
            if (e.type === 'start') (m.take(calls[e.call]!.costs), busy++, done.add(e.call));
            if (e.type === 'settle') (m.take(e.costs.map((c, b) => c - r[e.call]![b]!)), (r[e.call] = e.costs));
            if (e.type === 'end') busy--;
          }
          m.advance(upTo);
          return { m, busy, done, here };
        };
        for (const e of events) {
          model.advance(e.at);
          if (e.type === 'start') {
            model.take(calls[e.call]!.costs);
            for (const balance of model.balance) expect(balance).toBeGreaterThanOrEqual(-EPSILON);
            running++;
            expect(running).toBeLessThanOrEqual(concurrency);
            // Could it have started a millisecond earlier? Then the limiter was late.
            if (e.at >= 1) {
              const before = state(e.at - 1);
              const head = arrived.find((i) => !before.done.has(i));
              const couldStart =
                head === e.call &&
                before.here.has(e.call) &&
                before.busy < concurrency &&
                calls[e.call]!.costs.every((cost, b) => before.m.balance[b]! >= cost + EPSILON);
              expect(couldStart, `call ${e.call} started at ${e.at} but could start at ${e.at - 1}`).toBe(false);
            }
          }
          if (e.type === 'settle') {
            model.take(e.costs.map((c, b) => c - reserved[e.call]![b]!));
            reserved[e.call] = e.costs;
          }
          if (e.type === 'end') running--;
        }
        expect(vi.getTimerCount()).toBe(0); // no timer left once the queue is empty
      } finally {
        vi.useRealTimers();
      }
    }),
    { numRuns: 300 },
  );
});
