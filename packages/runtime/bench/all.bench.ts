// Per-task overhead of taskscope's all() against Promise.all, p-map and abort-controller-x's all,
// in one process, plus the bundle size of the runtime. Run with `pnpm --filter taskscope bench`.
// A scope with one `spawn` per task is measured apart, to show what a per-task controller costs.
//
// Each task is `async () => i`: no real work, so the time is the combinator's own cost. Time is this
// process's CPU time (user + system, GC threads included), so other processes on a shared machine
// do not count. Runs of the contenders are interleaved (the order rotates each round) so drift and GC
// hit all of them alike; the figure is the median over rounds, divided by n.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { all as acxAll } from 'abort-controller-x';
import { build } from 'esbuild';
import pMap from 'p-map';
import { all, scope } from '../src/index.js';

type Runner = (tasks: readonly ((signal?: AbortSignal) => Promise<number>)[]) => Promise<unknown>;

const outer = new AbortController().signal; // every abortable contender is linked to a parent signal
const runners: Record<string, Runner> = {
  'Promise.all': (tasks) => Promise.all(tasks.map((task) => task())),
  'taskscope all': (tasks) => all(tasks, { signal: outer }),
  'p-map': (tasks) => pMap(tasks, (task) => task(), { signal: outer }),
  'abort-controller-x all': (tasks) => acxAll(outer, (signal) => tasks.map((task) => task(signal))),
};
const names = Object.keys(runners);

const SIZES = [10, 1_000, 100_000];
const ROUNDS = 15;
const SAMPLE_MS = 20; // each sample repeats calls for about this long

/** CPU milliseconds used by this process so far. */
function cpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** How many calls of `run` take about SAMPLE_MS (also warms it up). */
async function calibrate(run: Runner, tasks: Parameters<Runner>[0]): Promise<number> {
  let calls = 0;
  const start = cpu();
  do {
    await run(tasks);
    calls++;
  } while (cpu() - start < SAMPLE_MS);
  return calls;
}

/** CPU milliseconds per call, over `calls` calls. */
async function sample(run: Runner, tasks: Parameters<Runner>[0], calls: number): Promise<number> {
  const start = cpu();
  for (let i = 0; i < calls; i++) await run(tasks);
  return (cpu() - start) / calls;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const rows: string[][] = [];
for (const n of SIZES) {
  const tasks = Array.from({ length: n }, (_, i) => async () => i);
  const calls: Record<string, number> = {};
  for (const name of names) calls[name] = await calibrate(runners[name]!, tasks);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      samples[name]!.push(await sample(runners[name]!, tasks, calls[name]!));
    }
  }
  const base = median(samples['Promise.all']!);
  for (const name of names) {
    const ms = median(samples[name]!);
    rows.push([String(n), name, ((ms * 1e6) / n).toFixed(0), (ms / base).toFixed(2) + 'x']);
  }
}

const header = ['n', 'implementation', 'ns per task', 'vs Promise.all'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(`Per-task overhead in CPU time (median of ${ROUNDS} interleaved rounds, Node ${process.version})\n`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));

// What a per-task AbortController costs: a scope with one `spawn` per task, against all(), measured
// apart so its garbage does not weigh on the comparison above.
{
  const tasks = Array.from({ length: 1_000 }, (_, i) => async () => i);
  const spawnAll: Runner = (list) =>
    scope((s) => {
      for (const task of list) s.spawn(task);
    });
  const spawnCalls = await calibrate(spawnAll, tasks);
  const allCalls = await calibrate(runners['taskscope all']!, tasks);
  const spawned: number[] = [];
  const combined: number[] = [];
  for (let round = 0; round < 7; round++) {
    spawned.push(await sample(spawnAll, tasks, spawnCalls));
    combined.push(await sample(runners['taskscope all']!, tasks, allCalls));
  }
  const [perSpawn, perAll] = [median(spawned), median(combined)].map((ms) => (ms * 1e6) / tasks.length);
  console.log(`\nscope + spawn, n = 1000: ${perSpawn!.toFixed(0)} ns per task (all(): ${perAll!.toFixed(0)} ns); the difference is the per-task AbortController`);
}

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
const code = bundle.outputFiles[0]!.contents;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(`\nBundle of the whole runtime entry (esbuild, minified): ${code.length} B, ${(gzip / 1024).toFixed(2)} KB (${gzip} B) min+gzip; goal <= 5 KB`);
