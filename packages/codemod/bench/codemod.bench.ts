// Runs taskscope-migrate over the generated corpus (bench/gen-corpus.mjs, the
// lint benchmark's) and compares it with jscodeshift parsing and printing the
// same files:
//
//   taskscope  the CLI's engine, typed, dry run (diffs made, nothing written):
//              load (read + parse), checker build (program + binder), migrate
//              (detectors with type queries, one edit pass per file, output
//              re-parsed, diff). Goal: ≥ 200 files/s without the checker build.
//   write      the same with --write on a fresh copy of the corpus (atomic writes).
//   syntactic  the jscodeshift entry's engine on each file: parse, detectors
//              without types, edits.
//   jscodeshift  `j.withParser('tsx')(source).toSource()` on each file, no transform.
//
// Each measurement runs in a fresh child process; runs are interleaved and
// repeated, and medians printed.
//
//   pnpm bench:codemod [--files N] [--repeat R] [--corpus dir] [--json file]
//
// Needs the built core (packages/core/dist): run `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { API, Core } from 'jscodeshift';

import transform from '../src/jscodeshift.js';
import { type RunReport, runMigration, transforms } from '../src/index.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** bench/gen-corpus.mjs, loaded at run time (plain JavaScript, no types). */
interface CorpusModule {
  DEFAULT_CORPUS_DIR: string;
  /** Generates the corpus unless `dir` holds it already, or holds anything else (a real project, measured as it is); true when it did. */
  ensureCorpus(dir: string, options: { files: number }): boolean;
}

interface Sample {
  files: number;
  /** Wall and CPU (user + system) milliseconds of the whole run. */
  wall: number;
  cpu: number;
  /** taskscope runs: the same per phase, and how many files changed. */
  phases?: RunReport['timings'];
  changed?: number;
}

type RunName = 'taskscope' | 'write' | 'syntactic' | 'jscodeshift';
const RUNS: RunName[] = ['taskscope', 'write', 'syntactic', 'jscodeshift'];

// --- child: one measurement ----------------------------------------------------

function measure(run: RunName, corpus: string): Sample {
  if (run === 'taskscope' || run === 'write') {
    let cwd = corpus;
    if (run === 'write') {
      cwd = mkdtempSync(path.join(tmpdir(), 'taskscope-bench-'));
      cpSync(corpus, cwd, { recursive: true });
    }
    const { result: report, ...time } = timed(() => runMigration({ cwd, write: run === 'write', transforms }));
    if (run === 'write') rmSync(cwd, { recursive: true, force: true });
    const files = report.summary.ok + report.summary.unmodified + report.summary.error;
    return { files, ...time, phases: report.timings, changed: report.summary.ok };
  }

  const sources = sourceFiles(corpus).map((file) => ({ path: file, source: readFileSync(file, 'utf8') }));
  if (run === 'syntactic') {
    const api = { stats: () => {} } as unknown as API;
    return { files: sources.length, ...timed(() => sources.forEach((file) => transform(file, api, {}))) };
  }
  const j = (createRequire(import.meta.url)('jscodeshift') as Core).withParser('tsx');
  return { files: sources.length, ...timed(() => sources.forEach((file) => j(file.source).toSource())) };
}

function timed<T>(work: () => T): { result: T; wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

function sourceFiles(corpus: string): string[] {
  return readdirSync(path.join(corpus, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => path.join(corpus, 'src', name));
}

// --- parent: schedule, repeat, summarize ------------------------------------------

function runChild(run: RunName, corpus: string): Sample {
  const script = fileURLToPath(import.meta.url);
  const out = execFileSync(process.execPath, [...process.execArgv, script, '--child', run, '--corpus', corpus], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback?: string) => {
    const at = argv.indexOf(name);
    return at === -1 ? fallback : argv[at + 1];
  };
  const generator = (await import(pathToFileURL(path.join(repoRoot, 'bench/gen-corpus.mjs')).href)) as CorpusModule;
  const corpus = path.resolve(option('--corpus', generator.DEFAULT_CORPUS_DIR)!);
  if (argv.includes('--child')) {
    console.log(JSON.stringify(measure(option('--child') as RunName, corpus)));
    return;
  }
  const repeat = Number(option('--repeat', '3'));
  if (generator.ensureCorpus(corpus, { files: Number(option('--files', '1000')) })) {
    console.log(`Generated the corpus in ${path.relative(process.cwd(), corpus)}`);
  }

  const samples = Object.fromEntries(RUNS.map((run) => [run, [] as Sample[]])) as Record<RunName, Sample[]>;
  for (let i = 0; i < repeat; i++) for (const run of RUNS) samples[run].push(runChild(run, corpus));

  // Medians of wall and CPU time; wall is what a user waits, CPU is steadier on a shared machine.
  const time = (run: RunName, pick: (s: Sample) => { wall: number; cpu: number }) => ({
    wall: median(samples[run].map((s) => pick(s).wall)),
    cpu: median(samples[run].map((s) => pick(s).cpu)),
  });
  const phase = (run: RunName, name: keyof RunReport['timings']) => time(run, (s) => s.phases![name]);
  const minus = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }) => ({ wall: a.wall - b.wall, cpu: a.cpu - b.cpu });
  const files = median(samples.taskscope.map((s) => s.files));
  const changed = median(samples.taskscope.map((s) => s.changed ?? 0));
  const ms = ({ wall, cpu }: { wall: number; cpu: number }) => `${wall.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms)`;
  const rate = ({ wall, cpu }: { wall: number; cpu: number }) =>
    `${(files / (wall / 1000)).toFixed(0)} files/s (by CPU time ${(files / (cpu / 1000)).toFixed(0)})`;

  const typed = time('taskscope', (s) => s);
  const typedNoChecker = minus(typed, phase('taskscope', 'checker'));
  const write = time('write', (s) => s);
  const writeNoChecker = minus(write, phase('write', 'checker'));
  const syntactic = time('syntactic', (s) => s);
  const jscodeshift = time('jscodeshift', (s) => s);
  const figures = {
    files,
    changed,
    typed,
    phases: { load: phase('taskscope', 'load'), checker: phase('taskscope', 'checker'), migrate: phase('taskscope', 'migrate') },
    typedNoChecker,
    write,
    writeNoChecker,
    syntactic,
    jscodeshift,
    ratio: { wall: typedNoChecker.wall / jscodeshift.wall, cpu: typedNoChecker.cpu / jscodeshift.cpu },
    syntacticRatio: { wall: syntactic.wall / jscodeshift.wall, cpu: syntactic.cpu / jscodeshift.cpu },
  };

  console.log(
    [
      `Corpus: ${files} files (${changed} changed) in ${path.relative(process.cwd(), corpus) || '.'}; ` +
        `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; median of ${repeat}`,
      '',
      `taskscope-migrate, typed dry run: ${ms(typed)}`,
      `  load + parse ${ms(figures.phases.load)}, checker build ${ms(figures.phases.checker)}, migrate ${ms(figures.phases.migrate)}`,
      `  without the checker build: ${ms(typedNoChecker)} = ${rate(typedNoChecker)}; goal ≥ 200 files/s`,
      `taskscope-migrate --write: ${ms(write)}; without the checker build ${rate(writeNoChecker)}`,
      `jscodeshift entry (syntactic engine): ${ms(syntactic)} = ${rate(syntactic)}`,
      `jscodeshift parse + print (tsx parser, no transform): ${ms(jscodeshift)} = ${rate(jscodeshift)}`,
      `ratio, taskscope-migrate without the checker build / jscodeshift parse + print: ` +
        `${figures.ratio.wall.toFixed(2)}x (CPU ${figures.ratio.cpu.toFixed(2)}x)`,
      `ratio, jscodeshift entry / jscodeshift parse + print: ` +
        `${figures.syntacticRatio.wall.toFixed(2)}x (CPU ${figures.syntacticRatio.cpu.toFixed(2)}x)`,
    ].join('\n'),
  );
  const json = option('--json');
  if (json) writeFileSync(json, `${JSON.stringify({ figures, samples }, null, 2)}\n`);
}

await main(process.argv.slice(2));
