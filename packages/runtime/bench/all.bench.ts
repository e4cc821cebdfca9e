// Overheads of the runtime against the plain or hand-written way, each measured side by side in
// one process, plus the bundle size of the runtime. Run with `pnpm bench` from the root.
//
// 1. Per task of all(), against Promise.all, p-map and abort-controller-x's all (n = 10 … 100 000).
// 2. Per task of a scope spawning 100,000 tasks, against all(): what a per-task controller costs, in
//    time and memory.
// 3. Per call of limiter.run, against a hand-written FIFO semaphore.
// 4. Per call of hedge, against a hand-written hedge that also aborts and awaits its losers.
// 5. all() again once taskscope/inspect is imported (the observer on), to show what it costs.
//
// The work is `async () => i`: none, so the time is the runtime's own cost. Time is this process's
// CPU time (user + system, GC threads included), so other processes on a shared machine do not
// count. Contenders run interleaved (the order rotates each round) so drift and GC hit all of them
// alike. A time is the median over rounds; a ratio is the median of the ratios within each round
// (contenders of one round ran back to back, in the same state of the heap), which varies less.
//
// It measures the built package (dist/esm, which the bench script builds first), not the sources:
// tsx compiles those keeping function names, which wraps every closure the runtime creates in a
// helper call and inflates its cost (several times over for the limiter).
import { subscribe } from 'node:diagnostics_channel';
import { setMaxListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { all as acxAll } from 'abort-controller-x';
import pMap from 'p-map';
import { all, hedge, limiter, openScope, scope } from '../dist/esm/index.js';
import { BUDGET, mainEntrySize } from '../scripts/bundle-size.js';

type Task = (signal?: AbortSignal) => Promise<number>;

const ROUNDS = 15;
const SAMPLE_MS = 20; // each sample repeats calls for about this long
const outer = new AbortController().signal; // every abortable contender is linked to a parent signal

/** CPU milliseconds used by this process so far. */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Per contender: median CPU ms per call, and the median ratio to the first contender in the same round. */
type Measured = Record<string, { ms: number; ratio: number }>;

/** Runs the contenders in `rounds` interleaved rounds, each first warmed up. */
async function measure(contenders: Record<string, () => Promise<unknown>>, rounds = ROUNDS): Promise<Measured> {
  const names = Object.keys(contenders);
  const calls: Record<string, number> = {};
  for (const name of names) {
    // How many calls take about SAMPLE_MS (this also warms the contender up).
    let count = 0;
    const start = cpu();
    do {
      await contenders[name]!();
      count++;
    } while (cpu() - start < SAMPLE_MS);
    calls[name] = count;
  }
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const start = cpu();
      for (let i = 0; i < calls[name]!; i++) await contenders[name]!();
      samples[name]!.push((cpu() - start) / calls[name]!);
    }
  }
  const base = samples[names[0]!]!;
  return Object.fromEntries(names.map((name) => [name, { ms: median(samples[name]!), ratio: median(samples[name]!.map((ms, round) => ms / base[round]!)) }]));
}

function printTable(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${title}\n`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Rows of `first`, name, ns per unit and the ratio to the first contender. */
function rowsOf(first: string, units: number, measured: Measured): string[][] {
  return Object.entries(measured).map(([name, { ms, ratio }]) => [first, name, ((ms * 1e6) / units).toFixed(0), ratio.toFixed(2) + 'x']);
}

console.log(`Runtime overheads in CPU time (median of ${ROUNDS} interleaved rounds, Node ${process.version})`);

// 1. all() per task.
const fanOut: Record<string, (tasks: readonly Task[]) => Promise<unknown>> = {
  'Promise.all': (tasks) => Promise.all(tasks.map((task) => task())),
  'taskscope all': (tasks) => all(tasks, { signal: outer }),
  'p-map': (tasks) => pMap(tasks, (task) => task(), { signal: outer }),
  'abort-controller-x all': (tasks) => acxAll(outer, (signal) => tasks.map((task) => task(signal))),
};
const tasksOf = (n: number): Task[] => Array.from({ length: n }, (_, i) => async () => i);
const allRows: string[][] = [];
let allAt1000: Measured = {};
for (const n of [10, 1_000, 100_000]) {
  const tasks = tasksOf(n);
  const measured = await measure(Object.fromEntries(Object.entries(fanOut).map(([name, run]) => [name, () => run(tasks)])));
  if (n === 1_000) allAt1000 = measured;
  allRows.push(...rowsOf(String(n), n, measured));
}
printTable('all(): per task', ['n', 'implementation', 'ns per task', 'vs Promise.all'], allRows);

// 2. s.spawn at n = 100,000, against all() on the same tasks, measured apart from table 1 so its
// garbage does not weigh on it: CPU per task; the heap while all of them run (every task has started
// before any settles, so that is the peak); and what a settled task still holds when the caller
// keeps it. The heap is read after a full GC, which the flag below makes callable.
{
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const n = 100_000;
  const tasks = tasksOf(n);
  const contenders: Record<string, () => Promise<unknown>> = {
    'taskscope all': () => all(tasks),
    'scope + spawn': () =>
      scope((s) => {
        for (const task of tasks) s.spawn(task);
      }),
  };
  const measured = await measure(contenders, 5);
  /** Heap bytes per task once every task of `run` has started, none settled. */
  const peakOf = async (run: () => Promise<unknown>) => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const settled = run();
    const peak = process.memoryUsage().heapUsed - before;
    await settled;
    return peak;
  };
  const peaks = { all: await peakOf(contenders['taskscope all']!), spawn: await peakOf(contenders['scope + spawn']!) };
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = await scope((s) => tasks.map((task) => s.spawn(task)));
  await Promise.all(kept);
  gc();
  const keptBytes = (process.memoryUsage().heapUsed - before) / kept.length;
  const perTask = (name: string) => (measured[name]!.ms * 1e6) / n;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  console.log(`\ns.spawn, n = ${n}, against all() on the same tasks:`);
  console.log(`  CPU per task      ${(perTask('scope + spawn') / 1000).toFixed(1)} µs, ${measured['scope + spawn']!.ratio.toFixed(1)}x all() (${perTask('taskscope all').toFixed(0)} ns)`);
  console.log(`  heap, all running ${mb(peaks.spawn)} (all(): ${mb(peaks.all)})`);
  console.log(`  a settled task kept by the caller: ${keptBytes.toFixed(0)} bytes`);
}

// 3. limiter.run per call: 100 calls through a limit of 8 at once, all passed one signal: an
// AbortController's (both wait with an event listener on it), then a taskscope scope's (the limiter
// links to it without one; the semaphore still adds a listener). A semaphore whose waits cannot be
// cancelled shows the floor.
{
  /** A FIFO semaphore written by hand, with the same abortable wait. */
  const semaphore = (limit: number) => {
    let active = 0;
    const queue: (() => void)[] = [];
    const release = () => {
      active--;
      queue.shift()?.();
    };
    return <T>(fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) =>
      new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          queue.splice(queue.indexOf(start), 1);
          reject(signal.reason);
        };
        const start = () => {
          signal.removeEventListener('abort', onAbort);
          active++;
          fn(signal).then(
            (value) => (release(), resolve(value)),
            (error: unknown) => (release(), reject(error)),
          );
        };
        if (active < limit) return start();
        queue.push(start);
        signal.addEventListener('abort', onAbort);
      });
  };
  /** The least a semaphore can do: no cancellation of a wait. */
  const bareSemaphore = (limit: number) => {
    let active = 0;
    const queue: (() => void)[] = [];
    const release = () => {
      active--;
      queue.shift()?.();
    };
    return <T>(fn: () => Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        const start = () => {
          active++;
          fn().then(
            (value) => (release(), resolve(value)),
            (error: unknown) => (release(), reject(error)),
          );
        };
        if (active < limit) start();
        else queue.push(start);
      });
  };
  const n = 100;
  const tasks = tasksOf(n);
  const handWritten = semaphore(8);
  const bare = bareSemaphore(8);
  const plain = limiter({ concurrency: 8 });
  // Buckets too large to make anyone wait: what is measured is their bookkeeping.
  const buckets = limiter({ concurrency: 8, limits: [{ tokens: 1e15, interval: 60_000 }, { tokens: 1e15, interval: 60_000 }] });
  const open = openScope();
  // Up to 92 waiters at once listen on each signal (the semaphore's, and the limiter's on the
  // AbortController's): expected here, so no MaxListenersExceededWarning.
  setMaxListeners(0, outer, open.signal);
  const rows: string[][] = [];
  for (const [label, signal] of [
    ['AbortController', outer],
    ['scope signal', open.signal],
  ] as const) {
    const measured = await measure({
      'hand-written semaphore': () => Promise.all(tasks.map((task) => handWritten(task, signal))),
      'limiter({ concurrency })': () => Promise.all(tasks.map((task) => plain.run(task, { signal }))),
      'limiter + 2 buckets': () => Promise.all(tasks.map((task) => buckets.run(task, { signal, cost: [1, 100] }))),
      'semaphore, no cancellation': () => Promise.all(tasks.map((task) => bare(task))),
    });
    rows.push(...rowsOf(label, n, measured));
  }
  await open.join();
  printTable(`limiter.run: per call (${n} calls, 8 at once)`, ['signal', 'implementation', 'ns per call', 'vs hand-written'], rows);
}

// 4. hedge per call, against the same logic written by hand: one AbortController linked to the
// caller's signal, a timer for the next attempt, a failure starts the next at once, losers aborted
// and awaited.
{
  const handHedge = <T>(fn: (signal: AbortSignal, attempt: number) => Promise<T>, delay: number, attempts: number, parent: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      const onParentAbort = () => controller.abort(parent.reason);
      parent.addEventListener('abort', onParentAbort);
      const errors: unknown[] = [];
      let started = 0;
      let settled = 0;
      let winner: { value: T } | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const next = () => {
        clearTimeout(timer);
        if (controller.signal.aborted) return;
        const attempt = ++started;
        if (attempt < attempts) timer = setTimeout(next, delay);
        fn(controller.signal, attempt)
          .then(
            (value) => {
              if (winner) return;
              winner = { value };
              controller.abort();
            },
            (error: unknown) => {
              errors[attempt - 1] = error;
              if (!winner && started < attempts) next();
            },
          )
          .finally(() => {
            if (++settled < started) return;
            clearTimeout(timer);
            parent.removeEventListener('abort', onParentAbort);
            if (winner) resolve(winner.value);
            else reject(new AggregateError(errors));
          });
      };
      next();
    });
  const fails = new Error('503');
  const first = async () => 1;
  const second = async (_signal: AbortSignal, attempt: number) => {
    if (attempt === 1) throw fails;
    return attempt;
  };
  const rows: string[][] = [];
  for (const [label, fn] of [
    ['first attempt wins', first],
    ['first fails, second wins', second],
  ] as const) {
    const measured = await measure({
      'hand-written hedge': () => handHedge(fn, 50, 2, outer),
      'taskscope hedge': () => hedge(fn, { delay: 50, signal: outer }),
    });
    rows.push(...rowsOf(label, 1, measured));
  }
  printTable('hedge: per call (delay 50 ms, 2 attempts)', ['case', 'implementation', 'ns per call', 'vs hand-written'], rows);
}

// 5. The observer on: all() once taskscope/inspect is imported, without and with subscribers. The
// figures without it are the ones from table 1, measured earlier in this run.
{
  await import('../dist/esm/inspect.js');
  const tasks = tasksOf(1_000);
  const run = () => measure({ 'Promise.all': () => fanOut['Promise.all']!(tasks), 'taskscope all': () => fanOut['taskscope all']!(tasks) });
  const on = await run();
  for (const name of ['start', 'cancel', 'settle']) {
    for (const kind of ['scope', 'task']) subscribe(`taskscope:${kind}:${name}`, () => undefined);
  }
  const subscribed = await run();
  const describe = (measured: Measured) => {
    const { ms, ratio } = measured['taskscope all']!;
    return `${((ms * 1e6) / tasks.length).toFixed(0)} ns per task, ${ratio.toFixed(2)}x Promise.all`;
  };
  console.log('\nall(), n = 1000, and the observer:');
  console.log(`  main entry only (table 1)                  ${describe(allAt1000)}`);
  console.log(`  taskscope/inspect imported, no subscriber  ${describe(on)}`);
  console.log(`  with a subscriber on all six channels      ${describe(subscribed)}`);
}

const { minified, gzipped } = await mainEntrySize();
console.log(`\nBundle of the whole runtime entry (esbuild, minified): ${minified} B, ${gzipped} B min+gzip; budget ${BUDGET} B`);
