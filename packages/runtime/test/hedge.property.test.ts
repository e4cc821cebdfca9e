// Property test: hedge with random attempts, delays and attempt behaviours (succeed or fail after
// some time, clean up for a while when aborted), on fake time. Checked against the log of what the
// attempts did: at most `attempts` start, each `delay` after the previous one or at once after a
// failure, none after a success; the first success wins; all fail, all in the AggregateError; the
// losers are awaited; no timer is left.
import fc from 'fast-check';
import { afterEach, expect, it, vi } from 'vitest';
import { hedge, sleep } from 'taskscope';

interface Behaviour {
  ok: boolean;
  ms: number;
  cleanup: number;
}

type What = { type: 'start' | 'success' | 'failure' | 'cancelled'; attempt: number } | { type: 'hedge'; attempt?: undefined };
type Entry = What & { seq: number; at: number };

afterEach(() => {
  vi.useRealTimers();
});

it('hedge: at most `attempts` start, on time; the first success wins; losers are awaited', { timeout: 60_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 0, max: 30 }),
      fc.array(fc.record({ ok: fc.boolean(), ms: fc.integer({ min: 0, max: 60 }), cleanup: fc.integer({ min: 0, max: 10 }) }), { minLength: 5, maxLength: 5 }),
      async (attempts, delay, behaviours: Behaviour[]) => {
        vi.useFakeTimers({ now: 0 });
        try {
          const log: Entry[] = [];
          let seq = 0;
          const add = (entry: What) => log.push({ ...entry, seq: seq++, at: Date.now() });
          const errors = behaviours.map((_, i) => new Error(`attempt ${i + 1} failed`));
          let result: PromiseSettledResult<string> | undefined;
          hedge(
            async (signal, attempt) => {
              add({ type: 'start', attempt });
              const { ok, ms, cleanup } = behaviours[attempt - 1]!;
              try {
                await sleep(ms, signal);
              } catch (reason) {
                await sleep(cleanup); // a slow cleanup, which the hedge must wait for
                add({ type: 'cancelled', attempt });
                throw reason;
              }
              add({ type: ok ? 'success' : 'failure', attempt });
              if (!ok) throw errors[attempt - 1];
              return `value ${attempt}`;
            },
            { delay, attempts },
          ).then(
            (value) => ((result = { status: 'fulfilled', value }), add({ type: 'hedge' })),
            (reason: unknown) => ((result = { status: 'rejected', reason }), add({ type: 'hedge' })),
          );
          await vi.runAllTimersAsync();

          const starts = log.filter((e) => e.type === 'start');
          const firstSuccess = log.find((e) => e.type === 'success');
          const hedgeSettled = log.find((e) => e.type === 'hedge')!;
          expect(result).toBeDefined();
          // At most `attempts`, numbered 1, 2, … in order; none after the first success.
          expect(starts.length).toBeLessThanOrEqual(attempts);
          expect(starts.map((e) => e.attempt)).toEqual(starts.map((_, i) => i + 1));
          if (firstSuccess) expect(starts.every((e) => e.seq < firstSuccess.seq)).toBe(true);
          // Each start comes `delay` after the previous one, or earlier only right after a failure.
          const due = Math.max(delay, 1); // Node fires a timer after 1 ms at the soonest
          for (let k = 1; k < starts.length; k++) {
            const gap = starts[k]!.at - starts[k - 1]!.at;
            expect(gap).toBeLessThanOrEqual(due);
            if (gap < delay) {
              const trigger = log[starts[k]!.seq - 1]!;
              expect(trigger.type).toBe('failure');
            }
          }
          // Fewer than `attempts` started: a success came before the next was due, and no failure in between.
          const last = starts.at(-1)!;
          if (starts.length < attempts) {
            expect(firstSuccess).toBeDefined();
            expect(firstSuccess!.at).toBeLessThanOrEqual(last.at + due);
            expect(log.some((e) => e.type === 'failure' && e.seq > last.seq && e.seq < firstSuccess!.seq)).toBe(false);
          }
          // The first success wins; with none, every attempt ran and failed, and all errors are kept in order.
          if (firstSuccess) {
            expect(result).toEqual({ status: 'fulfilled', value: `value ${firstSuccess.attempt}` });
          } else {
            expect(starts).toHaveLength(attempts);
            expect(result!.status).toBe('rejected');
            expect(((result as PromiseRejectedResult).reason as AggregateError).errors).toEqual(errors.slice(0, attempts));
          }
          // Every attempt settled before the hedge did (losers awaited), and no timer is left.
          for (const start of starts) {
            const end = log.find((e) => e.type !== 'start' && e.type !== 'hedge' && e.attempt === start.attempt);
            expect(end).toBeDefined();
            expect(end!.seq).toBeLessThan(hedgeSettled.seq);
          }
          expect(vi.getTimerCount()).toBe(0);
        } finally {
          vi.useRealTimers();
        }
      },
    ),
    { numRuns: 500 },
  );
});
