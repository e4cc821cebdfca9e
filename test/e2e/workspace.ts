// A real project in a temporary folder, as its developers would have it: the
// archive unpacked, a git repository, its lockfile installed with its package
// manager (pnpm, both projects), and taskscope installed the way a user of the
// migration has it.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { cleanEnv } from '../install/exec.js';
import { type Command, type Run, exec, logRun, tail } from './exec.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Where the archives are: `../shared/e2e` beside the repository, or TASKSCOPE_E2E_DIR. */
export const archivesDir = path.resolve(process.env.TASKSCOPE_E2E_DIR ?? path.join(repoRoot, '../shared/e2e'));

/** pnpm's store and metadata cache, kept between runs: TASKSCOPE_E2E_CACHE, or ~/.cache/taskscope-e2e. */
export const cacheDir = path.resolve(process.env.TASKSCOPE_E2E_CACHE ?? path.join(homedir(), '.cache/taskscope-e2e'));

/** The pinned pnpm of the root's devDependencies (the version the archives' README names). */
const pnpmCli = path.join(repoRoot, 'node_modules/pnpm/bin/pnpm.cjs');

/** The file each test command writes its JSON results to, in the folder it runs in. */
export const RESULTS = '.taskscope-e2e-results.json';

const MINUTE = 60_000;

/** A step that failed where the run cannot go on: the message names the step and shows its output. */
export class StepError extends Error {}

export function stepFailure(run: Run, log: string): StepError {
  const how = run.timedOut ? 'timed out' : `exit ${run.code}`;
  return new StepError(`${run.label} failed (${how}): ${run.command}\nfull log: ${log}\n${tail(run)}`);
}

export interface WorkspacePackage {
  name: string;
  /** Relative to the project's root, `/`-separated; '' for the root. */
  dir: string;
  scripts: Record<string, string>;
}

export class Workspace {
  /** The unpacked project. */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** Every command's output, in order. */
  readonly log: string;
  packages: WorkspacePackage[] = [];

  constructor(
    /** The run's folder: the project, the pnpm shim, logs, results. */
    readonly work: string,
    folder: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ) {
    this.root = path.join(work, folder);
    this.log = path.join(work, 'commands.log');
    this.env = childEnv(writePnpmShim(path.join(work, 'bin')), extraEnv);
  }

  /** Runs `file` (`pnpm`, or a path relative to `dir`) in `dir` of the project, logged. */
  async run(label: string, dir: string, file: string, args: readonly string[], timeout: number, signal?: AbortSignal): Promise<Run> {
    const cwd = path.join(this.root, dir);
    const command: Command = { label, file: file === 'pnpm' ? path.join(this.work, 'bin/pnpm') : path.resolve(cwd, file), args, cwd, env: this.env, timeout };
    const run = await exec(command, signal);
    logRun(this.log, run);
    return run;
  }

  /** Like `run`, for a step the run cannot go on without. */
  async must(label: string, dir: string, file: string, args: readonly string[], timeout: number): Promise<Run> {
    const run = await this.run(label, dir, file, args, timeout);
    if (run.code !== 0) throw stepFailure(run, this.log);
    return run;
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=taskscope-e2e', '-c', 'user.email=e2e@taskscope.invalid', ...args], {
      cwd: this.root,
      encoding: 'utf8',
      timeout: 2 * MINUTE,
      maxBuffer: 256 * 2 ** 20,
    });
  }

  /** Paths `git status` shows, untracked ones included. */
  status(): string[] {
    return this.git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
  }

  /** Back to `ref` exactly: what a step changed or left behind is dropped (ignored files, node_modules, stay). */
  checkout(ref: string): void {
    this.git('checkout', '-q', '-f', ref);
    this.git('clean', '-q', '-fd');
  }

  /** The workspace's packages, the root first, as pnpm lists them. */
  async listPackages(): Promise<void> {
    const run = await this.must('list the workspace packages', '', 'pnpm', ['-r', 'ls', '--json', '--depth', '-1'], 2 * MINUTE);
    this.packages = (JSON.parse(run.stdout) as { name: string; path: string }[]).map((entry) => {
      const manifest = JSON.parse(readFileSync(path.join(entry.path, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
      return { name: entry.name, dir: path.relative(this.root, entry.path).split(path.sep).join('/'), scripts: manifest.scripts ?? {} };
    });
  }
}

/**
 * The environment a developer's shell gives the project's tools: without what npm sets for
 * `npm test` and what vitest sets for its own workers (VITEST_*, NODE_ENV=test), with `pnpm`
 * on the PATH (the projects' tests call it).
 */
function childEnv(binDir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(cleanEnv(extra)).filter(([name]) => !/^(VITEST|__VITEST|TEST$|NODE_ENV$)/.test(name)));
  return { ...env, PATH: `${binDir}${path.delimiter}${env.PATH ?? ''}` };
}

/**
 * A `pnpm` command for the project and its scripts: the pinned pnpm, told not to switch to the
 * version the project's `packageManager` names (its registry signature can't be verified here, and
 * pnpm refuses to start it). An environment variable, not a flag: `pnpm run` passes it to the
 * scripts' own pnpm calls only this way, and `pnpm run` drops npm_config_* it was given.
 */
function writePnpmShim(binDir: string): string {
  mkdirSync(binDir, { recursive: true });
  const shim = path.join(binDir, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexport npm_config_manage_package_manager_versions=false\nexec "${process.execPath}" "${pnpmCli}" "$@"\n`);
  chmodSync(shim, 0o755);
  return binDir;
}

export interface Install {
  run: Run;
  /** Packages fetched from the registry: 0 on a warm cache. */
  downloaded: number;
  resolved: number;
}

/**
 * `pnpm install --frozen-lockfile` with the shared store. The lockfile pins every package by
 * integrity, so a warm store installs without the network. `--ignore-scripts`: no test needs what
 * the install scripts build (the MCP SDK's better-sqlite3, compiled from source for minutes, serves
 * two tests of one example, which fail in the baseline and are compared as such) nor the git hooks.
 */
export async function install(workspace: Workspace): Promise<Install> {
  const run = await workspace.must(
    'install with the lockfile',
    '',
    'pnpm',
    ['install', '--frozen-lockfile', '--ignore-scripts', '--prefer-offline', '--reporter=append-only', '--store-dir', path.join(cacheDir, 'pnpm-store'), '--cache-dir', path.join(cacheDir, 'pnpm-metadata')],
    15 * MINUTE,
  );
  const progress = [...run.stdout.matchAll(/resolved (\d+), reused \d+, downloaded (\d+)/g)].at(-1);
  return { run, resolved: Number(progress?.[1] ?? 0), downloaded: Number(progress?.[2] ?? 0) };
}

/**
 * taskscope, from the tarball `pnpm pack` makes of packages/runtime (what the registry would
 * serve), unpacked as the root's `node_modules/taskscope`: every package of the workspace finds it
 * by Node's lookup up the folders, and the project's lockfile and the dependencies the baseline ran
 * with stay exactly as they are; `taskscope-migrate --write` lists it where the migration imports it.
 */
export function placeRuntime(workspace: Workspace, unpackedRuntime: string): void {
  cpSync(unpackedRuntime, path.join(workspace.root, 'node_modules/taskscope'), { recursive: true });
}

/**
 * The package.json files that `files` (changed by the migration) now import `taskscope` under and
 * that do not list it in `dependencies`: `taskscope-migrate --write` must have added it to each,
 * or the migrated project would not install and run.
 */
export function undeclaredRuntime(workspace: Workspace, files: readonly string[]): string[] {
  const manifests = new Set<string>();
  for (const file of files) {
    if (!/from ['"]taskscope['"]|require\(['"]taskscope['"]\)/.test(readFileSync(path.join(workspace.root, file), 'utf8'))) continue;
    manifests.add(nearestManifest(workspace, file));
  }
  return [...manifests].filter((manifest) => {
    const json = JSON.parse(readFileSync(path.join(workspace.root, manifest), 'utf8')) as { dependencies?: Record<string, string> };
    return json.dependencies?.taskscope === undefined;
  });
}

function nearestManifest(workspace: Workspace, file: string): string {
  for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
    const manifest = dir === '.' ? 'package.json' : `${dir}/package.json`;
    if (existsSync(path.join(workspace.root, manifest))) return manifest;
    if (dir === '.') throw new Error(`no package.json above ${file}`);
  }
}
