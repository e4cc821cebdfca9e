// One project, start to end: unpack, install, record the baseline, migrate,
// record the migrated run, and, when it did not match the baseline, run the
// tests once more on each side. Nothing here
// asserts: what each step found goes into the ProjectRun for the tests and the
// report. A step the baseline can't do without throws a StepError naming it.
//
// The baseline's tests run once before the migration. When the migrated run
// has a new failure or takes more than the time limit, they run once more
// after it: a test whose outcome flips between the two baseline runs is flaky,
// not broken by the migration, and the time is compared with the mean of the
// runs around the migrated one, so a load that changed (other CI work) weighs
// on both sides. A migrated run with a new failure runs once more too, for the
// same reason: a test that fails in one migrated run and passes in the other
// is flaky (a garbage-collection test timed out on a loaded machine), reported
// and not counted. A migrated run that matches the first needs neither (CI's
// time: the MCP SDK's suite takes five minutes of both cores).
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { map } from '../../packages/runtime/src/index.js';
import type { Packed } from '../install/pack.js';
import { type Run, exec, tail } from './exec.js';
import type { Project, Step } from './projects.js';
import { type Diagnostic, type LintProblem, type Outcomes, TIME_LIMIT, compareTests, outcomesOf, parseDiagnostics, parseEslint, timeRatio } from './results.js';
import { type Install, RESULTS, StepError, Workspace, archivesDir, install, placeRuntime, repoRoot, stepFailure, undeclaredRuntime } from './workspace.js';

const MINUTE = 60_000;
const TIMEOUT = { unpack: 5 * MINUTE, build: 10 * MINUTE, tests: 30 * MINUTE, typecheck: 15 * MINUTE, migrate: 20 * MINUTE, lint: 10 * MINUTE };

const codemodBin = path.join(repoRoot, 'packages/codemod/bin/taskscope-migrate.js');

/** What the harness reads of `taskscope-migrate --report json`. */
export interface MigrateReport {
  summary: Record<string, number>;
  counts: Record<string, { rewritten: number; marked: number }>;
  markers: number;
  files: {
    path: string;
    status: string;
    markers: number;
    counts: Record<string, { rewritten: number; marked: number }>;
    /** Each rewrite, and whether its task's signal reaches a call that takes one (newer codemods). */
    rewrites?: { transform: string; line: number; delivers: boolean }[];
  }[];
}

export interface TestRun {
  outcomes: Outcomes;
  /** Wall time of the test commands, the build before them left out. */
  seconds: number;
  /** Each test command's wall time. */
  steps: number[];
}

export interface Migration {
  /** What it was asked to migrate. */
  paths: string[];
  run: Run;
  report?: MigrateReport;
  /** `git diff` of what the codemod wrote, and the files it changed. */
  diff: string;
  changed: string[];
  /** The package.json files the codemod changed (it adds `taskscope` where migrated code imports it). */
  manifests: string[];
  /** The package.json files migrated code imports `taskscope` under that still lack it. */
  undeclared: string[];
}

export interface ProjectRun {
  /** The run's folder, and the project's root in it. */
  work: string;
  root?: string;
  /** Each step's wall time, in order. */
  phases: { name: string; seconds: number }[];
  /** What a reader should know that no check covers (files a test run left behind). */
  notes: string[];
  install?: Install;
  typeErrors: { before?: Diagnostic[]; after?: Diagnostic[] };
  /** The baseline's test runs: before the migration, and after the migrated run when that one did not match it. */
  baseline: TestRun[];
  /** The migrated tree's test runs: one, and a second when the first failed a test the baseline passed. */
  migrated: TestRun[];
  migration?: Migration;
  /** The codemod run again on its own output: the files it changed, and how. */
  second?: { run: Run; changed: string[]; diff: string };
  /** Problems in the files the migration changed: before it (the baseline's text) and after. */
  eslint: { before?: LintProblem[]; after?: LintProblem[] };
  prettier: { before?: string[]; after?: string[] };
}

export function newProjectRun(work: string): ProjectRun {
  return { work, phases: [], notes: [], typeErrors: {}, baseline: [], migrated: [], eslint: {}, prettier: {} };
}

type Stage = 'baseline' | 'migrated';

export async function runProject(project: Project, record: ProjectRun, runtime: Packed): Promise<void> {
  const timed = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    record.phases.push({ name, seconds });
    console.log(`e2e ${project.id}: ${name} ${seconds.toFixed(1)} s`);
    return result;
  };
  const service = await project.service?.();
  try {
    const workspace = new Workspace(record.work, project.folder, service?.env);
    record.root = workspace.root;
    await timed('unpack', () => unpack(project, record.work));
    workspace.git('init', '-q', '-b', 'migration');
    record.install = await timed('install', () => install(workspace));
    placeRuntime(workspace, runtime.unpacked);
    // The test commands' result files are the harness's, not the project's changes.
    appendFileSync(path.join(workspace.root, '.git/info/exclude'), `${RESULTS}\n`);
    workspace.git('add', '-A');
    workspace.git('commit', '-q', '--no-verify', '-m', 'the project as unpacked');
    workspace.git('tag', 'baseline');
    await workspace.listPackages();

    // Each typecheck follows a test run, whose build it may need (the Anthropic SDK's packages
    // typecheck against its dist/): both see the build of the code they check.
    const first = await testRun(project, workspace, 'baseline', 'baseline tests 1', timed, record);
    record.baseline.push(first);
    record.typeErrors.before = await timed('typecheck (baseline)', () => typecheck(project, workspace, 'baseline'));

    record.migration = await timed('taskscope-migrate --write', () => migrate(project, workspace));
    record.second = await timed('taskscope-migrate --write, again', () => migrateAgain(project, workspace));
    // A run that hangs (a scope waiting for a task that ignores its signal) is stopped at 3x the first run.
    const limits = first.steps.map((seconds) => Math.max(2 * MINUTE, 3_000 * seconds));
    const migrated = await testRun(project, workspace, 'migrated', 'migrated tests', timed, record, limits);
    record.migrated.push(migrated);
    if (compareTests([first.outcomes], [migrated.outcomes]).newFailures.length > 0) {
      record.migrated.push(await testRun(project, workspace, 'migrated', 'migrated tests 2', timed, record, limits));
    }
    record.typeErrors.after = await timed('typecheck (migrated)', () => typecheck(project, workspace, 'migrated'));
    const changed = record.migration.changed;
    const after = await timed('eslint + prettier (migrated)', () => lint(workspace, changed, 'migrated'));
    record.eslint.after = after.eslint;
    record.prettier.after = after.prettier;

    workspace.checkout('baseline');
    const before = await timed('eslint + prettier (baseline)', () => lint(workspace, changed, 'baseline'));
    record.eslint.before = before.eslint;
    record.prettier.before = before.prettier;
    const migratedRuns = record.migrated.map((run) => run.outcomes);
    const matches = compareTests([first.outcomes], migratedRuns).newFailures.length === 0 && timeRatio([first.seconds], record.migrated.map((run) => run.seconds)) <= TIME_LIMIT;
    if (!matches) record.baseline.push(await testRun(project, workspace, 'baseline', 'baseline tests 2', timed, record, limits));
    // Left migrated, for a rerun by hand.
    workspace.checkout('migration');
  } finally {
    await service?.stop();
  }
}

async function unpack(project: Project, work: string): Promise<void> {
  const archive = path.join(archivesDir, project.archive);
  const run = await exec({ label: 'unpack', file: 'tar', args: ['-xzf', archive, '-C', work], cwd: work, env: process.env, timeout: TIMEOUT.unpack });
  if (run.code !== 0) throw new StepError(`unpacking ${archive} failed (exit ${run.code}):\n${tail(run)}`);
}

/** The project's paths to migrate: the `src` of each package it migrates. */
function sources(project: Project, workspace: Workspace): string[] {
  return workspace.packages
    .filter((p) => project.migrates(p.dir) && existsSync(path.join(workspace.root, p.dir, 'src')))
    .map((p) => (p.dir ? `${p.dir}/src` : 'src'));
}

/**
 * `taskscope-migrate --write <sources>` at the project's root, as the README says: each file
 * analysed in its own tsconfig's project. Its changes, package.json files included, are
 * committed; which packages import `taskscope` without declaring it is recorded for the test.
 */
async function migrate(project: Project, workspace: Workspace): Promise<Migration> {
  const reportFile = path.join(workspace.work, 'migrate-report.json');
  const paths = sources(project, workspace);
  const run = await workspace.run('taskscope-migrate --write', '', process.execPath, [codemodBin, '--write', '--report', 'json', reportFile, ...paths], TIMEOUT.migrate);
  const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as MigrateReport) : undefined;
  workspace.git('add', '-A');
  workspace.git('commit', '-q', '--no-verify', '--allow-empty', '-m', 'taskscope-migrate --write');
  const diff = workspace.git('diff', 'baseline', 'HEAD');
  const changed = workspace.git('diff', '--name-only', 'baseline', 'HEAD').split('\n').filter(Boolean);
  const manifests = changed.filter((file) => path.posix.basename(file) === 'package.json');
  return { paths, run, report, diff, changed, manifests, undeclared: undeclaredRuntime(workspace, changed) };
}

/** The same command on the migrated tree; whatever it changes is recorded, then dropped. */
async function migrateAgain(project: Project, workspace: Workspace): Promise<NonNullable<ProjectRun['second']>> {
  const run = await workspace.run('taskscope-migrate --write, again', '', process.execPath, [codemodBin, '--write', ...sources(project, workspace)], TIMEOUT.migrate);
  const changed = workspace.status();
  const diff = workspace.git('diff');
  workspace.checkout('HEAD');
  return { run, changed, diff };
}

/**
 * The project's typechecks, two at a time. A check that fails with no diagnostic crashed: in the
 * baseline that stops the run; after the migration it counts as a new error.
 */
async function typecheck(project: Project, workspace: Workspace, stage: Stage): Promise<Diagnostic[]> {
  const steps = project.typechecks(workspace.packages);
  const runs = await map(steps, (step, signal) => workspace.run(`${step.label} (${stage})`, step.dir, step.file, step.args, TIMEOUT.typecheck, signal), { concurrency: 2 });
  return runs.flatMap((run, index) => {
    const step = steps[index] as Step;
    const diagnostics = parseDiagnostics(`${run.stdout}\n${run.stderr}`, path.join(workspace.root, step.dir), workspace.root);
    if (run.code === 0 || diagnostics.length > 0) return diagnostics;
    if (stage === 'baseline') throw stepFailure(run, workspace.log);
    return [{ file: step.dir, line: 0, code: `exit ${run.code}`, message: `${run.label} failed with no diagnostic:\n${tail(run, 10)}` }];
  });
}

/**
 * One run of the project's tests: the build, then each test command, collecting the JSON each
 * wrote in the folders it ran tests in. A test command that left no results at all is one failed
 * id; in the baseline it stops the run, as does a failed build.
 */
async function testRun(
  project: Project,
  workspace: Workspace,
  stage: Stage,
  name: string,
  timed: <T>(name: string, work: () => Promise<T>) => Promise<T>,
  record: ProjectRun,
  /** Milliseconds each test command may take. */
  limits: readonly number[] = project.tests.map(() => TIMEOUT.tests),
): Promise<TestRun> {
  const outcomes: Outcomes = new Map();
  const fail = (run: Run, id: string) => {
    if (stage === 'baseline') throw stepFailure(run, workspace.log);
    outcomes.set(id, { status: 'failed', message: `${run.command}: exit ${run.code}\n${tail(run, 10)}` });
  };
  if (project.build.length > 0) {
    await timed(`build (${name})`, async () => {
      for (const step of project.build) {
        const run = await workspace.run(`${step.label} (${name})`, step.dir, step.file, step.args, TIMEOUT.build);
        if (run.code !== 0) fail(run, `${step.label} (build)`);
      }
    });
  }
  const steps: number[] = [];
  const seconds = await timed(name, async () => {
    const started = performance.now();
    for (const [index, step] of project.tests.entries()) {
      const run = await workspace.run(`${step.label} (${name})`, step.dir, step.file, step.args, limits[index] ?? TIMEOUT.tests);
      steps.push(run.seconds);
      // jest writes its results before it waits for what the tests left running: they are still read.
      if (run.timedOut) record.notes.push(`${name}: ${step.label} did not finish and was killed after ${Math.round(run.seconds)} s${/did not exit/.test(run.stderr) ? ' (jest: "did not exit one second after the test run has completed")' : ''}`);
      const results = workspace.packages.map((p) => path.join(workspace.root, p.dir, RESULTS)).filter((file) => existsSync(file));
      if (results.length === 0) fail(run, `${step.label} (no results)`);
      for (const file of results) {
        for (const [id, outcome] of outcomesOf(JSON.parse(readFileSync(file, 'utf8')), workspace.root)) outcomes.set(id, outcome);
        rmSync(file);
      }
    }
    return (performance.now() - started) / 1000;
  });
  const left = workspace.status();
  if (left.length > 0) record.notes.push(`${name} left ${left.length} changed or new file(s), dropped before the next step: ${left.slice(0, 5).join(', ')}`);
  workspace.checkout('HEAD');
  return { outcomes, seconds, steps };
}

const LINTED = /\.[cm]?[jt]sx?$/;
const ESLINT_CONFIGS = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs', 'eslint.config.ts', 'eslint.config.mts', 'eslint.config.cts'];

/**
 * The project's own ESLint and Prettier on `files`, as its lint scripts run them: ESLint from the
 * folder of each file's nearest config (a package's `eslint src/`), with the nearest ESLint
 * installed there; Prettier from the root, which reads each file's config and the root's ignore
 * files. A crash stops the baseline and is a problem after the migration.
 */
async function lint(workspace: Workspace, files: readonly string[], stage: Stage): Promise<{ eslint: LintProblem[]; prettier: string[] }> {
  const sources = files.filter((file) => LINTED.test(file));
  const eslint: LintProblem[] = [];
  const prettier: string[] = [];
  if (sources.length === 0) return { eslint, prettier };
  const crashed = (run: Run) => {
    if (stage === 'baseline') throw stepFailure(run, workspace.log);
    return `${run.label} crashed: ${tail(run, 10)}`;
  };

  const byConfig = new Map<string, string[]>();
  for (const file of sources) {
    const dir = nearest(path.posix.dirname(file), (d) => ESLINT_CONFIGS.some((c) => existsSync(path.join(workspace.root, d, c))));
    if (dir !== undefined) byConfig.set(dir, [...(byConfig.get(dir) ?? []), file]);
  }
  for (const [dir, group] of byConfig) {
    const bin = nearest(dir, (d) => existsSync(path.join(workspace.root, d, 'node_modules/.bin/eslint')));
    if (bin === undefined) continue;
    const args = ['--format', 'json', ...group.map((file) => path.posix.relative(dir, file))];
    const run = await workspace.run(`eslint in ${dir} (${stage})`, dir, path.join(workspace.root, bin, 'node_modules/.bin/eslint'), args, TIMEOUT.lint);
    if (run.code === 0 || run.code === 1) eslint.push(...parseEslint(run.stdout, workspace.root));
    else eslint.push({ file: dir, rule: '(crash)', line: 0, message: crashed(run) });
  }

  if (existsSync(path.join(workspace.root, 'node_modules/.bin/prettier'))) {
    const run = await workspace.run(`prettier --list-different (${stage})`, '', 'node_modules/.bin/prettier', ['--list-different', ...sources], TIMEOUT.lint);
    if (run.code === 0 || run.code === 1) prettier.push(...run.stdout.split('\n').filter(Boolean));
    else prettier.push(crashed(run));
  }
  return { eslint, prettier };
}

/** The nearest of `dir` and the folders above it, up to the root ('.'), that `test` accepts. */
function nearest(dir: string, test: (dir: string) => boolean): string | undefined {
  for (let d = dir; ; d = path.posix.dirname(d)) {
    if (test(d)) return d;
    if (d === '.' || d === '') return undefined;
  }
}

/** Writes the run's report and the migration's diff beside the project. */
export function writeOutputs(record: ProjectRun, report: string): { report: string; diff: string } {
  const files = { report: path.join(record.work, 'report.txt'), diff: path.join(record.work, 'migration.diff') };
  writeFileSync(files.report, report);
  writeFileSync(files.diff, record.migration?.diff ?? '');
  return files;
}

