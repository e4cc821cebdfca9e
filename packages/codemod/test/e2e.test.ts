// The end-to-end check of issue 4 on the bundled demo app: a copy of
// fixtures/demo-app in a fresh git repository is migrated with
// `taskscope-migrate --write src`; then the copy typechecks, the app's own
// tests pass on the migrated code, eslint-plugin-taskscope (recommended,
// typed) finds nothing the codemod fixes except at review markers, and the
// demo scenario leaves no call running.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runScenario, scenarios } from '../../../fixtures/demo-app/scripts/scenario.js';
import { EXIT, main } from '../src/index.js';
import { lint } from './lint-findings.js';
import { capture, git } from './temp-project.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const demoApp = path.join(repoRoot, 'fixtures/demo-app');

let root: string;
let app: string;

/** `<root>/fixtures/demo-app` as in the repository, so its tsconfig and vitest config find what they extend. */
function copyDemoApp(): void {
  root = mkdtempSync(path.join(tmpdir(), 'taskscope-e2e-'));
  app = path.join(root, 'fixtures/demo-app');
  cpSync(demoApp, app, { recursive: true, filter: (source) => !source.split(path.sep).includes('node_modules') });
  cpSync(path.join(repoRoot, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
  // Dependencies and the runtime's sources stay where they are.
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'junction');
  symlinkSync(path.join(demoApp, 'node_modules'), path.join(app, 'node_modules'), 'junction');
  symlinkSync(path.join(repoRoot, 'packages'), path.join(root, 'packages'), 'junction');
  writeFileSync(path.join(root, '.gitignore'), 'node_modules\n/packages\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'demo app as written');
}

function runCli(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = main(args, { cwd: app, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('end to end on fixtures/demo-app', () => {
  let orphansBefore: number;
  let cli: ReturnType<typeof runCli>;

  beforeAll(async () => {
    copyDemoApp();
    // The copy's modules are imported once, after the migration; the original stands for "before".
    orphansBefore = (await runScenario(path.join(demoApp, 'src'), scenarios.toolFails)).runningAtSettle.length;
    cli = runCli(['--write', 'src']);
  }, 180_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('migrates src/ with --write, with no file in error', () => {
    expect(cli.stderr).toContain('taskscope-migrate: 3 files\n');
    expect(cli.code).toBe(EXIT.ok);
    expect(git(root, 'status', '--porcelain')).toMatch(/^ M fixtures\/demo-app\/src\//m);
    // Only src/ was asked for.
    expect(git(root, 'status', '--porcelain').split('\n').filter(Boolean).every((line) => line.includes('/src/'))).toBe(true);
  });

  it('leaves code that typechecks', () => {
    const configPath = path.join(app, 'tsconfig.json');
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    const { fileNames, options } = ts.parseJsonConfigFileContent(config, ts.sys, app, undefined, configPath);
    // The app and what it imports; scripts/ and test/ load built packages, which this test does not need.
    const program = ts.createProgram(fileNames.filter((f) => /\/(src|fake)\//.test(f)), options);
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => app, getNewLine: () => '\n' };
    expect(ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), host)).toBe('');
  });

  it("passes the app's own tests on the migrated src/", () => {
    const vitest = path.join(repoRoot, 'node_modules/vitest/vitest.mjs');
    // demo-sections.test.ts migrates a pristine src/ itself; the others test src/ as it now is.
    const tests = ['test/pipeline.test.ts', 'test/scenario.test.ts', 'test/fake-network.test.ts'];
    const out = execFileSync(process.execPath, [vitest, 'run', '--reporter', 'verbose', '--root', app, ...tests], { cwd: app, encoding: 'utf8', env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    expect(out).toMatch(/Test Files\s+3 passed/);
    expect(out).toContain('src/ (migrated) when a tool call fails');
  }, 180_000);

  it('leaves no lint finding of a kind the codemod fixes, except at review markers', async () => {
    const before = await lint(demoApp);
    expect(before.filter((f) => f.ruleId?.startsWith('taskscope/')).length).toBeGreaterThan(3);
    const after = await lint(app);
    expect(after.filter((f) => f.ruleId === null || !f.marked).map((f) => f.where)).toEqual([]);
  }, 120_000);

  it("drops the demo's orphan count to 0", async () => {
    expect(orphansBefore).toBeGreaterThan(0);
    const result = await runScenario(path.join(app, 'src'), scenarios.toolFails);
    expect(result.runningAtSettle).toEqual([]);
  });
});
