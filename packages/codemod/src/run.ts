import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import type { TransformId } from '@taskscope/core';
import { createTwoFilesPatch } from 'diff';
import type { ts } from 'ts-morph';

import { type MissingDependency, importsRuntime, missingDependencies } from './dependency.js';
import { type FileMigration, MAX_ROUNDS, type RewriteRecord, type TransformCounts, addCounts, createMigrator, nextRound } from './engine.js';
import { type LoadOptions, loadProjects } from './project.js';
import type { Transform } from './transforms/index.js';
import { formatWithProjectPrettier } from './prettier.js';
import { writeFileAtomic } from './write.js';

export type FileStatus = 'ok' | 'unmodified' | 'skipped' | 'error';

export interface FileReport {
  /** Relative to the working directory. */
  path: string;
  status: FileStatus;
  counts: TransformCounts;
  /** Each rewrite, with whether it delivers cancellation (a task's signal reaches work that takes one). */
  rewrites: RewriteRecord[];
  markers: number;
  ignored: number;
  deferred: number;
  /** Why the file was skipped, or what went wrong. */
  message?: string;
}

export interface RunOptions extends LoadOptions {
  write: boolean;
  transforms: readonly Transform[];
  concurrency?: number;
  /** Called once the files are known, before any is migrated. */
  onStart?(total: number, configs: readonly string[]): void;
  /** Called after each file; `diff` is the unified diff of a changed file in a dry run. */
  onFile?(file: FileReport, diff: string | undefined): void;
}

export interface RunReport {
  write: boolean;
  transforms: TransformId[];
  files: FileReport[];
  summary: Record<FileStatus, number>;
  counts: TransformCounts;
  markers: number;
  ignored: number;
  deferred: number;
  /** `paths…` arguments that matched no file of the project. */
  unmatched: string[];
  /** The package.json files of migrated code that imports `taskscope` without depending on it. */
  dependencies: MissingDependency[];
  /** Per phase, wall and CPU milliseconds: loading and parsing, building the program and checker, migrating. */
  timings: Record<Phase, { wall: number; cpu: number }>;
}

type Phase = 'load' | 'checker' | 'migrate';

/** Adds the wall and CPU time of `work` to `phase`. */
function timed<T>(timings: RunReport['timings'], phase: Phase, work: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return work();
  } finally {
    const used = process.cpuUsage(cpu);
    timings[phase].wall += performance.now() - wall;
    timings[phase].cpu += (used.user + used.system) / 1000;
  }
}

/**
 * Migrates a project: every file is analysed against the unchanged program,
 * its edits applied once as text, and (with `write`) written atomically. A
 * file that needs it (see `Migrator.another`) gets another round on its
 * rewritten text. A file that fails is reported and left as it was; the
 * others go on.
 */
export function runMigration(options: RunOptions): RunReport {
  const timings = { load: { wall: 0, cpu: 0 }, checker: { wall: 0, cpu: 0 }, migrate: { wall: 0, cpu: 0 } };
  const selection = timed(timings, 'load', () => loadProjects(options));
  const relative = (file: string) => path.relative(options.cwd, file) || file;

  const files: FileReport[] = [];
  const record = (file: FileReport, diff?: string) => {
    files.push(file);
    options.onFile?.(file, diff);
  };
  const total = selection.skipped.length + selection.projects.reduce((n, p) => n + p.files.length, 0);
  const configs = selection.projects.flatMap((p) => (p.configPath ? [relative(p.configPath)] : []));
  options.onStart?.(total, configs);

  for (const skipped of selection.skipped) {
    record({ ...emptyReport(relative(skipped.path), 'skipped'), message: skipped.reason });
  }
  const migrator = createMigrator(options.transforms, { concurrency: options.concurrency });
  const importing: string[] = [];
  // A project's files are written (or diffed) once all of them are migrated, in the project's own format.
  const finishAll = (done: readonly PendingFile[]) => {
    const changed = done.filter((file) => file.result!.changed);
    const formatted = formatWithProjectPrettier(changed.map((file) => ({ path: file.original.fileName, original: file.original.text, text: file.result!.text })));
    for (const file of done) {
      const text = formatted.get(file.original.fileName);
      if (text !== undefined) file.result = { ...file.result!, text };
      const { report, diff } = finishFile(file, options.write, relative(file.original.fileName));
      record(report, diff);
      if (report.status === 'ok' && importsRuntime(file.result!.text) && !importsRuntime(file.original.text)) importing.push(file.original.fileName);
    }
  };
  for (const planned of selection.projects) {
    const done: PendingFile[] = [];
    const finish = (file: PendingFile) => done.push(file);
    // One program at a time: a monorepo's projects are not all held in memory together.
    const { project, files: sourceFiles } = timed(timings, 'load', () => planned.open());
    const facts = { reportsUnusedParameters: project.getCompilerOptions().noUnusedParameters === true, root: options.cwd };
    let pending: PendingFile[] = sourceFiles.map((sourceFile) => ({ original: sourceFile, current: sourceFile }));
    for (let round = 1; pending.length > 0; round++) {
      const checker = timed(timings, 'checker', () => project.getTypeChecker().compilerObject);
      const again: PendingFile[] = [];
      for (const file of pending) {
        timed(timings, 'migrate', () => {
          try {
            const result = migrator.migrate(file.current, checker, facts);
            file.result = file.result ? nextRound(file.result, result) : result;
            if (migrator.another(result) && round < MAX_ROUNDS) again.push(file);
            else finish(file);
          } catch (error) {
            record({ ...emptyReport(relative(file.original.fileName), 'error'), message: messageOf(error) });
          }
        });
      }
      // The next round analyses the rewritten texts with a new program.
      timed(timings, 'checker', () => {
        for (const file of again) {
          file.current = project.createSourceFile(file.current.fileName, file.result!.text, { overwrite: true }).compilerNode;
        }
      });
      pending = again;
    }
    finishAll(done);
  }

  const report: RunReport = {
    write: options.write,
    transforms: options.transforms.map((t) => t.id),
    files,
    summary: { ok: 0, unmodified: 0, skipped: 0, error: 0 },
    counts: {},
    markers: 0,
    ignored: 0,
    deferred: 0,
    unmatched: selection.unmatched.map(relative),
    dependencies: missingDependencies(importing, options.write, options.cwd),
    timings,
  };
  for (const file of files) {
    report.summary[file.status]++;
    report.markers += file.markers;
    report.ignored += file.ignored;
    report.deferred += file.deferred;
    addCounts(report.counts, file.counts);
  }
  return report;
}

interface PendingFile {
  /** As loaded: what is on disk, what the diff starts from. */
  original: ts.SourceFile;
  /** What the next round analyses. */
  current: ts.SourceFile;
  /** The rounds so far. */
  result?: FileMigration;
}

/** Writes (or diffs) a file whose rounds are done, and reports it. */
function finishFile(file: PendingFile, write: boolean, relativePath: string): { report: FileReport; diff?: string } {
  const { original } = file;
  const { text, changed, counts, rewrites, markers, ignored, deferred } = file.result!;
  try {
    if (changed && write) writeMigrated(original, text);
  } catch (error) {
    return { report: { ...emptyReport(relativePath, 'error'), message: messageOf(error) } };
  }
  const report: FileReport = { path: relativePath, status: changed ? 'ok' : 'unmodified', counts, rewrites, markers, ignored, deferred };
  if (!changed || write) return { report };
  const diffPath = relativePath.split(path.sep).join('/');
  return { report, diff: createTwoFilesPatch(`a/${diffPath}`, `b/${diffPath}`, original.text, text) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes only if the file still holds what was analysed; keeps a byte-order mark. */
function writeMigrated(sourceFile: ts.SourceFile, text: string): void {
  const onDisk = readFileSync(sourceFile.fileName, 'utf8');
  if (withoutBom(onDisk) !== withoutBom(sourceFile.text)) throw new Error('changed on disk during the run; left untouched');
  writeFileAtomic(sourceFile.fileName, (onDisk.startsWith(BOM) ? BOM : '') + withoutBom(text));
}

function emptyReport(file: string, status: FileStatus): FileReport {
  return { path: file, status, counts: {}, rewrites: [], markers: 0, ignored: 0, deferred: 0 };
}

const BOM = '\uFEFF';

function withoutBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}
