// One case of the matrix, start to end, as a user would go: a fresh project,
// one install, then lint, migrate (dry run, then --write), typecheck and lint
// again. Nothing here asserts: each step's outcome is recorded for the tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { git } from '../../packages/codemod/test/temp-project.js';
import { type Case, manifestFor } from './cases.js';
import { type Run, cleanEnv, exec } from './exec.js';
import { type Packed, pnpmCli } from './pack.js';
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
  install: Run;
  /** Undefined when the install failed: nothing else ran. */
  steps?: Steps;
  seconds: number;
}

export interface Steps {
  /** `tsc -v` (the bin `npx tsc` runs), and the version `require('typescript')` gives the tools. */
  tscVersion: Run;
  apiVersion: Run;
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

const ESLINT_CONFIG = `// Written by the install matrix: TypeScript files typed through the project service, then the plugin's preset.
import taskscope from 'eslint-plugin-taskscope';
import tseslint from 'typescript-eslint';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  taskscope.configs.recommended,
];
`;

const ESLINT_CONFIG_JS = `// Written by the install matrix: the JavaScript only, with ESLint's own parser, untyped.
import taskscope from 'eslint-plugin-taskscope';

export default [taskscope.configs.recommended];
`;

export async function runCase(testCase: Case, packed: readonly Packed[], root: string, caches: Caches, signal: AbortSignal): Promise<CaseRun> {
  const started = performance.now();
  const dir = path.join(root, testCase.id);
  mkdirSync(dir, { recursive: true });
  copySample(dir);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifestFor(testCase, packed), null, 2)}\n`);
  writeFileSync(path.join(dir, 'eslint.config.js'), testCase.lint === 'typed' ? ESLINT_CONFIG : ESLINT_CONFIG_JS);
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n');

  const env = cleanEnv({ npm_config_cache: caches.npm });
  const tool = (name: string, args: string[]) => exec(path.join(dir, 'node_modules/.bin', name), args, { cwd: dir, env, timeout: STEP_TIMEOUT, signal });
  const seconds = () => (performance.now() - started) / 1000;

  const install =
    testCase.pm === 'npm'
      ? await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, env, timeout: INSTALL_TIMEOUT, signal })
      : await exec(
          process.execPath,
          [pnpmCli, 'install', '--prefer-offline', '--reporter=append-only', '--store-dir', caches.pnpmStore, '--cache-dir', caches.pnpmMetadata],
          { cwd: dir, env, timeout: INSTALL_TIMEOUT, signal },
        );
  if (install.code !== 0) return { testCase, dir, install, seconds: seconds() };

  // Committed, so the dry run can be shown to write nothing and `--write` finds a clean tree.
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'the project as installed');

  const node = (args: string[]) => exec(process.execPath, args, { cwd: dir, env, timeout: STEP_TIMEOUT, signal });
  const typecheck = () => node([path.join(dir, 'node_modules', testCase.compiler, 'bin/tsc'), '--noEmit', '-p', '.']);

  const tscVersion = await tool('tsc', ['-v']);
  const apiVersion = await node(['-e', "process.stdout.write(require('typescript').version)"]);
  const tscBefore = await typecheck();
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
