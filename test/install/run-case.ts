// One case of the matrix, start to end, as a user would go: `npm init -y`, the
// README's installs and eslint.config.mjs, then build, lint, check, migrate
// (dry run, then --write), typecheck and lint again. Nothing here asserts: each
// step's outcome is recorded for the tests.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { git } from '../../packages/codemod/test/temp-project.js';
import { type Case, installArgs, overridesFor } from './cases.js';
import { type Run, cleanEnv, exec } from './exec.js';
import { type Packed, pnpmCli } from './pack.js';
import { installCommands, setupBlock } from './readme.js';
import { copySample } from './sample.js';

/** Where the package managers keep what they download, shared by every case of a run. */
export interface Caches {
  npm: string;
  pnpmStore: string;
  pnpmMetadata: string;
}

export interface CaseRun {
  testCase: Case;
  dir: string;
  /** `npm init -y` and the README's installs, as one record: the commands, their output, their time. */
  install: Run;
  /** Undefined when the install failed: nothing else ran. */
  steps?: Steps;
  seconds: number;
}

export interface Steps {
  /** `tsc -v` (the bin `npx tsc` runs), and the version `require('typescript')` gives the tools. */
  tscVersion: Run;
  apiVersion: Run;
  /** tsc with the case's compiler, emitting to dist/ (JavaScript and .d.ts), as a project's build leaves it for the lint. */
  tscBefore: Run;
  /** `eslint --format json .`. */
  lintBefore: Run;
  /** `taskscope check --format sarif`, before the migration. */
  check: Run;
  dryRun: Run;
  /** `git status --porcelain` right after the dry run: empty when it wrote nothing. */
  statusAfterDryRun: string;
  write: Run;
  /** `git diff` after `--write`, and the files it names. */
  diff: string;
  changed: string[];
  tscAfter: Run;
  lintAfter: Run;
}

const INSTALL_TIMEOUT = 6 * 60_000;
const STEP_TIMEOUT = 3 * 60_000;

export async function runCase(testCase: Case, packed: readonly Packed[], root: string, caches: Caches, signal: AbortSignal): Promise<CaseRun> {
  const started = performance.now();
  const dir = path.join(root, testCase.id);
  mkdirSync(dir, { recursive: true });
  copySample(dir);
  writeFileSync(path.join(dir, 'eslint.config.mjs'), setupBlock(testCase.readme.eslintConfig));
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\ndist\n');

  const env = cleanEnv({ npm_config_cache: caches.npm });
  const tool = (name: string, args: string[]) => exec(path.join(dir, 'node_modules/.bin', name), args, { cwd: dir, env, timeout: STEP_TIMEOUT, signal });
  const seconds = () => (performance.now() - started) / 1000;

  const runs: Run[] = [await exec('npm', ['init', '-y'], { cwd: dir, env, timeout: STEP_TIMEOUT, signal })];
  const manifest = path.join(dir, 'package.json');
  writeFileSync(manifest, `${JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), ...overridesFor(testCase, packed) }, null, 2)}\n`);
  const flags =
    testCase.pm === 'npm'
      ? ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']
      : ['--prefer-offline', '--reporter=append-only', '--store-dir', caches.pnpmStore, '--cache-dir', caches.pnpmMetadata];
  const installed = new Set<string>();
  for (const command of testCase.readme.installs.flatMap((block) => installCommands(block))) {
    if (runs.at(-1)!.code !== 0) break;
    // A package an earlier block installed (the codemod, in the TypeScript 7 alone setup) is not installed again.
    const packages = command.slice(2).filter((word) => !word.startsWith('-'));
    if (packages.every((name) => installed.has(name))) continue;
    for (const name of packages) installed.add(name);
    const args = [...installArgs(testCase, command, packed), ...flags];
    runs.push(
      testCase.pm === 'npm'
        ? await exec('npm', args, { cwd: dir, env, timeout: INSTALL_TIMEOUT, signal })
        : await exec(process.execPath, [pnpmCli, ...args], { cwd: dir, env, timeout: INSTALL_TIMEOUT, signal }),
    );
  }
  const install = joined(runs);
  if (install.code !== 0) return { testCase, dir, install, seconds: seconds() };

  // Committed, so the dry run can be shown to write nothing and `--write` finds a clean tree.
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'the project as installed');

  const node = (args: string[]) => exec(process.execPath, args, { cwd: dir, env, timeout: STEP_TIMEOUT, signal });
  const tsc = path.join(dir, 'node_modules', testCase.compiler, 'bin/tsc');
  const typecheck = () => node([tsc, '--noEmit', '-p', '.']);

  const tscVersion = await tool('tsc', ['-v']);
  const apiVersion = await node(['-e', "process.stdout.write(require('typescript').version)"]);
  const tscBefore = await node([tsc, '-p', '.', '--noEmit', 'false', '--rootDir', 'src', '--outDir', 'dist', '--declaration']);
  const lintBefore = await tool('eslint', ['--format', 'json', '.']);
  const check = await tool('taskscope', ['check', '--format', 'sarif']);
  const dryRun = await tool('taskscope-migrate', []);
  const statusAfterDryRun = git(dir, 'status', '--porcelain');
  const write = await tool('taskscope-migrate', ['--write']);
  const diff = git(dir, 'diff');
  const changed = git(dir, 'diff', '--name-only').split('\n').filter(Boolean);
  const tscAfter = await typecheck();
  const lintAfter = await tool('eslint', ['--format', 'json', '.']);

  const steps = { tscVersion, apiVersion, tscBefore, lintBefore, check, dryRun, statusAfterDryRun, write, diff, changed, tscAfter, lintAfter };
  return { testCase, dir, install, steps, seconds: seconds() };
}

/** Several runs as one: their commands, outputs and times; the exit code of the last (a failed one stops the rest). */
function joined(runs: readonly Run[]): Run {
  const last = runs.at(-1)!;
  return {
    command: runs.map((run) => run.command).join(' && '),
    code: last.code,
    stdout: runs.map((run) => run.stdout).join(''),
    stderr: runs.map((run) => run.stderr).join(''),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
  };
}
